import { eq } from 'drizzle-orm';
import { users, type ExperienceStatus } from '../../../drizzle/schema';
import type { Database } from '../../db/database';
import { requireExperience, type Membership, type Viewer } from '../../access/authorization';
import { memoriesOf, mineThenPartner, type MemoryView } from './memory-view';

export interface ExperienceView {
  id: string;
  spaceId: string;
  title: string;
  notes: string;
  link: string | null;
  status: ExperienceStatus;
  suggestionId: string | null;
  plannedFor: Date | null;
  doneAt: Date | null;
  addedByName: string | null;
  addedByMe: boolean;
  mine: MemoryView | null;
  partner: MemoryView | null;
  membership: Membership;
  /** The space closed when a partner left: everything can be read, nothing changed. */
  readOnly: boolean;
}

/** One experience with both memories. Strangers and the partner who left: "not found". */
export async function getExperience(db: Database, viewer: Viewer, experienceId: string): Promise<ExperienceView> {
  const { experience, membership } = await requireExperience(db, viewer, experienceId, 'read');
  const [adder] = experience.createdBy ? await db.select({ name: users.name }).from(users).where(eq(users.id, experience.createdBy)).limit(1) : [];
  const memories = await memoriesOf(db, [experience.id], membership.userId);
  return {
    id: experience.id,
    spaceId: experience.spaceId,
    title: experience.title,
    notes: experience.notes,
    link: experience.link,
    status: experience.status,
    suggestionId: experience.suggestionId,
    plannedFor: experience.plannedFor,
    doneAt: experience.doneAt,
    addedByName: adder?.name ?? null,
    addedByMe: experience.createdBy === membership.userId,
    ...mineThenPartner(memories.get(experience.id) ?? []),
    membership,
    readOnly: membership.closed,
  };
}
