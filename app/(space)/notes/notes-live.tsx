'use client';
/**
 * Keeps a notes page current without a reload: when a note is shared, acknowledged, answered or
 * retracted (or one of my drafts changes on another device), the page re-renders from the server,
 * which decides again what this person may see. A calm line says what happened; nothing flashes.
 */
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useLiveEvent } from '../../_components/live/live-connection';
import { LiveNoticeSlot } from '../../_components/live/live-notice-slot';

type NotePayload = { noteId: string; actorId: string; actorName: string };

const SENTENCES: Record<string, (name: string) => string> = {
  'note-shared': (name) => `${name} shared a note with you.`,
  'note-acknowledged': (name) => `${name} acknowledged your note.`,
  'note-reply-added': (name) => `${name} replied to a note.`,
  'note-retracted': (name) => `${name} retracted a note.`,
};

export function NotesLive({ viewerId }: { viewerId: string }) {
  const router = useRouter();
  const [notice, setNotice] = useState<string | null>(null);
  const onNoteEvent = (event: string) => (payload: NotePayload) => {
    if (payload.actorId !== viewerId) setNotice(SENTENCES[event]!(payload.actorName));
    router.refresh();
  };
  useLiveEvent<NotePayload>('note-shared', onNoteEvent('note-shared'));
  useLiveEvent<NotePayload>('note-acknowledged', onNoteEvent('note-acknowledged'));
  useLiveEvent<NotePayload>('note-reply-added', onNoteEvent('note-reply-added'));
  useLiveEvent<NotePayload>('note-retracted', onNoteEvent('note-retracted'));
  useLiveEvent('note-drafts-changed', () => router.refresh());
  return <LiveNoticeSlot notice={notice} onDismiss={() => setNotice(null)} />;
}
