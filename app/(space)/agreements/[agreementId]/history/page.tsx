import type { Metadata } from 'next';
import Link from 'next/link';
import { Fragment, type CSSProperties, type ReactNode } from 'react';
import { readBlocks } from '@/server/domain/history/document-blocks';
import { listTimeline } from '@/server/domain/history/list-timeline';
import { readDocAt, readHistoryPeople } from '@/server/domain/history/read-history';
import { describeWordChange } from '@/server/domain/history/word-change';
import { readAgreementVersions } from '@/server/domain/versions/get-agreement-versions';
import { RestoreForm } from '../versions/version-forms';
import { DocumentView } from './document-view';
import { HistoryHeader } from './history-header';
import { VersionLiveRefresh } from './live-refresh';
import { loadAgreementHistory, parsePoint, readUpdateTimes } from './load-agreement';
import { LocalTime } from './local-time';
import './history.css';

export const metadata: Metadata = { title: 'Agreement history' };

const PAGE_SIZE = 15;

interface TimelineEvent {
  at: Date;
  kind: 'proposed' | 'signed' | 'changes';
  text: string;
}

export default async function HistoryPage({ params, searchParams }: { params: Promise<{ agreementId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { agreementId } = await params;
  const query = await searchParams;
  const { viewer, db, access } = await loadAgreementHistory(agreementId, `/agreements/${agreementId}/history`);
  const { document } = access;
  const versions = await readAgreementVersions(db, document.id);
  const lastSeq = versions.currentSeq;
  const before = parsePoint(query.before, lastSeq + 1) ?? undefined;
  const timeline = await listTimeline(db, document.id, { beforeSeq: before, limit: PAGE_SIZE });
  const selected = parsePoint(query.at, lastSeq) ?? (before === undefined ? lastSeq : (timeline.sessions[0]?.lastSeq ?? lastSeq));

  const people = await readHistoryPeople(db, document.spaceId, [
    ...timeline.sessions.flatMap((s) => s.authorIds),
    ...versions.versions.flatMap((v) => [v.proposedBy, ...v.signatures.map((s) => s.signerId), v.changeRequest?.requestedBy ?? null]),
  ]);
  const nameOf = (id: string | null) => (id === viewer.userId ? 'You' : id ? (people.get(id)?.name ?? 'A former member') : 'Mend');
  const colourOf = (id: string | null) => (id ? (people.get(id)?.colour ?? '#4b5563') : '#4b5563');

  // Version events in this page's stretch of time, between its oldest session and the page above it.
  const upper = before !== undefined ? ((await readUpdateTimes(db, document.id, [before])).get(before) ?? null) : null;
  const lower = timeline.nextBeforeSeq === null ? null : (timeline.sessions.at(-1)?.startedAt ?? null);
  const inWindow = (at: Date) => (upper === null || at < upper) && (lower === null || at >= lower);
  const events: TimelineEvent[] = versions.versions
    .flatMap((v): TimelineEvent[] => [
      { at: v.proposedAt, kind: 'proposed', text: `${nameOf(v.proposedBy)} proposed version ${v.number}` },
      ...v.signatures.map((s): TimelineEvent => ({ at: s.signedAt, kind: 'signed', text: `${nameOf(s.signerId)} signed version ${v.number}` })),
      ...(v.changeRequest ? [{ at: v.changeRequest.createdAt, kind: 'changes' as const, text: `${nameOf(v.changeRequest.requestedBy)} asked for changes to version ${v.number}` }] : []),
    ])
    .filter((event) => inWindow(event.at));
  type Item = { at: Date; node: ReactNode; key: string };
  const items: Item[] = [
    ...timeline.sessions.map((session): Item => {
      const isSelected = selected >= session.firstSeq && selected <= session.lastSeq;
      const together = session.authorIds.length > 1;
      const style = { '--author': colourOf(session.authorId), '--author-2': colourOf(session.authorIds[1] ?? null) } as CSSProperties;
      const viewHref = `/agreements/${document.id}/history?at=${session.lastSeq}${before !== undefined ? `&before=${before}` : ''}`;
      return {
        at: session.endedAt,
        key: `s${session.firstSeq}`,
        node: (
          <div className={`timeline-entry${isSelected ? ' selected' : ''}${together ? ' together' : ''}`} style={style} data-testid="timeline-session">
            {session.authorIds.map((id, i) => (
              <Fragment key={id ?? 'mend'}>
                {i === 0 ? null : i === session.authorIds.length - 1 ? ' and ' : ', '}
                <span className="who" style={{ '--author': colourOf(id) } as CSSProperties}>
                  {i === 0 ? nameOf(id) : nameOf(id).replace(/^You$/, 'you')}
                </span>
              </Fragment>
            ))}{' '}
            {session.restoredFrom ? (
              <>
                restored <span className="restored-tag">{session.restoredFrom}</span>
              </>
            ) : together ? (
              'edited together'
            ) : (
              'edited'
            )}
            <span className="when">
              <LocalTime iso={session.startedAt.toISOString()} />
              {session.updateCount > 1 && session.endedAt.getTime() - session.startedAt.getTime() > 60_000 ? (
                <>
                  {' – '}
                  <LocalTime iso={session.endedAt.toISOString()} format="time" />
                </>
              ) : null}
            </span>
            <span className="size">{describeWordChange(session.words)}</span>
            <span className="entry-links">
              {isSelected ? <span aria-current="true">Showing</span> : <Link href={viewHref}>Show the agreement then</Link>}
              <Link href={`/agreements/${document.id}/history/compare?from=${session.firstSeq - 1}&to=${session.lastSeq}`}>What changed</Link>
            </span>
          </div>
        ),
      };
    }),
    ...events.map(
      (event, i): Item => ({
        at: event.at,
        key: `e${i}`,
        node: (
          <div className={`timeline-event event-${event.kind}`} data-testid="timeline-event">
            {event.text}
            <span className="when">
              <LocalTime iso={event.at.toISOString()} />
            </span>
          </div>
        ),
      }),
    ),
  ].sort((a, b) => b.at.getTime() - a.at.getTime());

  const doc = await readDocAt(db, document.id, selected);
  const blocks = readBlocks(doc);
  doc.destroy();
  const selectedTime = (await readUpdateTimes(db, document.id, [selected])).get(selected);
  const inEffect = versions.inEffect;
  const editable = access.mode === 'edit';

  return (
    <main className="container">
      <VersionLiveRefresh documentId={document.id} />
      <HistoryHeader agreementId={document.id} title={document.title} current="history" subtitle="Every edit is kept, with who made it and when." />
      <div className="history-layout">
        <section aria-labelledby="timeline-heading">
          <h2 id="timeline-heading">Timeline</h2>
          {items.length === 0 ? (
            <p className="muted">Nothing has been written yet.</p>
          ) : (
            <ol className="timeline" data-testid="timeline">
              {items.map((item) => (
                <li key={item.key}>{item.node}</li>
              ))}
            </ol>
          )}
          <p className="timeline-more">
            {before !== undefined ? <Link href={`/agreements/${document.id}/history`}>← Newest</Link> : null}
            {before !== undefined && timeline.nextBeforeSeq !== null ? ' · ' : null}
            {timeline.nextBeforeSeq !== null ? <Link href={`/agreements/${document.id}/history?before=${timeline.nextBeforeSeq}`}>Older entries →</Link> : null}
          </p>
        </section>
        <section className="point-panel" aria-labelledby="point-heading">
          <h2 id="point-heading">
            {selected === lastSeq ? 'As it is now' : selectedTime ? <>As it was on <LocalTime iso={selectedTime.toISOString()} /></> : 'Before anything was written'}
          </h2>
          <p className="muted">Read only. {selected === lastSeq ? '' : 'This is how the agreement read after this edit.'}</p>
          <div className="point-actions">
            {selected !== lastSeq ? (
              <Link role="button" className="secondary" href={`/agreements/${document.id}/history/compare?from=${selected}&to=${lastSeq}`}>
                Compare with now
              </Link>
            ) : null}
            {inEffect && inEffect.seq !== selected ? (
              <Link role="button" className="secondary" href={`/agreements/${document.id}/history/compare?from=${inEffect.seq}&to=${selected}`}>
                Compare with version {inEffect.number} (in effect)
              </Link>
            ) : null}
            {editable && selected !== lastSeq ? <RestoreForm agreementId={document.id} seq={selected} label="this state" /> : null}
          </div>
          <DocumentView blocks={blocks} label="The agreement at the selected point" />
        </section>
      </div>
    </main>
  );
}
