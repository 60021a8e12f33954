import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { experiences, users, type ExperienceStatus } from '../../../drizzle/schema';
import type { Database } from '../../db/database';
import { requireOwnSpace, type Membership, type Viewer } from '../../access/authorization';
import { memoriesOf, mineThenPartner, type MemoryView } from './memory-view';

export interface ExperienceSummary {
  id: string;
  title: string;
  notes: string;
  link: string | null;
  status: ExperienceStatus;
  suggestionId: string | null;
  plannedFor: Date | null;
  doneAt: Date | null;
  addedByName: string | null;
  addedByMe: boolean;
  memoryCount: number;
}

export interface ExperienceLists {
  membership: Membership;
  ideas: ExperienceSummary[];
  /** Soonest first. */
  planned: ExperienceSummary[];
  /** Most recently done first. */
  done: ExperienceSummary[];
}

const LIST_LIMIT = 500;

/** The viewer's space's shared list, in its three parts (read only in a closed space). */
export async function listExperiences(db: Database, viewer: Viewer): Promise<ExperienceLists> {
  const membership = await requireOwnSpace(db, viewer, 'read');
  const rows = await db
    .select({
      id: experiences.id,
      title: experiences.title,
      notes: experiences.notes,
      link: experiences.link,
      status: experiences.status,
      suggestionId: experiences.suggestionId,
      plannedFor: experiences.plannedFor,
      doneAt: experiences.doneAt,
      createdBy: experiences.createdBy,
      addedByName: users.name,
      memoryCount: sql<number>`(select count(*)::int from experience_memories m where m.experience_id = ${experiences.id})`,
    })
    .from(experiences)
    .leftJoin(users, eq(users.id, experiences.createdBy))
    .where(eq(experiences.spaceId, membership.spaceId))
    .orderBy(desc(experiences.createdAt))
    .limit(LIST_LIMIT);
  const summaries: ExperienceSummary[] = rows.map(({ createdBy, memoryCount, ...row }) => ({ ...row, addedByMe: createdBy === membership.userId, memoryCount: Number(memoryCount) }));
  return {
    membership,
    ideas: summaries.filter((e) => e.status === 'idea'),
    planned: summaries.filter((e) => e.status === 'planned').sort((a, b) => a.plannedFor!.getTime() - b.plannedFor!.getTime()),
    done: summaries.filter((e) => e.status === 'done').sort((a, b) => b.doneAt!.getTime() - a.doneAt!.getTime()),
  };
}

export interface MemoriesEntry {
  experienceId: string;
  title: string;
  doneAt: Date;
  mine: MemoryView | null;
  partner: MemoryView | null;
}

/**
 * The memories view: every done experience of the viewer's space, newest first, with each partner's
 * own words (and photo) side by side; a side is empty until that partner writes theirs.
 */
export async function listMemories(db: Database, viewer: Viewer): Promise<{ membership: Membership; entries: MemoriesEntry[] }> {
  const membership = await requireOwnSpace(db, viewer, 'read');
  const done = await db
    .select({ id: experiences.id, title: experiences.title, doneAt: experiences.doneAt })
    .from(experiences)
    .where(and(eq(experiences.spaceId, membership.spaceId), eq(experiences.status, 'done')))
    .orderBy(desc(experiences.doneAt), asc(experiences.id))
    .limit(LIST_LIMIT);
  const memories = await memoriesOf(db, done.map((e) => e.id), membership.userId);
  return {
    membership,
    entries: done.map((e) => ({ experienceId: e.id, title: e.title, doneAt: e.doneAt!, ...mineThenPartner(memories.get(e.id) ?? []) })),
  };
}
