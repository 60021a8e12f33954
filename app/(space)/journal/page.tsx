import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/server/db/process-database';
import { listJournalEntries } from '@/server/domain/journal/list-journal-entries';
import { requireSignedIn } from '../../_lib/viewer';
import { FeelingChips } from '../notes/feeling-chips';
import { ForgetLocalCopy } from './forget-local-copy';
import { JournalLive } from './journal-live';
import { NewJournalEntryForm } from './journal-forms';
import '../notes/notes.css';
import { LocalDay } from '@/app/_components/local-day';

export const metadata: Metadata = { title: 'Journal' };

export default async function JournalPage({ searchParams }: { searchParams: Promise<{ deleted?: string; forget?: string }> }) {
  const viewer = await requireSignedIn('/journal');
  const db = getDb();
  const entries = await listJournalEntries(db, viewer);
  const { deleted, forget } = await searchParams;
  return (
    <main className="container">
      <JournalLive />
      <ForgetLocalCopy documentId={forget} />
      {deleted ? <p className="notice notice-info" role="status">The entry was erased.</p> : null}
      <hgroup>
        <h1>My journal</h1>
        <p>Only you can ever read this. Your partner cannot see it, not even that it exists. It is yours: it stays with you if you leave a space, and goes only when you delete it or your account.</p>
      </hgroup>
      <section className="card" aria-labelledby="new-entry-heading">
        <h2 id="new-entry-heading">New entry</h2>
        <NewJournalEntryForm today={new Date().toISOString().slice(0, 10)} />
      </section>
      <section className="card" aria-labelledby="entries-heading">
        <div className="row">
          <h2 id="entries-heading">Entries</h2>
          {entries.length > 0 ? (
            <a href="/journal/export" download>
              Export as Markdown
            </a>
          ) : null}
        </div>
        {entries.length === 0 ? (
          <p className="muted">No entries yet. Start with today, above: a few lines about how you are is enough, and no one else will ever read them.</p>
        ) : (
          <ul className="plain note-list" data-testid="journal-list">
            {entries.map((entry) => (
              <li key={entry.id} className="note-item">
                <Link href={`/journal/${entry.id}`}><LocalDay day={entry.entryDate} /></Link>
                {entry.feelings.length > 0 ? <FeelingChips feelings={entry.feelings} /> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}

