'use client';
/**
 * For partners who are apart: the speaker can write what they want to say, and the listener sees
 * it as it is typed. The words go through the server to the partner and nowhere else: nothing is
 * stored, by the server or on either device. Each page keeps them in memory for the turn (the
 * listener reads them while reflecting); once the floor passes they are gone.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ConversationView } from '@/server/domain/conversations/conversation-view';
import { SPEAKER_WORDS_MAX } from '@/server/domain/conversations/live-relay-input';
import {
  SPEAKER_WORDS_REQUEST_TO_SERVER,
  SPEAKER_WORDS_REQUESTED,
  SPEAKER_WORDS_TO_CLIENT,
  SPEAKER_WORDS_TO_SERVER,
  type RelayAck,
} from '@/server/realtime/socket-io/call-protocol';
import { useLiveEvent, useLiveSocket } from '../../_components/live/live-connection';
import type { Person } from './room-kit';

/** Often enough to read as live, rarely enough not to send every keystroke. */
const SEND_EVERY_MS = 150;

export function SpeakerWords({ view, partner }: { view: ConversationView; partner: Person }) {
  const { socket, status } = useLiveSocket();
  const speaking = view.floor?.yourRole === 'speaker';
  const turn = view.turns.length - 1;
  const key = `${view.id}:${turn}`;
  const [words, setWords] = useState<{ key: string; text: string }>({ key, text: '' });
  const [problem, setProblem] = useState<string | null>(null);
  const text = words.key === key ? words.text : '';
  const latest = useRef({ key, text, speaking });
  latest.current = { key, text, speaking };
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const sendNow = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (!socket?.connected || !latest.current.speaking) return;
    socket.timeout(10_000).emit(SPEAKER_WORDS_TO_SERVER, { conversationId: view.id, turn, text: latest.current.text }, (error: Error | null, ack?: RelayAck) => {
      if (error) setProblem(`${partner.name} may not see your latest words: the connection is slow.`);
      else if (ack && !ack.ok && ack.code !== 'not-your-turn') setProblem(ack.reason);
      else setProblem(null);
    });
  }, [socket, view.id, turn, partner.name]);

  const write = (next: string) => {
    setWords({ key, text: next });
    latest.current = { ...latest.current, text: next };
    if (!timer.current) timer.current = setTimeout(sendNow, SEND_EVERY_MS);
  };
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  // The listener's page asks for the words so far whenever it (re)connects or a turn begins.
  useEffect(() => {
    if (speaking || status !== 'connected' || !socket || view.phase !== 'floor') return;
    socket.emit(SPEAKER_WORDS_REQUEST_TO_SERVER, { conversationId: view.id }, () => undefined);
  }, [speaking, status, socket, view.id, view.phase, turn]);

  useLiveEvent<{ conversationId: string; turn: number; text: string }>(SPEAKER_WORDS_TO_CLIENT, (frame) => {
    if (frame.conversationId === view.id && frame.turn === turn && !latest.current.speaking) setWords({ key, text: frame.text });
  });
  useLiveEvent<{ conversationId: string }>(SPEAKER_WORDS_REQUESTED, (frame) => {
    if (frame.conversationId === view.id && latest.current.speaking && latest.current.text) sendNow();
  });

  // Once the speaker has handed over, the box stays only if something was written (to reflect on).
  if (view.floor?.step !== 'speaking' && !text) return null;
  const notice = <p className="muted conv-words-note">Not saved: {speaking ? `${partner.name} sees` : 'you see'} these words live, and they are gone once the floor passes.</p>;
  if (speaking) {
    const open = view.floor?.step === 'speaking';
    return (
      <section className="card conv-words conv-words--speaker" aria-labelledby="words-heading">
        <h3 id="words-heading">{open ? 'Apart? Write what you want to say' : 'What you wrote'}</h3>
        <textarea
            aria-label={`Your words for ${partner.name}`}
            data-testid="speaker-words-input"
            rows={4}
            value={text}
            maxLength={SPEAKER_WORDS_MAX}
            readOnly={!open}
            onChange={(e) => write(e.target.value)}
            onBlur={() => (timer.current ? sendNow() : undefined)}
            placeholder={`If you are not speaking out loud, write here. ${partner.name} sees it as you type.`}
          />
        {problem ? (
          <p className="field-error" role="alert">
            {problem}
          </p>
        ) : null}
        {notice}
      </section>
    );
  }
  return (
    <section className="card conv-words conv-words--listener" aria-labelledby="words-heading">
      <h3 id="words-heading">{partner.name}’s words</h3>
      {text ? (
        <p className="conv-words-text" data-testid="speaker-words" aria-live="off">
          {text}
        </p>
      ) : (
        <p className="muted" data-testid="speaker-words-empty">
          If {partner.name} writes instead of speaking, their words appear here as they type.
        </p>
      )}
      {notice}
    </section>
  );
}
