'use client';
/**
 * The live conversation screen. It says, at every moment, whose turn it is and what to do now; the
 * server decides what is allowed, and a refusal's reason is shown as it comes. The Pause button is
 * always on screen while a conversation is going. Each phase has its own file; this one only picks
 * the phase, and keeps the optional voice call mounted across phases so none of them drops it.
 */
import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import { JOIN_EARLY_MS } from '@/server/domain/conversations/conversation-machine';
import type { ConversationView } from '@/server/domain/conversations/conversation-view';
import { CallPanel } from './call-panel';
import { CheckInStep } from './check-in-step';
import { ClosingStep } from './closing-step';
import { EndedStep } from './ended-step';
import { FloorStep } from './floor-step';
import { OpeningStep } from './opening-step';
import { PauseControl } from './pause-control';
import { PauseScreen } from './pause-screen';
import { ProposeStep } from './propose-step';
import { ProposedStep } from './proposed-step';
import { RevealStep } from './reveal-step';
import type { Person, Send } from './room-kit';
import { ScheduledStep } from './scheduled-step';
import { TopicBar } from './topic-bar';
import { useConversation, useNow } from './use-conversation';

export type { Person } from './room-kit';

export function ConversationRoom({ me, partner, iceServers }: { me: Person; partner: Person | null; iceServers: RTCIceServer[] }) {
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
  const callable = view && ['check-in', 'floor', 'closing'].includes(view.phase);

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
      {view && callable ? (
        <CallPanel conversationId={view.id} partner={partner} iceServers={iceServers} paused={view.pause !== null} />
      ) : null}
      {view?.pause ? <PauseScreen view={view} now={now} partner={partner} busy={busy} act={act} names={names} /> : <PhaseScreen view={view} now={now} me={me} partner={partner} busy={busy} act={act} names={names} refresh={refresh} />}
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

function PhaseScreen({ view, now, me, partner, busy, act, names, refresh }: { view: ConversationView | null; now: number; me: Person; partner: Person; busy: boolean; act: Send; names: (id: string | null) => string; refresh: () => void }) {
  if (!view) return <ProposeStep partner={partner} busy={busy} act={act} />;
  const props = { view, partner, busy, act };
  switch (view.phase) {
    case 'proposed':
      return <ProposedStep {...props} />;
    case 'scheduled':
      return <ScheduledStep {...props} now={now} />;
    case 'opening':
      return <OpeningStep {...props} />;
    case 'check-in':
      return <CheckInStep {...props} />;
    case 'floor':
      // Both check-ins first, shown to both at the same moment; then the first turn.
      return view.revealEndsAt !== null && now < view.revealEndsAt ? <RevealStep {...props} now={now} /> : <FloorStep {...props} now={now} />;
    case 'closing':
      return <ClosingStep {...props} me={me} />;
    case 'ended':
      return <EndedStep view={view} me={me} partner={partner} names={names} refresh={refresh} />;
  }
}
