import type { Metadata } from 'next';
import Link from 'next/link';
import { getExperience } from '@/server/domain/experiences/get-experience';
import { describeClosedSpace } from '@/server/domain/spaces/describe-closed-space';
import { listMembers } from '@/server/domain/spaces/space-members';
import { ClosedSpaceNotice } from '../../closed-space-notice';
import { DeleteExperienceForm, DeleteMemoryForm, EditExperienceForm, MarkDoneForm, MemoryForm, PlanExperienceForm, RemoveMemoryPhotoForm } from '../experience-forms';
import { ExperiencesLive } from '../experiences-live';
import { LocalTime } from '../local-time';
import { MemoryCard } from '../memory-card';
import '../experiences.css';
import { loadOr404 } from '@/app/_lib/load-or-404';

export const metadata: Metadata = { title: 'Together' };

export default async function ExperiencePage({ params }: { params: Promise<{ experienceId: string }> }) {
  const { experienceId } = await params;
  // Strangers and the partner who left get the same 404 as for an experience that never existed.
  const { viewer, db, found: experience } = await loadOr404(`/experiences/${encodeURIComponent(experienceId)}`, experienceId, (db, viewer) => getExperience(db, viewer, experienceId));
  const closed = await describeClosedSpace(db, experience.membership);
  const members = await listMembers(db, experience.spaceId);
  const partnerName = experience.partner?.authorName ?? members.find((m) => m.userId !== viewer.userId)?.name ?? 'Your partner';
  const writable = !closed;
  const hasMemories = Boolean(experience.mine || experience.partner);

  return (
    <main className="container">
      <ExperiencesLive viewerId={viewer.userId} />
      <p className="breadcrumb">
        <Link href="/experiences">← Things to do together</Link>
      </p>
      <hgroup>
        <h1>{experience.title}</h1>
        <p>
          {experience.status === 'idea' ? <span className="experience-status">An idea · added by {experience.addedByMe ? 'you' : (experience.addedByName ?? 'your partner')}</span> : null}
          {experience.status === 'planned' && experience.plannedFor ? (
            <span className="experience-status" data-testid="planned-for">
              Planned for <LocalTime iso={experience.plannedFor.toISOString()} />
            </span>
          ) : null}
          {experience.status === 'done' && experience.doneAt ? (
            <span className="experience-status experience-status-done" data-testid="done-on">
              Done · <LocalTime iso={experience.doneAt.toISOString()} withTime={false} />
            </span>
          ) : null}
        </p>
      </hgroup>
      {closed ? <ClosedSpaceNotice closed={closed} /> : null}

      {experience.notes || experience.link ? (
        <section className="card">
          {experience.notes ? <p className="experience-notes">{experience.notes}</p> : null}
          {experience.link ? (
            <p className="small">
              <a href={experience.link} target="_blank" rel="noopener noreferrer nofollow">{experience.link}</a>
            </p>
          ) : null}
        </section>
      ) : null}

      {writable && experience.status !== 'done' ? (
        <section className="card" aria-labelledby="plan-heading">
          <h2 id="plan-heading">{experience.status === 'planned' ? 'When' : 'Plan it'}</h2>
          <div className="experience-actions">
            <PlanExperienceForm experienceId={experience.id} plannedFor={experience.plannedFor?.toISOString() ?? null} />
            <div>
              <p className="muted small">Done it already, planned or not? Mark it done and each of you can add a memory.</p>
              <MarkDoneForm experienceId={experience.id} />
            </div>
          </div>
        </section>
      ) : null}

      {experience.status === 'done' ? (
        <section aria-labelledby="memories-heading">
          <h2 id="memories-heading">Memories</h2>
          <p className="muted small">Each of you writes your own. {partnerName} can read yours, and you theirs.</p>
          <div className="memories-pair" data-testid="memories-pair">
            <div>
              {writable ? (
                <article className="memory" data-testid="my-memory">
                  <h3>Your memory</h3>
                  {experience.mine?.photo ? <MemoryCardPhoto url={experience.mine.photo.url} width={experience.mine.photo.width} height={experience.mine.photo.height} /> : null}
                  {experience.mine?.photo ? <RemoveMemoryPhotoForm experienceId={experience.id} /> : null}
                  <MemoryForm experienceId={experience.id} text={experience.mine?.text ?? ''} hasPhoto={Boolean(experience.mine?.photo)} />
                  {experience.mine ? <DeleteMemoryForm experienceId={experience.id} /> : null}
                </article>
              ) : (
                <MemoryCard memory={experience.mine} heading="Your memory" emptyText="You did not write a memory of this." />
              )}
            </div>
            <MemoryCard memory={experience.partner} heading={`${partnerName}’s memory`} emptyText={closed ? `${partnerName} did not write a memory of this.` : `${partnerName} has not written theirs yet.`} />
          </div>
        </section>
      ) : null}

      {writable ? (
        <section className="card" aria-labelledby="change-heading">
          <h2 id="change-heading">Change it</h2>
          <EditExperienceForm experienceId={experience.id} title={experience.title} notes={experience.notes} link={experience.link} />
          {hasMemories ? <p className="muted small">It has memories, so it stays on your list.</p> : <DeleteExperienceForm experienceId={experience.id} />}
        </section>
      ) : null}
    </main>
  );
}

function MemoryCardPhoto({ url, width, height }: { url: string; width: number; height: number }) {
  // A plain img, not next/image: the photo is private to the two members and must not pass through an image cache.
  return <img className="memory-photo" src={url} width={width} height={height} alt="Photo from your memory" />;
}
