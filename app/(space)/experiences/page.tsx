import type { Metadata } from 'next';
import Link from 'next/link';
import { findReadableSpace } from '@/server/access/authorization';
import { getDb } from '@/server/db/process-database';
import { listExperiences, type ExperienceSummary } from '@/server/domain/experiences/list-experiences';
import { EXPERIENCE_SUGGESTIONS } from '@/server/domain/experiences/suggestions';
import { describeClosedSpace } from '@/server/domain/spaces/describe-closed-space';
import { requireSignedIn } from '../../_lib/viewer';
import { ClosedSpaceNotice } from '../closed-space-notice';
import { NoSpaceYet } from '../no-space-yet';
import { AddExperienceForm, AddSuggestionForm, EditExperienceForm } from './experience-forms';
import { ExperiencesLive } from './experiences-live';
import { LocalTime } from './local-time';
import './experiences.css';

export const metadata: Metadata = { title: 'Together' };

export default async function ExperiencesPage({ searchParams }: { searchParams: Promise<{ removed?: string }> }) {
  const viewer = await requireSignedIn('/experiences');
  const db = getDb();
  const readable = await findReadableSpace(db, viewer.userId);
  if (!readable) return <NoSpaceYet title="Together" lead="Your list of things to do together lives in the space you share with your partner." />;
  const { membership, ideas, planned, done } = await listExperiences(db, viewer);
  const closed = await describeClosedSpace(db, membership);
  const added = new Set([...ideas, ...planned, ...done].map((e) => e.suggestionId).filter(Boolean));
  const suggestions = EXPERIENCE_SUGGESTIONS.filter((s) => !added.has(s.id));
  const removed = (await searchParams).removed;

  return (
    <main className="container">
      <ExperiencesLive viewerId={viewer.userId} />
      {removed ? <p className="notice notice-info" role="status">It was taken off your list.</p> : null}
      <hgroup>
        <h1>Things to do together</h1>
        <p className="experiences-lead">New experiences make new memories. Keep a list of good things to try, plan them, and afterwards each write down what you want to remember.</p>
      </hgroup>
      <p>
        <Link href="/experiences/memories">Our memories →</Link>
      </p>
      {closed ? <ClosedSpaceNotice closed={closed} /> : null}

      <section className="card" aria-labelledby="planned-heading">
        <h2 id="planned-heading">Planned</h2>
        {planned.length === 0 ? (
          <p className="muted">{closed ? 'Nothing was planned here.' : 'Nothing planned yet. When an idea feels right for you both, give it a day and a time.'}</p>
        ) : (
          <ul className="experience-list" data-testid="planned-list">
            {planned.map((e) => (
              <ExperienceItem key={e.id} experience={e} canEdit={!closed} />
            ))}
          </ul>
        )}
      </section>

      <section className="card" aria-labelledby="ideas-heading">
        <h2 id="ideas-heading">Ideas</h2>
        {ideas.length === 0 ? (
          <p className="muted">
            {closed ? 'No ideas were kept here.' : 'No ideas yet. Something small counts: a walk, a meal you cook together. Add one of your own below, or start from a suggestion.'}
          </p>
        ) : (
          <ul className="experience-list" data-testid="ideas-list">
            {ideas.map((e) => (
              <ExperienceItem key={e.id} experience={e} canEdit={!closed} />
            ))}
          </ul>
        )}
        {closed ? null : (
          <>
            <h3>Add an idea</h3>
            <AddExperienceForm spaceId={membership.spaceId} />
          </>
        )}
      </section>

      {closed || suggestions.length === 0 ? null : (
        <section className="card warm-card" aria-labelledby="suggestions-heading">
          <details open={ideas.length + planned.length + done.length === 0}>
            <summary>
              <h2 id="suggestions-heading" className="summary-heading">Start from a suggestion</h2>
            </summary>
            <p className="muted small">Things many couples have never done together. Add one and change it to fit you.</p>
            <ul className="suggestion-list" data-testid="suggestions">
              {suggestions.map((s) => (
                <li key={s.id} className="suggestion">
                  <div>
                    <h3>{s.title}</h3>
                    <p>{s.notes}</p>
                  </div>
                  <AddSuggestionForm spaceId={membership.spaceId} suggestionId={s.id} title={s.title} />
                </li>
              ))}
            </ul>
          </details>
        </section>
      )}
      <section className="card" aria-labelledby="done-heading">
        <h2 id="done-heading">Done</h2>
        {done.length === 0 ? (
          <p className="muted">When you have done something together, mark it done and each add a memory.</p>
        ) : (
          <ul className="experience-list" data-testid="done-list">
            {done.map((e) => (
              <ExperienceItem key={e.id} experience={e} canEdit={false} />
            ))}
          </ul>
        )}
      </section>

    </main>
  );
}

function ExperienceItem({ experience: e, canEdit }: { experience: ExperienceSummary; canEdit: boolean }) {
  return (
    <li className="experience-item" data-testid="experience-item" data-title={e.title}>
      <div className="experience-item-head">
        <Link href={`/experiences/${e.id}`}>{e.title}</Link>
        <span className="experience-meta">
          {e.status === 'planned' && e.plannedFor ? <LocalTime iso={e.plannedFor.toISOString()} /> : null}
          {e.status === 'done' && e.doneAt ? (
            <>
              Done <LocalTime iso={e.doneAt.toISOString()} withTime={false} />
              {e.memoryCount > 0 ? ` · ${e.memoryCount === 1 ? '1 memory' : `${e.memoryCount} memories`}` : ''}
            </>
          ) : null}
          {e.status === 'idea' ? (e.addedByMe ? 'Your idea' : `${e.addedByName ?? 'Your partner'}’s idea`) : null}
        </span>
      </div>
      {e.notes ? <p className="experience-notes small">{e.notes}</p> : null}
      {e.link ? (
        <p className="small">
          <a href={e.link} target="_blank" rel="noopener noreferrer nofollow">{linkLabel(e.link)}</a>
        </p>
      ) : null}
      {canEdit ? <EditExperienceForm experienceId={e.id} title={e.title} notes={e.notes} link={e.link} /> : null}
    </li>
  );
}

function linkLabel(link: string): string {
  try {
    return new URL(link).host;
  } catch {
    return 'Link';
  }
}
