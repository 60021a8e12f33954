'use client';
/**
 * Keeps the experiences pages current without a reload: when either partner adds, plans, finishes or
 * remembers something, the page re-renders from the server. A calm line says what the partner did.
 */
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useLiveEvent } from '../../_components/live/live-connection';
import { LiveNoticeSlot } from '../../_components/live/live-notice-slot';

type Payload = { experienceId: string; change: string; actorId: string; actorName: string };

const SENTENCES: Record<string, (name: string) => string> = {
  added: (name) => `${name} added an idea.`,
  edited: (name) => `${name} changed an idea.`,
  deleted: (name) => `${name} took an idea off the list.`,
  planned: (name) => `${name} planned something for you both.`,
  done: (name) => `${name} marked something as done.`,
  'memory-saved': (name) => `${name} wrote a memory.`,
  'memory-removed': (name) => `${name} removed part of a memory.`,
};

export function ExperiencesLive({ viewerId }: { viewerId: string }) {
  const router = useRouter();
  const [notice, setNotice] = useState<string | null>(null);
  useLiveEvent<Payload>('experience-changed', (payload) => {
    if (payload.actorId !== viewerId) setNotice(SENTENCES[payload.change]?.(payload.actorName) ?? `${payload.actorName} changed something.`);
    router.refresh();
  });
  return <LiveNoticeSlot notice={notice} onDismiss={() => setNotice(null)} />;
}
