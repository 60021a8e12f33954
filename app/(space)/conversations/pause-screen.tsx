'use client';
import { useState } from 'react';
import type { ConversationView } from '@/server/domain/conversations/conversation-view';
import type { Person, Send } from './room-kit';
import { clock, clockTime, duration, whenLabel } from './room-time';

/** During a pause nothing else happens: the time it lasts, when you agreed to come back, and being ready. */
export function PauseScreen({ view, now, partner, busy, act, names }: { view: ConversationView; now: number; partner: Person; busy: boolean; act: Send; names: (id: string | null) => string }) {
  const pause = view.pause!;
  const mayBeReady = now >= pause.minimumEndsAt;
  const iAmReady = pause.ready.includes(view.viewerId);
  const partnerReady = pause.ready.includes(partner.id);
  // The server says when the agreed time has come (it pushes a new view then); the local clock covers a late push.
  const returnReached = pause.returnAgreed && (pause.returnReached || now >= pause.returnAt);
  const countdownTo = !mayBeReady ? pause.minimumEndsAt : pause.returnAgreed && !returnReached ? pause.returnAt : null;
  return (
    <section className="card conversation-step conv-pause-screen" aria-labelledby="pause-title">
      <h2 id="pause-title" data-testid="step-title">
        Paused
      </h2>
      <p className="conversation-lead">
        {names(pause.by) === 'You' ? 'You paused' : `${partner.name} paused`} the conversation. Take the time you need: breathe, walk, drink some water.
      </p>
      {returnReached ? (
        <p className="notice notice-info conv-return-notice" role="status" data-testid="return-notice">
          It is {clockTime(pause.returnAt)}, the time you agreed to come back. When you feel ready, say so below. There is no rush.
        </p>
      ) : null}
      {countdownTo !== null ? (
        <>
          <p className="conv-turn-timer" role="timer" data-testid="pause-timer">
            {clock(countdownTo - now)}
          </p>
          <p className="muted conv-timer-caption">{!mayBeReady ? 'until you can say you are ready' : `until ${clockTime(pause.returnAt)}, the time you agreed`}</p>
        </>
      ) : null}
      {returnReached ? null : <ReturnTime view={view} now={now} partner={partner} busy={busy} act={act} />}
      {iAmReady ? (
        <p>You are ready. {partnerReady ? '' : `Waiting for ${partner.name}.`}</p>
      ) : (
        <button type="button" className="conv-big-action" disabled={busy || !mayBeReady} onClick={() => void act({ type: 'ready', conversationId: view.id })}>
          I am ready to continue
        </button>
      )}
      <p className="muted">{partnerReady ? `${partner.name} is ready.` : `${partner.name} has not said they are ready yet.`}</p>
    </section>
  );
}


/**
 * When to come back, agreed by both: the one who paused suggested a time; the other agrees or
 * suggests another, and so on. The time is a plan; being ready after the minimum is what resumes.
 */
function ReturnTime({ view, now, partner, busy, act }: { view: ConversationView; now: number; partner: Person; busy: boolean; act: Send }) {
  const pause = view.pause!;
  const [choice, setChoice] = useState<number | null>(null);
  if (pause.returnAgreed) {
    return (
      <p className="conv-return" data-testid="pause-return">
        You both agreed to come back at <strong>{whenLabel(pause.returnAt, now)}</strong>.
      </p>
    );
  }
  if (pause.returnProposedBy === view.viewerId) {
    return (
      <p className="conv-return" data-testid="pause-return">
        You suggested coming back at <strong>{whenLabel(pause.returnAt, now)}</strong>. Waiting for {partner.name} to agree or suggest another time.
      </p>
    );
  }
  const options = returnChoices(pause, now);
  const selected = choice !== null && options.includes(choice) ? choice : options[0];
  return (
    <div className="conv-return conv-return-answer" data-testid="pause-return">
      <p>
        {partner.name} suggests coming back at <strong>{whenLabel(pause.returnAt, now)}</strong>.
      </p>
      <div className="conv-row-actions">
        <button type="button" disabled={busy} onClick={() => void act({ type: 'agree-return', conversationId: view.id })}>
          Agree to {clockTime(pause.returnAt)}
        </button>
      </div>
      {selected !== undefined ? (
        <form
          className="conv-return-other"
          onSubmit={(event) => {
            event.preventDefault();
            void act({ type: 'propose-return', conversationId: view.id, returnAt: selected });
          }}
        >
          <label>
            Or suggest another time
            <select value={selected} onChange={(e) => setChoice(Number(e.target.value))}>
              {options.map((at) => (
                <option key={at} value={at}>
                  {whenLabel(at, now)}
                  {at === pause.minimumEndsAt ? ' (the earliest)' : ` (in ${duration(at - now)})`}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="secondary" disabled={busy}>
            Suggest this time
          </button>
        </form>
      ) : null}
    </div>
  );
}

/**
 * Times to suggest: the end of the minimum, then set steps after the pause began, up to 24 hours;
 * none within a minute of the time already suggested (it would read as the same time).
 */
function returnChoices(pause: NonNullable<ConversationView['pause']>, now: number): number[] {
  const latest = pause.startedAt + 24 * 3600_000;
  const steps = [30, 60, 120, 240, 480, 24 * 60].map((minutes) => pause.startedAt + minutes * 60_000);
  return [pause.minimumEndsAt, ...steps.filter((at) => at > now && at > pause.minimumEndsAt)].filter(
    (at, i, all) => at <= latest && Math.abs(at - pause.returnAt) >= 60_000 && all.indexOf(at) === i,
  );
}
