import type { Metadata } from 'next';
import Link from 'next/link';
import type { CSSProperties } from 'react';
import { describeChange } from '@/server/domain/history/diff-states';
import { diffPoints, readHistoryPeople } from '@/server/domain/history/read-history';
import { readAgreementVersions } from '@/server/domain/versions/get-agreement-versions';
import { RestoreForm } from '../../versions/version-forms';
import { DocumentView } from '../document-view';
import { HistoryHeader } from '../history-header';
import { VersionLiveRefresh } from '../live-refresh';
import { loadAgreementHistory, parsePoint, readUpdateTimes } from '../load-agreement';
import { LocalTime } from '../local-time';
import '../history.css';

export const metadata: Metadata = { title: 'Compare versions' };

export default async function ComparePage({ params, searchParams }: { params: Promise<{ agreementId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { agreementId } = await params;
  const query = await searchParams;
  const { viewer, db, access } = await loadAgreementHistory(agreementId, `/agreements/${agreementId}/history/compare`);
  const { document } = access;
  const versions = await readAgreementVersions(db, document.id);
  const lastSeq = versions.currentSeq;
  const versionAt = (seq: number) => versions.versions.find((v) => v.seq === seq);
  const to = parsePoint(query.to, lastSeq) ?? lastSeq;
  // Default: what changed since the version in effect (or since the start).
  const from = parsePoint(query.from, lastSeq) ?? versions.inEffect?.seq ?? 0;
  const diff = await diffPoints(db, document.id, from, to);
  const people = await readHistoryPeople(db, document.spaceId, diff.changes.map((c) => c.authorId));
  const looks = new Map([...people].map(([id, person]) => [id, { name: id === viewer.userId ? 'You' : person.name, colour: person.colour }]));
  const times = await readUpdateTimes(db, document.id, [diff.fromSeq, diff.toSeq]);

  const describePoint = (seq: number) => {
    const version = versionAt(seq);
    const time = times.get(seq);
    if (seq === lastSeq && !version) return <>now</>;
    if (version) return <>version {version.number}{seq === lastSeq ? ' (the current text)' : ''}</>;
    if (seq === 0 || !time) return <>the start</>;
    return (
      <>
        the state on <LocalTime iso={time.toISOString()} />
      </>
    );
  };
  const summary = diff.changes.map((change) => {
    const look = change.authorId ? looks.get(change.authorId) : undefined;
    return { key: change.authorId ?? 'nobody', colour: look?.colour ?? '#4b5563', text: describeChange(look?.name ?? 'Someone', change) };
  });
  const earlierVersion = versionAt(diff.fromSeq);

  return (
    <main className="container">
      <VersionLiveRefresh documentId={document.id} />
      <HistoryHeader agreementId={document.id} title={document.title} current="compare" subtitle="What changed between two points, and who changed it." />
      <section className="card" aria-labelledby="compare-heading">
        <h2 id="compare-heading">
          From {describePoint(diff.fromSeq)} to {describePoint(diff.toSeq)}
        </h2>
        <form className="compare-form no-print" method="get">
          <label htmlFor="compare-from">
            Compare from
            <select id="compare-from" name="from" defaultValue={String(diff.fromSeq)}>
              <option value="0">the start</option>
              {versions.versions.map((v) => (
                <option key={v.number} value={v.seq}>
                  version {v.number}
                  {v.state === 'in-effect' ? ' (in effect)' : v.state === 'open' ? ' (proposed)' : ''}
                </option>
              ))}
              {diff.fromSeq !== 0 && !earlierVersion ? <option value={diff.fromSeq}>the point chosen in the timeline</option> : null}
            </select>
          </label>
          <label htmlFor="compare-to">
            to
            <select id="compare-to" name="to" defaultValue={String(diff.toSeq)}>
              <option value={lastSeq}>now</option>
              {versions.versions
                .filter((v) => v.seq !== lastSeq)
                .map((v) => (
                  <option key={v.number} value={v.seq}>
                    version {v.number}
                  </option>
                ))}
              {diff.toSeq !== lastSeq && !versionAt(diff.toSeq) ? <option value={diff.toSeq}>the point chosen in the timeline</option> : null}
            </select>
          </label>
          <button type="submit" className="secondary">
            Compare
          </button>
        </form>
        {diff.changed ? (
          <ul className="diff-summary" data-testid="diff-summary">
            {summary.map((line) => (
              <li key={line.key}>
                <span className="person-dot" style={{ '--author': line.colour } as CSSProperties} aria-hidden="true" />
                {line.text}.
              </li>
            ))}
          </ul>
        ) : (
          <p className="notice notice-info" role="status" data-testid="diff-summary">
            Nothing changed between these two points{earlierVersion && diff.toSeq === lastSeq ? `: the agreement says exactly what version ${earlierVersion.number} says` : ''}.
          </p>
        )}
        {diff.changed ? (
          <p className="diff-legend" aria-hidden="true">
            <ins>added text</ins>
            <del>removed text</del>
            <span>each in the colour of the person who made the change</span>
          </p>
        ) : null}
        {earlierVersion && access.mode === 'edit' && diff.toSeq === lastSeq && diff.changed ? (
          <div className="point-actions">
            <RestoreForm agreementId={document.id} number={earlierVersion.number} label={`version ${earlierVersion.number}`} />
          </div>
        ) : null}
      </section>
      <DocumentView blocks={diff.blocks} people={looks} label="The agreement with the changes marked" />
      <p className="muted">
        <Link href={`/agreements/${document.id}/history`}>Back to the timeline</Link>
      </p>
    </main>
  );
}
