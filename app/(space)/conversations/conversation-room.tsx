'use client';
/**
 * The live conversation screen. It says, at every moment, whose turn it is and what to do now; the
 * server decides what is allowed, and a refusal's reason is shown as it comes. The Pause button is
 * always on screen while a conversation is going.
 */
import Link from 'next/link';
import { useActionState, useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { FEELINGS, JOIN_EARLY_MS, type CheckIn } from '@/server/domain/conversations/conversation-machine';
import type { ConversationView } from '@/server/domain/conversations/conversation-view';
import type { ConversationActionInput } from '@/server/domain/conversations/conversation-input';
import { CollaborativeEditor } from '../../_components/collaborative-editor/collaborative-editor';
import { usePresence } from '../../_components/live/live-connection';
import { SubmitButton } from '../../_components/submit-button';
import { initialActionState } from '../../_lib/action-result';
import { turnNextStepIntoAgreementAction } from './actions';
import { NextStepToCommitmentForm } from '../commitments/next-step-to-commitment-form';
import { useConversation, useNow, type SendResult } from './use-conversation';

export interface Person {
  id: string;
  name: string;
  colour: string;
}

type Send = (action: ConversationActionInput) => Promise<SendResult>;

export function ConversationRoom({ me, partner }: { me: Person; partner: Person | null }) {
  const { view, loaded, status, problem, send, refresh, clockOffset } = useConversation();
  const now = useNow(clockOffset);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const act: Send = async (action) => {
    setBusy(true);
    setRefusal(null);
    const result = await send(action);
    setBusy(false);
    if (!result.ok) setRefusal(result.reason);
    return result;
  };

  // When a countdown the server decides on runs out, ask where we are (the server's deadline is the truth).
  const deadline = nextDeadline(view);
  const asked = useRef<number | null>(null);
  useEffect(() => {
    if (deadline !== null && now >= deadline && asked.current !== deadline) {
      asked.current = deadline;
      refresh();
    }
  }, [now, deadline, refresh]);

  if (!partner) {
    return <p className="notice notice-info">Conversations are for the two of you. Invite your partner from <Link href="/space">your space</Link> first.</p>;
  }
  if (!loaded) {
    return (
      <p aria-busy="true" className="muted">
        {status === 'closed' && problem ? problem : 'Connecting…'}
      </p>
    );
  }

  const names = (id: string | null | undefined) => (id === me.id ? 'You' : id === partner.id ? partner.name : 'Someone');
  const going = view && ['opening', 'check-in', 'floor', 'closing'].includes(view.phase);

  return (
    <div className="conversation" data-phase={view?.phase ?? 'none'} data-step={view?.floor?.step ?? ''} data-role={view?.floor?.yourRole ?? ''}>
      {status !== 'connected' ? (
        <p className="notice notice-info" role="status">
          {problem ?? 'Reconnecting…'} Your place in the conversation is kept.
        </p>
      ) : null}
      {view && view.phase !== 'ended' ? <TopicBar view={view} partner={partner} busy={busy} act={act} /> : null}
      {refusal ? (
        <p className="notice notice-error" role="alert" data-testid="refusal">
          {refusal}
        </p>
      ) : null}
      {view?.pause ? (
        <PauseScreen view={view} now={now} partner={partner} busy={busy} act={act} names={names} />
      ) : (
        <PhaseScreen view={view} now={now} me={me} partner={partner} busy={busy} act={act} names={names} refresh={refresh} />
      )}
      {going && !view?.pause ? <PauseControl view={view!} now={now} partner={partner} busy={busy} act={act} /> : null}
    </div>
  );
}

function nextDeadline(view: ConversationView | null): number | null {
  if (!view) return null;
  if (view.pause) return view.pause.minimumEndsAt;
  if (view.phase === 'floor' && view.floor?.step === 'speaking') return view.floor.turnEndsAt;
  if (view.phase === 'scheduled' && view.scheduledFor) return view.scheduledFor - JOIN_EARLY_MS;
  return null;
}

function TopicBar({ view, partner, busy, act }: { view: ConversationView; partner: Person; busy: boolean; act: Send }) {
  const presence = usePresence();
  const partnerHere = presence.some((p) => p.userId === partner.id);
  const endLabel = view.phase === 'proposed' || view.phase === 'scheduled' ? (view.proposedBy === view.viewerId ? 'Withdraw' : 'Decline') : 'End for both of us';
  return (
    <header className="conversation-topic">
      <div>
        <p className="conversation-eyebrow">Talking about</p>
        <p className="conversation-topic-text" data-testid="topic">
          {view.topic}
        </p>
        <p className="muted conversation-meta">
          Turns of {minutesWord(view.turnSeconds / 60)} ·{' '}
          <span className={partnerHere ? 'conv-here-now' : undefined}>{partnerHere ? `${partner.name} is here now` : `${partner.name} is not on this page`}</span>
        </p>
      </div>
      <button
        type="button"
        className="secondary outline conversation-end"
        disabled={busy}
        onClick={() => {
          if (window.confirm(view.phase === 'proposed' || view.phase === 'scheduled' ? 'Call this conversation off?' : 'End the conversation for both of you?')) void act({ type: 'end', conversationId: view.id });
        }}
      >
        {endLabel}
      </button>
    </header>
  );
}

function PhaseScreen({
  view,
  now,
  me,
  partner,
  busy,
  act,
  names,
  refresh,
}: {
  view: ConversationView | null;
  now: number;
  me: Person;
  partner: Person;
  busy: boolean;
  act: Send;
  names: (id: string | null) => string;
  refresh: () => void;
}) {
  if (!view) return <ProposeForm partner={partner} busy={busy} act={act} />;
  const id = view.id;
  switch (view.phase) {
    case 'proposed':
      if (view.proposedBy === me.id) {
        return (
          <Step title={`Waiting for ${partner.name}`} lead={`${partner.name} can start now or suggest a time within the next 24 hours.`}>
            <p className="muted">You will see their answer here as soon as they give it.</p>
          </Step>
        );
      }
      return <AnswerProposal view={view} partner={partner} busy={busy} act={act} />;
    case 'scheduled': {
      const opensAt = view.scheduledFor! - JOIN_EARLY_MS;
      const mayJoin = now >= opensAt;
      const here = view.arrived.includes(me.id);
      return (
        <Step title={`Planned for ${clockTime(view.scheduledFor!)}`} lead={mayJoin ? 'It is time. Join when you are ready.' : `In ${duration(view.scheduledFor! - now)}. You can join from 5 minutes before.`}>
          {here ? (
            <p>You are here. Waiting for {partner.name} to join.</p>
          ) : (
            <button type="button" className="conv-big-action" disabled={busy || !mayJoin} onClick={() => void act({ type: 'arrive', conversationId: id })}>
              I am here
            </button>
          )}
        </Step>
      );
    }
    case 'opening': {
      const here = view.arrived.includes(me.id);
      const partnerArrived = view.arrived.includes(partner.id);
      return (
        <Step title={here ? `Waiting for ${partner.name}` : `${partner.name} is ready to begin`} lead={here ? 'The conversation opens when you are both here.' : 'Join when you have a quiet moment and can give it your attention.'}>
          {here ? <p className="muted">{partnerArrived ? '' : `${partner.name} will join from their own screen.`}</p> : null}
          {!here ? (
            <button type="button" className="conv-big-action" disabled={busy} onClick={() => void act({ type: 'arrive', conversationId: id })}>
              I am here, let us begin
            </button>
          ) : null}
        </Step>
      );
    }
    case 'check-in':
      return <CheckInStep view={view} partner={partner} busy={busy} act={act} />;
    case 'floor':
      return <FloorStep view={view} now={now} partner={partner} busy={busy} act={act} />;
    case 'closing':
      return <ClosingStep view={view} me={me} partner={partner} busy={busy} act={act} />;
    case 'ended':
      return <EndedStep view={view} me={me} partner={partner} names={names} refresh={refresh} />;
  }
}

/** The end, said calmly: a talk request that never began is not a conversation with a summary. */
function EndedStep({ view, me, partner, names, refresh }: { view: ConversationView; me: Person; partner: Person; names: (id: string | null) => string; refresh: () => void }) {
  const startAnother = (
    <p>
      <button type="button" className="secondary" onClick={refresh}>
        Propose a conversation
      </button>
    </p>
  );
  if (view.endReason === 'partner-left') {
    return (
      <Step title="The conversation ended early" lead="It ended because one of you left the space. Nothing that was still private was shown.">
        <p>
          <Link href={`/conversations/${view.id}`} className="conv-summary-link">
            Read the summary
          </Link>
        </p>
      </Step>
    );
  }
  if (view.openedAt === null) {
    const withdrawn = view.endedBy === view.proposedBy;
    const lead = withdrawn
      ? view.endedBy === me.id
        ? 'You withdrew it before it began. Nothing was said or kept.'
        : `${partner.name} withdrew it before it began. Nothing is needed from you.`
      : view.endedBy === me.id
        ? 'You declined it for now. Nothing was said or kept.'
        : `${partner.name} declined it for now. Either of you can propose a conversation again when you are ready.`;
    return (
      <Step title={withdrawn ? 'This talk request was withdrawn' : 'This talk request was declined'} lead={lead}>
        {startAnother}
      </Step>
    );
  }
  return (
    <Step title="The conversation has ended" lead={`${view.endedBy === me.id ? 'You ended it' : `${names(view.endedBy)} ended it for both of you`}. Thank you for taking the time.`}>
      <p>
        <Link href={`/conversations/${view.id}`} className="conv-summary-link">
          Read the summary
        </Link>
      </p>
    </Step>
  );
}

function Step({ title, lead, top, children, tone }: { title: string; lead?: ReactNode; top?: ReactNode; children?: ReactNode; tone?: 'speak' | 'listen' }) {
  return (
    <section className={`card conversation-step${tone ? ` conversation-step--${tone}` : ''}`} aria-labelledby="step-title">
      <h2 id="step-title" data-testid="step-title">
        {title}
      </h2>
      {top}
      {lead ? <p className="conversation-lead">{lead}</p> : null}
      {children}
    </section>
  );
}

function ProposeForm({ partner, busy, act }: { partner: Person; busy: boolean; act: Send }) {
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

function AnswerProposal({ view, partner, busy, act }: { view: ConversationView; partner: Person; busy: boolean; act: Send }) {
  const [time, setTime] = useState('');
  return (
    <Step title={`${partner.name} would like to talk`} lead={<>About: <strong>{view.topic}</strong></>}>
      <div className="conv-row-actions">
        <button type="button" className="conv-big-action" disabled={busy} onClick={() => void act({ type: 'accept', conversationId: view.id })}>
          Start now
        </button>
      </div>
      <form
        className="conv-suggest-time"
        onSubmit={(event) => {
          event.preventDefault();
          const at = new Date(time).getTime();
          void act({ type: 'propose-time', conversationId: view.id, at: Number.isFinite(at) ? at : 0 });
        }}
      >
        <label>
          Or suggest a time in the next 24 hours
          <input type="datetime-local" value={time} onChange={(e) => setTime(e.target.value)} required />
        </label>
        <button type="submit" className="secondary" disabled={busy}>
          Suggest this time
        </button>
      </form>
    </Step>
  );
}

function CheckInStep({ view, partner, busy, act }: { view: ConversationView; partner: Person; busy: boolean; act: Send }) {
  const [feelings, setFeelings] = useState<string[]>([]);
  const [intensity, setIntensity] = useState<number | null>(null);
  if (view.checkIn.mine) {
    return (
      <Step title="Your check-in is in" lead={view.checkIn.partnerHasCheckedIn ? 'Showing both…' : `Waiting for ${partner.name}. Nothing is shown until you have both chosen.`}>
        <CheckInCard label="You" checkIn={view.checkIn.mine} />
        <p className="muted">{view.checkIn.partnerHasCheckedIn ? `${partner.name} has checked in.` : `${partner.name} has not checked in yet.`}</p>
      </Step>
    );
  }
  const toggle = (feeling: string) => setFeelings((current) => (current.includes(feeling) ? current.filter((f) => f !== feeling) : current.length >= 5 ? current : [...current, feeling]));
  return (
    <Step title="Check in" lead={`How are you feeling right now? ${partner.name} sees your answer only when you have both chosen.`}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void act({ type: 'check-in', conversationId: view.id, feelings: feelings as never, intensity: intensity ?? 0 });
        }}
      >
        <fieldset>
          <legend>Feelings (up to five)</legend>
          <div className="conv-chips">
            {FEELINGS.map((feeling) => (
              <label key={feeling} className="conv-chip">
                <input type="checkbox" checked={feelings.includes(feeling)} onChange={() => toggle(feeling)} />
                {feeling}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>How strongly, from 1 (a little) to 5 (very)</legend>
          <div className="conv-intensity">
            {[1, 2, 3, 4, 5].map((n) => (
              <label key={n} className="conv-chip">
                <input type="radio" name="intensity" checked={intensity === n} onChange={() => setIntensity(n)} />
                {n}
              </label>
            ))}
          </div>
        </fieldset>
        <button type="submit" disabled={busy || feelings.length === 0 || intensity === null}>
          Check in
        </button>
      </form>
      <p className="muted">{view.checkIn.partnerHasCheckedIn ? `${partner.name} has checked in.` : `${partner.name} has not checked in yet.`}</p>
    </Step>
  );
}

function CheckInCard({ label, checkIn }: { label: string; checkIn: CheckIn }) {
  return (
    <p className="conv-check-in-card" data-testid={`check-in-${label === 'You' ? 'mine' : 'partner'}`}>
      <strong>{label}:</strong> {checkIn.feelings.join(', ')} <span className="conv-intensity-badge" aria-label={`intensity ${checkIn.intensity} of 5`}>{checkIn.intensity}/5</span>
    </p>
  );
}

function FloorStep({ view, now, partner, busy, act }: { view: ConversationView; now: number; partner: Person; busy: boolean; act: Send }) {
  const floor = view.floor!;
  const speaking = floor.yourRole === 'speaker';
  const speakerName = speaking ? 'You' : partner.name;
  const listenerName = speaking ? partner.name : 'You';
  const id = view.id;
  const reflections = view.currentReflections;
  const latest = reflections.at(-1);
  const [text, setText] = useState('');

  let body: ReactNode;
  let top: ReactNode = null;
  let title: string;
  let lead: ReactNode;
  switch (floor.step) {
    case 'speaking': {
      const remaining = Math.max(0, (floor.turnEndsAt ?? now) - now);
      title = speaking ? 'You have the floor' : `${partner.name} has the floor`;
      lead = speaking ? 'Speak about your own experience: “I feel…”, “I need…”. When you have said what matters, hand over.' : `Listen to ${partner.name}. When they hand over, you will say back what you heard. You cannot take the floor.`;
      // The timer comes first: at phone width it is what must be seen without scrolling.
      top = (
        <>
          <p className="conv-turn-timer" role="timer" aria-live="off" aria-label={`${Math.ceil(remaining / 1000)} seconds left in this turn`} data-testid="turn-timer">
            {clock(remaining)}
          </p>
          <p className="muted conv-timer-caption">left in {speaking ? 'your' : `${partner.name}’s`} turn</p>
        </>
      );
      body = speaking ? (
        <button type="button" className="conv-big-action" disabled={busy} onClick={() => void act({ type: 'yield', conversationId: id })}>
          I am done, hand over
        </button>
      ) : null;
      break;
    }
    case 'reflecting':
      title = speaking ? `${partner.name} is reflecting` : 'Say back what you heard';
      lead = speaking ? `${partner.name} is writing what they heard. You will be asked whether it is right.` : `In your own words, what did ${partner.name} say? Not your answer, just what you heard.`;
      body = (
        <>
          <PreviousTries reflections={reflections.filter((r) => r.verdict === 'not-quite')} />
          {!speaking ? (
            <form
              onSubmit={async (event) => {
                event.preventDefault();
                const result = await act({ type: 'reflect', conversationId: id, text });
                if (result.ok) setText('');
              }}
            >
              <label>
                What I heard is…
                <textarea name="reflection" rows={3} value={text} onChange={(e) => setText(e.target.value)} maxLength={2000} required placeholder="What I heard is that you…" />
              </label>
              <button type="submit" disabled={busy || !text.trim()}>
                Share my reflection
              </button>
            </form>
          ) : null}
        </>
      );
      break;
    case 'confirming':
      title = speaking ? 'Is this what you said?' : `Waiting for ${partner.name}`;
      lead = speaking ? `${partner.name} heard:` : `${partner.name} is reading your reflection.`;
      body = (
        <>
          <blockquote className="conv-reflection" data-testid="reflection">
            {latest?.text}
          </blockquote>
          {speaking ? (
            <div className="conv-row-actions">
              <button type="button" className="conv-big-action" disabled={busy} onClick={() => void act({ type: 'answer-reflection', conversationId: id, verdict: 'right' })}>
                That’s right
              </button>
              <button type="button" className="secondary conv-big-action" disabled={busy} onClick={() => void act({ type: 'answer-reflection', conversationId: id, verdict: 'not-quite' })}>
                Not quite
              </button>
            </div>
          ) : null}
        </>
      );
      break;
    case 'confirmed':
      title = speaking ? `${partner.name} heard you` : 'You heard it right';
      lead = speaking ? `${partner.name} will ask whether there is more.` : `Now ask ${partner.name}: is there more?`;
      body = (
        <>
          <blockquote className="conv-reflection">{latest?.text}</blockquote>
          {!speaking ? (
            <button type="button" className="conv-big-action" disabled={busy} onClick={() => void act({ type: 'ask-more', conversationId: id })}>
              Is there more?
            </button>
          ) : null}
        </>
      );
      break;
    case 'more-asked':
      title = speaking ? `${partner.name} asks: is there more?` : `Waiting for ${partner.name}`;
      lead = speaking ? 'Continue if something is still unsaid, or pass the floor.' : `${partner.name} may continue, or pass the floor to you.`;
      body = speaking ? (
        <div className="conv-row-actions">
          <button type="button" className="conv-big-action" disabled={busy} onClick={() => void act({ type: 'continue-speaking', conversationId: id })}>
            Yes, I will continue
          </button>
          <button type="button" className="secondary conv-big-action" disabled={busy} onClick={() => void act({ type: 'pass-floor', conversationId: id })}>
            That is all, pass the floor to {partner.name}
          </button>
        </div>
      ) : null;
      break;
  }

  return (
    <>
      <BothCheckIns view={view} partner={partner} />
      <p className={`conv-role-banner role-banner--${speaking ? 'speak' : 'listen'}`} data-testid="role-banner">
        <strong>{speaking ? 'You are speaking' : 'You are listening'}</strong>
        <span>
          Speaker: {speakerName} · Listener: {listenerName}
        </span>
      </p>
      <Step title={title} lead={lead} top={top} tone={speaking ? 'speak' : 'listen'}>
        {body}
      </Step>
      {speaking ? (
        <p className="conv-next-steps-move">
          <button
            type="button"
            className="secondary outline"
            disabled={busy}
            onClick={() => {
              if (window.confirm('Stop taking turns and write next steps together?')) void act({ type: 'move-to-next-steps', conversationId: id });
            }}
          >
            Move on to next steps
          </button>
          <small className="muted">Only the speaker can move you both on.</small>
        </p>
      ) : (
        <p className="conv-next-steps-move muted" data-testid="next-steps-by-speaker">
          When {partner.name} has said what they need to, they can move you both on to next steps.
        </p>
      )}
    </>
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

function BothCheckIns({ view, partner }: { view: ConversationView; partner: Person }) {
  if (!view.checkIn.mine || !view.checkIn.partners) return null;
  return (
    <details className="conv-check-ins">
      <summary>How you both checked in</summary>
      <CheckInCard label="You" checkIn={view.checkIn.mine} />
      <CheckInCard label={partner.name} checkIn={view.checkIn.partners} />
    </details>
  );
}

function ClosingStep({ view, me, partner, busy, act }: { view: ConversationView; me: Person; partner: Person; busy: boolean; act: Send }) {
  const [state, formAction] = useActionState(turnNextStepIntoAgreementAction, initialActionState);
  return (
    <Step title="Next steps" lead={`Write together what each of you will do next. ${partner.name} sees every change as you type.`}>
      {view.nextStepsDocumentId ? (
        <CollaborativeEditor documentId={view.nextStepsDocumentId} user={{ id: me.id, name: me.name, colour: me.colour }} label="Next steps" placeholder="One next step per line, for example: “We check in every Sunday evening.”" />
      ) : null}
      <form action={formAction} className="conv-next-step-to-agreement">
        <input type="hidden" name="conversationId" value={view.id} />
        <label>
          Turn a next step into an agreement draft
          <input name="nextStep" defaultValue={state.values?.nextStep ?? ''} maxLength={500} placeholder="Paste or type one next step" aria-invalid={state.fieldErrors?.nextStep ? true : undefined} />
        </label>
        {state.fieldErrors?.nextStep ? <small className="field-error">{state.fieldErrors.nextStep[0]}</small> : null}
        <SubmitButton className="secondary" pendingText="Creating…">
          Create agreement draft
        </SubmitButton>
        {state.message ? (
          <p className={state.ok ? 'notice notice-ok' : 'notice notice-error'} role={state.ok ? 'status' : 'alert'}>
            {state.message} {state.ok && state.data?.agreementId ? <Link href={`/agreements/${state.data.agreementId}`}>Open it</Link> : null}
          </p>
        ) : null}
      </form>
      <NextStepToCommitmentForm conversationId={view.id} />
      <button
        type="button"
        className="conv-big-action"
        disabled={busy}
        onClick={() => {
          if (window.confirm('End the conversation for both of you? The next steps are kept.')) void act({ type: 'end', conversationId: view.id });
        }}
      >
        We are done: end the conversation
      </button>
    </Step>
  );
}

function PauseControl({ view, now, partner, busy, act }: { view: ConversationView; now: number; partner: Person; busy: boolean; act: Send }) {
  const [open, setOpen] = useState(false);
  const minimum = view.pauseMinimumSeconds;
  // In seconds; the first choice is the minimum itself.
  const choices = [...new Set([minimum, 30 * 60, 60 * 60, 2 * 3600, 4 * 3600, 24 * 3600].filter((s) => s >= minimum))];
  const [seconds, setSeconds] = useState(choices[0]!);
  return (
    <aside className="conv-pause-control" aria-label="Pause">
      {open ? (
        <form
          className="conv-pause-form"
          onSubmit={async (event) => {
            event.preventDefault();
            // The minimum gets a few seconds more, so the time the request takes cannot push it under.
            const returnAt = Math.round(now + seconds * 1000 + (seconds === minimum ? 5_000 : 0));
            const result = await act({ type: 'pause', conversationId: view.id, returnAt });
            if (result.ok) setOpen(false);
          }}
        >
          <p>
            <strong>Pause.</strong> No reason needed. A pause lasts at least {lengthOf(minimum)}; nothing else happens until you are both ready.
          </p>
          <label>
            Come back in
            <select value={seconds} onChange={(e) => setSeconds(Number(e.target.value))}>
              {choices.map((s) => (
                <option key={s} value={s}>
                  {s === 24 * 3600 ? '24 hours' : s >= 3600 ? `${s / 3600} hour${s === 3600 ? '' : 's'}` : lengthOf(s)}
                </option>
              ))}
            </select>
          </label>
          <p className="muted conv-pause-hint">This is a suggestion: {partner.name} agrees to it or suggests another time.</p>
          <div className="conv-row-actions">
            <button type="submit" className="conv-pause-button" disabled={busy}>
              Pause now
            </button>
            <button type="button" className="secondary outline" onClick={() => setOpen(false)}>
              Not now
            </button>
          </div>
        </form>
      ) : (
        <button type="button" className="conv-pause-button" onClick={() => setOpen(true)} disabled={busy}>
          Pause
        </button>
      )}
    </aside>
  );
}

function PauseScreen({ view, now, partner, busy, act, names }: { view: ConversationView; now: number; partner: Person; busy: boolean; act: Send; names: (id: string | null) => string }) {
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

/** "14:35", or "14:35 tomorrow" when it is not today. */
function whenLabel(at: number, now: number): string {
  const sameDay = new Date(at).toDateString() === new Date(now).toDateString();
  return sameDay ? clockTime(at) : `${clockTime(at)} tomorrow`;
}

function clock(ms: number): string {
  const total = Math.ceil(Math.max(0, ms) / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const mmss = `${String(minutes).padStart(hours ? 2 : 1, '0')}:${String(seconds).padStart(2, '0')}`;
  return hours ? `${hours}:${mmss}` : mmss;
}

function duration(ms: number): string {
  const minutes = Math.ceil(ms / 60_000);
  if (minutes < 60) return minutesWord(minutes);
  const hours = Math.floor(minutes / 60);
  return `${hours} h ${minutes % 60} min`;
}

function clockTime(at: number): string {
  return new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

function minutesWord(n: number): string {
  const rounded = Math.round(n * 10) / 10;
  return rounded === 1 ? '1 minute' : `${rounded} minutes`;
}

/** A setting in seconds as words: "20 minutes", or "6 seconds" where a test shortened it. */
function lengthOf(seconds: number): string {
  return seconds < 60 ? `${seconds} seconds` : minutesWord(seconds / 60);
}
