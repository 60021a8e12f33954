import type { Metadata } from 'next';
import Link from 'next/link';
import { FilterDisclosure } from '../../_components/filter-disclosure';
import { findReadableSpace } from '@/server/access/authorization';
import { describeClosedSpace } from '@/server/domain/spaces/describe-closed-space';
import { ClosedSpaceNotice } from '../closed-space-notice';
import { getDb } from '@/server/db/process-database';
import { FAMILY_LABELS, FEELING_FAMILIES, FEELING_WORDS } from '@/server/domain/feelings/feelings-vocabulary';
import { buildFeelingsChart, weekStart } from '@/server/domain/notes/feelings-chart';
import { listChartFeelings } from '@/server/domain/notes/list-chart-feelings';
import { listNotes, type NoteSummary } from '@/server/domain/notes/list-notes';
import { noteFiltersSchema } from '@/server/domain/notes/note-input';
import { listMembers } from '@/server/domain/spaces/space-members';
import { requireSignedIn } from '../../_lib/viewer';
import { FeelingChips } from './feeling-chips';
import { FeelingsChart } from './feelings-chart';
import { ForgetLocalCopy } from '../journal/forget-local-copy';
import { NotesLive } from './notes-live';
import './notes.css';
import { NoSpaceYet } from '../no-space-yet';
import { LocalTime } from '@/app/_components/local-time';

export const metadata: Metadata = { title: 'Notes' };

const CHART_WEEKS = 8;

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function NotesPage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = await requireSignedIn('/notes');
  const db = getDb();
  const membership = await findReadableSpace(db, viewer.userId);
  if (!membership) return <NoSpaceYet title="Notes" lead="Notes live in the space you share with your partner." />;
  const params = await searchParams;
  const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;
  const filters = noteFiltersSchema.parse({ feeling: single(params.feeling), author: single(params.author), acknowledged: single(params.acknowledged) });
  const includeMyDrafts = single(params.drafts) === '1';
  const now = new Date();
  const since = new Date(weekStart(now).getTime() - (CHART_WEEKS - 1) * 7 * 86_400_000);
  const [notes, members, chartFeelings] = await Promise.all([
    listNotes(db, viewer, filters),
    listMembers(db, membership.spaceId),
    listChartFeelings(db, viewer, { since, includeMyDrafts }),
  ]);
  const me = members.find((m) => m.userId === viewer.userId);
  const partner = members.find((m) => m.userId !== viewer.userId);
  const ordered = [me, partner].filter((m): m is NonNullable<typeof m> => Boolean(m));
  const chart = buildFeelingsChart(chartFeelings, ordered.map((m) => m.userId), FEELING_FAMILIES, now, CHART_WEEKS);
  const filtered = Boolean(filters.feeling || filters.author || filters.acknowledged);
  const closed = await describeClosedSpace(db, membership);

  return (
    <main className="container">
      <NotesLive viewerId={viewer.userId} />
      <ForgetLocalCopy documentId={single(params.forget)} />
      {single(params.deleted) ? <p className="notice notice-info" role="status">The draft was deleted.</p> : null}
      <hgroup>
        <h1>Notes</h1>
        <p>Say how you feel, not why the other is wrong. A note stays a private draft until you share it.</p>
      </hgroup>
      {closed ? (
        <ClosedSpaceNotice closed={closed} />
      ) : (
        <p>
          <Link href="/notes/new" role="button">Write a note</Link>
        </p>
      )}

      <section className="card" aria-labelledby="notes-heading">
        <h2 id="notes-heading">{filtered ? 'Notes that match' : 'All notes'}</h2>
        <FilterDisclosure
          active={[
            filters.feeling ?? '',
            filters.author === 'me' ? 'written by me' : filters.author === 'partner' ? `written by ${partner?.name ?? 'my partner'}` : '',
            filters.acknowledged === 'yes' ? 'acknowledged' : filters.acknowledged === 'no' ? 'not acknowledged yet' : '',
          ].filter(Boolean)}
        >
        <form method="get" className="note-filters" aria-label="Filter notes">
          <label>
            Feeling
            <select name="feeling" defaultValue={filters.feeling ?? ''}>
              <option value="">Any feeling</option>
              {FEELING_FAMILIES.map((family) => (
                <optgroup key={family} label={FAMILY_LABELS[family]}>
                  <option value={family}>Any {FAMILY_LABELS[family].toLowerCase()}</option>
                  {FEELING_WORDS[family]
                    .filter((word) => word !== family)
                    .map((word) => (
                      <option key={word} value={word}>{word}</option>
                    ))}
                </optgroup>
              ))}
            </select>
          </label>
          <label>
            Written by
            <select name="author" defaultValue={filters.author ?? ''}>
              <option value="">Either of us</option>
              <option value="me">Me</option>
              <option value="partner">{partner?.name ?? 'My partner'}</option>
            </select>
          </label>
          <label>
            Acknowledged
            <select name="acknowledged" defaultValue={filters.acknowledged ?? ''}>
              <option value="">Either way</option>
              <option value="yes">Acknowledged</option>
              <option value="no">Not yet</option>
            </select>
          </label>
          {includeMyDrafts ? <input type="hidden" name="drafts" value="1" /> : null}
          <div className="filter-actions">
            <button type="submit" className="secondary">Filter</button>
            {filtered ? <Link href={includeMyDrafts ? '/notes?drafts=1' : '/notes'}>Clear</Link> : null}
          </div>
        </form>
        </FilterDisclosure>
        {notes.length === 0 ? (
          <p className="muted" data-testid="no-notes">
            {filtered
              ? 'No notes match these filters.'
              : closed
                ? 'No notes were shared in this space.'
                : `No notes yet. When something weighs on you, a note lets you name the feeling, what happened and what you need. It stays a private draft that only you can see until you choose to share it. When ${partner?.name ?? 'your partner'} shares a note with you, it appears here.`}
          </p>
        ) : (
          <ul className="plain note-list" data-testid="note-list">
            {notes.map((note) => (
              <NoteItem key={note.id} note={note} partnerName={partner?.name ?? 'your partner'} />
            ))}
          </ul>
        )}
      </section>

      <section className="card" aria-labelledby="chart-heading">
        <h2 id="chart-heading">Feelings over the weeks</h2>
        <p className="muted small">
          What each of you has shared in the last {CHART_WEEKS} weeks. A bar grows with each feeling named, more for a stronger one. It is a picture, not a score.
        </p>
        <FeelingsChart
          weeks={chart.weeks}
          people={chart.people.map((person) => {
            const member = ordered.find((m) => m.userId === person.authorId)!;
            const mine = person.authorId === viewer.userId;
            return { ...person, name: mine ? `${member.name} (you)` : member.name, note: mine && includeMyDrafts ? 'with your drafts, which only you see' : undefined };
          })}
        />
        <p className="small">
          {includeMyDrafts ? <Link href="/notes">Show shared notes only</Link> : <Link href="/notes?drafts=1">Include my drafts in my chart (only you see them)</Link>}
        </p>
      </section>
    </main>
  );
}

function NoteItem({ note, partnerName }: { note: NoteSummary; partnerName: string }) {
  const when = <LocalTime iso={note.sharedAt ?? note.createdAt} format="date" />;
  if (!note.mine && note.status === 'retracted') {
    return (
      <li className="note-item note-retracted" data-testid="note-item" data-status="retracted">
        A note from {note.authorName} was retracted{note.retractedAt ? <> on <LocalTime iso={note.retractedAt} format="date" /></> : ''}.
      </li>
    );
  }
  return (
    <li className="note-item" data-testid="note-item" data-status={note.status}>
      <div className="note-item-head">
        <Link href={`/notes/${note.id}`}>
          {note.mine ? 'Your note' : `${note.authorName}’s note`} · {note.status === 'draft' ? <>started {when}</> : when}
        </Link>
        <span className="note-badges">
          {note.status === 'draft' ? <span className="badge badge-draft">Draft · only you can see it</span> : null}
          {note.status === 'retracted' ? <span className="badge">Retracted · {partnerName} can no longer read it</span> : null}
          {note.status === 'shared' && note.acknowledgedAt ? <span className="badge badge-ack">Acknowledged</span> : null}
          {note.status === 'shared' && !note.acknowledgedAt ? <span className="badge">Not acknowledged yet</span> : null}
          {note.replyCount > 0 ? <span className="badge">{note.replyCount === 1 ? '1 reply' : `${note.replyCount} replies`}</span> : null}
        </span>
      </div>
      <FeelingChips feelings={note.feelings} />
    </li>
  );
}
