'use client';
/**
 * What the floor asks of each of you at each step: speaking, reflecting, confirming, "Is there
 * more?". Each returns the step's title, lead and body for FloorStep's card.
 */
import { useState, type ReactNode } from 'react';
import type { StepProps } from './room-kit';
import { clock } from './room-time';
import { turnEndsSoon } from './turn-notice';

export interface Moment {
  title: string;
  lead: ReactNode;
  top?: ReactNode;
  body?: ReactNode;
}

type MomentProps = StepProps & { now: number; speaking: boolean };

const REFLECTION_PREFIX = 'What I heard is';

export function speakingMoment({ view, now, partner, busy, act, speaking }: MomentProps): Moment {
  const floor = view.floor!;
  const remaining = Math.max(0, (floor.turnEndsAt ?? now) - now);
  return {
    title: speaking ? 'You have the floor' : `${partner.name} has the floor`,
    lead: speaking ? 'Speak about your own experience: “I feel…”, “I need…”. When you have said what matters, hand over.' : `Listen to ${partner.name}. When they hand over, you will say back what you heard. You cannot take the floor.`,
    // The timer comes first: at phone width it is what must be seen without scrolling.
    top: (
      <>
        <p className="conv-turn-timer" role="timer" aria-live="off" aria-label={`${Math.ceil(remaining / 1000)} seconds left in this turn`} data-testid="turn-timer">
          {clock(remaining)}
        </p>
        <p className="muted conv-timer-caption">left in {speaking ? 'your' : `${partner.name}’s`} turn</p>
        {turnEndsSoon(view, now) ? (
          <p className="conv-turn-notice" role="status" data-testid="turn-ending-notice">
            {speaking ? 'About 30 seconds left. There is time to finish your thought.' : `About 30 seconds left in ${partner.name}’s turn.`}
          </p>
        ) : null}
      </>
    ),
    body: speaking ? (
      <button type="button" className="conv-big-action" disabled={busy} onClick={() => void act({ type: 'yield', conversationId: view.id })}>
        I am done, hand over
      </button>
    ) : null,
  };
}

export function reflectingMoment(props: MomentProps): Moment {
  const { view, partner, speaking } = props;
  return {
    title: speaking ? `${partner.name} is reflecting` : 'Say back what you heard',
    lead: speaking ? `${partner.name} is writing what they heard. You will be asked whether it is right.` : `In your own words, what did ${partner.name} say? Not your answer, just what you heard.`,
    body: (
      <>
        <PreviousTries reflections={view.currentReflections.filter((r) => r.verdict === 'not-quite')} />
        {!speaking ? <ReflectionForm {...props} /> : null}
      </>
    ),
  };
}

function ReflectionForm({ view, busy, act }: MomentProps) {
  const [text, setText] = useState('');
  return (
    <form
      onSubmit={async (event) => {
        event.preventDefault();
        const result = await act({ type: 'reflect', conversationId: view.id, text });
        if (result.ok) setText('');
      }}
    >
      <label>
        {REFLECTION_PREFIX}…
        <textarea name="reflection" rows={3} value={text} onChange={(e) => setText(e.target.value)} maxLength={2000} required placeholder="…that you feel left out when I decide on my own." />
      </label>
      <button type="submit" disabled={busy || !text.trim()}>
        Share my reflection
      </button>
    </form>
  );
}

export function confirmingMoment({ view, partner, busy, act, speaking }: MomentProps): Moment {
  return {
    title: speaking ? 'Is this what you said?' : `Waiting for ${partner.name}`,
    lead: speaking ? `${partner.name} heard:` : `${partner.name} is reading your reflection.`,
    body: (
      <>
        <Reflection text={view.currentReflections.at(-1)?.text ?? ''} testId="reflection" />
        {speaking ? (
          <div className="conv-row-actions">
            <button type="button" className="conv-big-action" disabled={busy} onClick={() => void act({ type: 'answer-reflection', conversationId: view.id, verdict: 'right' })}>
              That’s right
            </button>
            <button type="button" className="secondary conv-big-action" disabled={busy} onClick={() => void act({ type: 'answer-reflection', conversationId: view.id, verdict: 'not-quite' })}>
              Not quite
            </button>
          </div>
        ) : null}
      </>
    ),
  };
}

export function confirmedMoment({ view, partner, busy, act, speaking }: MomentProps): Moment {
  return {
    title: speaking ? `${partner.name} heard you` : 'You heard it right',
    lead: speaking ? `${partner.name} will ask whether there is more.` : `Now ask ${partner.name}: is there more?`,
    body: (
      <>
        <Reflection text={view.currentReflections.at(-1)?.text ?? ''} />
        {!speaking ? (
          <button type="button" className="conv-big-action" disabled={busy} onClick={() => void act({ type: 'ask-more', conversationId: view.id })}>
            Is there more?
          </button>
        ) : null}
      </>
    ),
  };
}

export function moreAskedMoment({ view, partner, busy, act, speaking }: MomentProps): Moment {
  return {
    title: speaking ? `${partner.name} asks: is there more?` : `Waiting for ${partner.name}`,
    lead: speaking ? 'Continue if something is still unsaid, or pass the floor.' : `${partner.name} may continue, or pass the floor to you.`,
    body: speaking ? (
      <div className="conv-row-actions">
        <button type="button" className="conv-big-action" disabled={busy} onClick={() => void act({ type: 'continue-speaking', conversationId: view.id })}>
          Yes, I will continue
        </button>
        <button type="button" className="secondary conv-big-action" disabled={busy} onClick={() => void act({ type: 'pass-floor', conversationId: view.id })}>
          That is all, pass the floor to {partner.name}
        </button>
      </div>
    ) : null,
  };
}

/** A reflection under its label; a listener who began with the label's own words does not get it twice. */
function Reflection({ text, testId }: { text: string; testId?: string }) {
  const saysItself = text.trim().toLowerCase().startsWith(REFLECTION_PREFIX.toLowerCase());
  return (
    <blockquote className="conv-reflection" data-testid={testId}>
      {saysItself ? null : <span className="conv-reflection-label">{REFLECTION_PREFIX}… </span>}
      {text}
    </blockquote>
  );
}

function PreviousTries({ reflections }: { reflections: { text: string; attempt: number }[] }) {
  if (!reflections.length) return null;
  return (
    <div className="conv-previous-tries">
      <p className="muted">Not quite yet:</p>
      <ul>
        {reflections.map((r) => (
          <li key={r.attempt}>
            <s>{r.text}</s>
          </li>
        ))}
      </ul>
    </div>
  );
}
