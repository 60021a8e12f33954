import type { z } from 'zod';
import { commitmentVersions, commitments, type CommitmentRow } from '../../../drizzle/schema';
import type { Database } from '../../db/database';
import { invalidInput } from '../errors';
import { fieldErrorsOf } from '@/server/domain/field-errors';
import { personName } from '../notes/person-name';
import { checkCommitmentDates } from './check-commitment-dates';
import { commitmentInputSchema } from './commitment-input';
import { publishCommitmentChanged } from './commitment-live-events';
import { recordCommitmentStep } from './record-commitment-step';
import { resolveClause } from './resolve-clause';

export type NewCommitment = z.output<typeof commitmentInputSchema>;

/** The form's input, validated as a new commitment: field messages for bad input, nothing stored. */
export function parseNewCommitment(input: unknown, now: Date): NewCommitment {
  const parsed = commitmentInputSchema.safeParse(input);
  if (!parsed.success) throw invalidInput('Please check the highlighted fields.', fieldErrorsOf(parsed.error));
  checkCommitmentDates(parsed.data, now);
  return parsed.data;
}

/**
 * Stores a new commitment, made by its owner ('created') or asked of them by the partner
 * ('requested'): the row, version 1 of its words and its first step with its activity item, in one
 * transaction; then the live event. Callers have authorized the actor and parsed the input.
 */
export async function storeNewCommitment(
  db: Database,
  input: {
    spaceId: string;
    actorId: string;
    ownerId: string;
    step: 'created' | 'requested';
    data: NewCommitment;
    sourceConversationId?: string | null;
    now: Date;
  },
): Promise<CommitmentRow> {
  const { spaceId, actorId, data, now } = input;
  const clause = data.clause ? await resolveClause(db, spaceId, data.clause) : null;
  const created = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(commitments)
      .values({
        spaceId,
        ownerId: input.ownerId,
        requestedBy: input.step === 'requested' ? actorId : null,
        status: input.step === 'requested' ? 'requested' : 'active',
        cadence: data.cadence,
        startDate: data.startDate,
        reviewDate: data.reviewDate ?? null,
        timeZone: data.timeZone,
        clauseDocumentId: clause?.documentId ?? null,
        clauseClient: clause?.client ?? null,
        clauseClock: clause?.clock ?? null,
        clauseText: clause?.text ?? null,
        sourceConversationId: input.sourceConversationId ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await tx.insert(commitmentVersions).values({ commitmentId: row!.id, number: 1, text: data.text, createdBy: actorId, createdAt: now });
    await recordCommitmentStep(tx, row!, { type: input.step, actorId, note: null, now });
    return row!;
  });
  publishCommitmentChanged(spaceId, { commitmentId: created.id, step: input.step, actorId, actorName: await personName(db, actorId) });
  return created;
}
