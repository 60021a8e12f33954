import type { Metadata } from 'next';
import Link from 'next/link';
import { findReadableSpace } from '@/server/access/authorization';
import { getDb } from '@/server/db/process-database';
import { listMemories } from '@/server/domain/experiences/list-experiences';
import { describeClosedSpace } from '@/server/domain/spaces/describe-closed-space';
import { listMembers } from '@/server/domain/spaces/space-members';
import { requireSignedIn } from '../../../_lib/viewer';
import { ClosedSpaceNotice } from '../../closed-space-notice';
import { NoSpaceYet } from '../../no-space-yet';
import { ExperiencesLive } from '../experiences-live';
import { LocalTime } from '../local-time';
import { MemoryCard } from '../memory-card';
import '../experiences.css';

export const metadata: Metadata = { title: 'Our memories' };

export default async function MemoriesPage() {
  const viewer = await requireSignedIn('/experiences/memories');
  const db = getDb();
  const readable = await findReadableSpace(db, viewer.userId);
  if (!readable) return <NoSpaceYet title="Our memories" lead="Memories of what you did together live in the space you share with your partner." />;
  const { membership, entries } = await listMemories(db, viewer);
  const closed = await describeClosedSpace(db, membership);
  const partnerName = (await listMembers(db, membership.spaceId)).find((m) => m.userId !== viewer.userId)?.name ?? closed?.leaverName ?? 'Your partner';

  return (
    <main className="container">
      <ExperiencesLive viewerId={viewer.userId} />
      <p className="breadcrumb">
        <Link href="/experiences">← Things to do together</Link>
      </p>
      <hgroup>
        <h1>Our memories</h1>
        <p className="experiences-lead">What you did together, newest first, and what each of you wanted to remember of it.</p>
      </hgroup>
      {closed ? <ClosedSpaceNotice closed={closed} /> : null}
      {entries.length === 0 ? (
        <p className="muted" data-testid="no-memories">
          Nothing here yet. When you mark something on <Link href="/experiences">your list</Link> as done, it appears here with both your memories.
        </p>
      ) : (
        entries.map((entry) => {
          const theirName = entry.partner?.authorName ?? partnerName;
          return (
            <section key={entry.experienceId} className="memory-entry" data-testid="memory-entry" aria-labelledby={`memory-${entry.experienceId}`}>
              <header>
                <h2 id={`memory-${entry.experienceId}`}>
                  <Link href={`/experiences/${entry.experienceId}`}>{entry.title}</Link>
                </h2>
                <span className="experience-meta">
                  <LocalTime iso={entry.doneAt.toISOString()} withTime={false} />
                </span>
              </header>
              <div className="memories-pair">
                <MemoryCard memory={entry.mine} heading="You" emptyText={closed ? 'You did not write a memory of this.' : 'You have not written yours yet.'} />
                <MemoryCard memory={entry.partner} heading={theirName} emptyText={closed ? `${theirName} did not write a memory of this.` : `${theirName} has not written theirs yet.`} />
              </div>
            </section>
          );
        })
      )}
    </main>
  );
}
