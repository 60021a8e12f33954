'use client';
import { useState, type FormEvent } from 'react';
import { Step, type Person, type Send } from './room-kit';
import { minutesWord } from './room-time';

/** No conversation is open: say in one sentence what to talk about, and how long each turn lasts. */
export function ProposeStep({ partner, busy, act }: { partner: Person; busy: boolean; act: Send }) {
  const [topic, setTopic] = useState('');
  const [minutes, setMinutes] = useState(3);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void act({ type: 'propose', topic, turnMinutes: minutes });
  };
  return (
    <Step title="Start a conversation" lead={`Say in one sentence what you would like to talk about. ${partner.name} can start now or suggest a time.`}>
      <form onSubmit={submit} className="conv-propose-form">
        <label>
          Topic
          <input name="topic" value={topic} onChange={(e) => setTopic(e.target.value)} maxLength={200} required placeholder="For example: how we decide about money" />
        </label>
        <label>
          Length of each turn
          <select name="turnMinutes" value={minutes} onChange={(e) => setMinutes(Number(e.target.value))}>
            {Array.from({ length: 10 }, (_, i) => i + 1).map((n) => (
              <option key={n} value={n}>
                {minutesWord(n)}
                {n === 3 ? ' (suggested)' : ''}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={busy}>
          Propose this conversation
        </button>
      </form>
      <details className="conv-how-it-works">
        <summary>How a conversation works</summary>
        <ol>
          <li>You each check in privately: how you feel, and how strongly. Both are shown at the same moment.</li>
          <li>One of you speaks, the other listens. The speaker has the floor for one turn.</li>
          <li>The listener says back what they heard. The speaker answers “That’s right” or “Not quite”.</li>
          <li>Then the listener asks “Is there more?”. When the speaker is done, the floor passes.</li>
          <li>Either of you can pause at any time, for at least 20 minutes. You agree together when to come back, and carry on when you are both ready.</li>
          <li>When the speaker has said what they need to, they move you both on to write next steps together.</li>
        </ol>
      </details>
    </Step>
  );
}
