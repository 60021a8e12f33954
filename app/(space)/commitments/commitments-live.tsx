'use client';
/**
 * Keeps the commitments pages current without a reload: when either partner takes a step or
 * check-ins are revealed, the page re-renders from the server, which applies the reveal rule again.
 * The events themselves carry no check-in content. A calm line says what the partner did.
 */
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useLiveEvent } from '../../_components/live/live-connection';
import { LiveNoticeSlot } from '../../_components/live/live-notice-slot';

type StepPayload = { commitmentId: string; step: string; actorId: string; actorName: string };
type RevealPayload = { commitmentId: string; periodStart: string; actorId: string; actorName: string };

const STEP_SENTENCES: Record<string, (name: string) => string> = {
  created: (name) => `${name} made a commitment.`,
  requested: (name) => `${name} asked you for a commitment.`,
  accepted: (name) => `${name} accepted a commitment.`,
  declined: (name) => `${name} declined a commitment.`,
  paused: (name) => `${name} paused a commitment.`,
  resumed: (name) => `${name} resumed a commitment.`,
  changed: (name) => `${name} changed the words of a commitment.`,
  completed: (name) => `${name} completed a commitment.`,
};

export function CommitmentsLive({ viewerId, commitmentId }: { viewerId: string; commitmentId?: string }) {
  const router = useRouter();
  const [notice, setNotice] = useState<string | null>(null);
  const concernsThisPage = (id: string) => !commitmentId || id === commitmentId;
  useLiveEvent<StepPayload>('commitment-changed', (payload) => {
    if (!concernsThisPage(payload.commitmentId)) return;
    if (payload.actorId !== viewerId) setNotice((STEP_SENTENCES[payload.step] ?? STEP_SENTENCES.changed!)(payload.actorName));
    router.refresh();
  });
  useLiveEvent<RevealPayload>('commitment-check-ins-revealed', (payload) => {
    if (!concernsThisPage(payload.commitmentId)) return;
    if (payload.actorId !== viewerId) setNotice(`${payload.actorName} checked in. You can both see each other’s view of that period now.`);
    router.refresh();
  });
  useLiveEvent<{ commitmentId: string }>('commitment-own-check-in-saved', (payload) => {
    if (concernsThisPage(payload.commitmentId)) router.refresh();
  });
  return <LiveNoticeSlot notice={notice} onDismiss={() => setNotice(null)} />;
}
