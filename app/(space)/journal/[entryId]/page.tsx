import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { eq } from 'drizzle-orm';
import { users } from '@/drizzle/schema';
import { isUuid, requireJournalEntry } from '@/server/access/authorization';
import { getDb } from '@/server/db/process-database';
import { isAppError } from '@/server/domain/errors';
import { colourForSeat } from '@/server/domain/spaces/member-colour';
import { CollaborativeEditor } from '../../../_components/collaborative-editor/collaborative-editor';
import { requireSignedIn } from '../../../_lib/viewer';
import { DeleteJournalEntryForm, JournalEntryDetailsForm } from '../journal-forms';
import '../../notes/notes.css';
import { formatCalendarDay } from '@/app/_lib/dates';

export const metadata: Metadata = { title: 'Journal entry' };

function formatEntryDate(iso: string): string {
  return formatCalendarDay(iso);
}

export default async function JournalEntryPage({ params }: { params: Promise<{ entryId: string }> }) {
  const { entryId } = await params;
  const viewer = await requireSignedIn(`/journal/${encodeURIComponent(entryId)}`);
  if (!isUuid(entryId)) notFound();
  const db = getDb();
  // The partner gets exactly the 404 of an entry that never existed.
  const access = await requireJournalEntry(db, viewer, entryId).catch((error: unknown) => {
    if (isAppError(error) && error.code === 'not-found') return null;
    throw error;
  });
  if (!access) notFound();
  const { entry } = access;
  const [me] = await db.select({ name: users.name }).from(users).where(eq(users.id, viewer.userId)).limit(1);
  return (
    <main className="container">
      <p className="breadcrumb">
        <Link href="/journal">← My journal</Link>
      </p>
      <hgroup>
        <h1>{formatEntryDate(entry.entryDate)}</h1>
        <p className="muted">Private: only you can read this. It saves as you type, and works offline.</p>
      </hgroup>
      <CollaborativeEditor
        documentId={entry.documentId}
        editable
        user={{ id: viewer.userId, name: me?.name ?? 'You', colour: colourForSeat(1) }}
        placeholder="Write freely. No one else will read this."
        label="Journal entry"
      />
      <details className="journal-details">
        <summary>Date and feelings</summary>
        <JournalEntryDetailsForm entryId={entry.id} entryDate={entry.entryDate} feelings={entry.feelings} />
      </details>
      <DeleteJournalEntryForm entryId={entry.id} />
    </main>
  );
}
