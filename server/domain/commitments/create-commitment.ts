import { commitmentVersions, commitments, type CommitmentRow } from '../../../drizzle/schema';
import type { Database } from '../../db/database';
import { requireSpaceMember, type Viewer } from '../../access/authorization';
import { invalidInput } from '../errors';
import { fieldErrorsFrom } from '../notes/field-errors-from';
import { personName } from '../notes/person-name';
import { checkCommitmentDates } from './check-commitment-dates';
import { commitmentInputSchema } from './commitment-input';
import { publishCommitmentChanged } from './commitment-live-events';
import { recordCommitmentStep } from './record-commitment-step';
import { resolveClause } from './resolve-clause';

export interface CreateCommitmentOptions {
  now?: Date;
  /** The conversation whose next step it came from (checked by turnNextStepIntoCommitment). */
  sourceConversationId?: string;
}

/**
 * "I will …", by the viewer, who owns it: active from the start, version 1 of its words, a 'created'
 * step and an activity item, all in one transaction. Returns the stored row.
 */
export async function createCommitment(db: Database, viewer: Viewer, spaceId: string, input: unknown, options: CreateCommitmentOptions = {}): Promise<CommitmentRow> {
  const now = options.now ?? new Date();
  const membership = await requireSpaceMember(db, viewer, spaceId);
  const parsed = commitmentInputSchema.safeParse(input);
  if (!parsed.success) throw invalidInput('Please check the highlighted fields.', fieldErrorsFrom(parsed.error));
  const data = parsed.data;
  checkCommitmentDates(data, now);
  const clause = data.clause ? await resolveClause(db, spaceId, data.clause) : null;
  const created = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(commitments)
      .values({
        spaceId,
        ownerId: membership.userId,
        status: 'active',
        cadence: data.cadence,
        startDate: data.startDate,
        reviewDate: data.reviewDate ?? null,
        timeZone: data.timeZone,
        clauseDocumentId: clause?.documentId ?? null,
        clauseClient: clause?.client ?? null,
        clauseClock: clause?.clock ?? null,
        clauseText: clause?.text ?? null,
        sourceConversationId: options.sourceConversationId ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await tx.insert(commitmentVersions).values({ commitmentId: row!.id, number: 1, text: data.text, createdBy: membership.userId, createdAt: now });
    await recordCommitmentStep(tx, row!, { type: 'created', actorId: membership.userId, note: null, now });
    return row!;
  });
  publishCommitmentChanged(spaceId, { commitmentId: created.id, step: 'created', actorId: membership.userId, actorName: await personName(db, membership.userId) });
  return created;
}
