import type { Metadata } from 'next';
import Link from 'next/link';
import { requireJournalEntry } from '@/server/access/authorization';
import { readName } from '@/server/domain/accounts/person-names';
import { colourForSeat } from '@/server/domain/spaces/member-colour';
import { CollaborativeEditor } from '../../../_components/collaborative-editor/collaborative-editor';
import { loadOr404 } from '../../../_lib/load-or-404';
import { DeleteJournalEntryForm, JournalEntryDetailsForm } from '../journal-forms';
import '../../notes/notes.css';
import { LocalDay } from '@/app/_components/local-day';

export const metadata: Metadata = { title: 'Journal entry' };

export default async function JournalEntryPage({ params }: { params: Promise<{ entryId: string }> }) {
  const { entryId } = await params;
  // The partner gets exactly the 404 of an entry that never existed.
  const { viewer, db, found: access } = await loadOr404(`/journal/${encodeURIComponent(entryId)}`, entryId, (db, viewer) => requireJournalEntry(db, viewer, entryId));
  const { entry } = access;
  const myName = await readName(db, viewer.userId);
  return (
    <main className="container">
      <p className="breadcrumb">
        <Link href="/journal">← My journal</Link>
      </p>
      <hgroup>
        <h1><LocalDay day={entry.entryDate} /></h1>
        <p className="muted">Private: only you can read this. It saves as you type, and works offline.</p>
      </hgroup>
      <CollaborativeEditor
        documentId={entry.documentId}
        editable
        user={{ id: viewer.userId, name: myName ?? 'You', colour: colourForSeat(1) }}
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
