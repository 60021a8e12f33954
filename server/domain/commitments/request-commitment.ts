import { commitmentVersions, commitments, type CommitmentRow } from '../../../drizzle/schema';
import type { Database } from '../../db/database';
import { requireSpaceMember, type Viewer } from '../../access/authorization';
import { conflict, invalidInput } from '../errors';
import { fieldErrorsFrom } from '../notes/field-errors-from';
import { personName } from '../notes/person-name';
import { listMembers } from '../spaces/space-members';
import { checkCommitmentDates } from './check-commitment-dates';
import { commitmentInputSchema } from './commitment-input';
import { publishCommitmentChanged } from './commitment-live-events';
import { recordCommitmentStep } from './record-commitment-step';
import { resolveClause } from './resolve-clause';

/**
 * The partner asks for a commitment ("Would you …"): it belongs to the other member, who accepts it
 * (it becomes active and theirs) or declines it with a note. Until then it takes no check-ins. Its
 * time zone is the asker's until the other accepts from their own browser.
 */
export async function requestCommitment(db: Database, viewer: Viewer, spaceId: string, input: unknown, now = new Date()): Promise<CommitmentRow> {
  const membership = await requireSpaceMember(db, viewer, spaceId);
  const parsed = commitmentInputSchema.safeParse(input);
  if (!parsed.success) throw invalidInput('Please check the highlighted fields.', fieldErrorsFrom(parsed.error));
  const data = parsed.data;
  checkCommitmentDates(data, now);
  const partner = (await listMembers(db, spaceId)).find((member) => member.userId !== membership.userId);
  if (!partner) throw conflict('Invite your partner first: a commitment can only be asked of them.');
  const clause = data.clause ? await resolveClause(db, spaceId, data.clause) : null;
  const created = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(commitments)
      .values({
        spaceId,
        ownerId: partner.userId,
        requestedBy: membership.userId,
        status: 'requested',
        cadence: data.cadence,
        startDate: data.startDate,
        reviewDate: data.reviewDate ?? null,
        timeZone: data.timeZone,
        clauseDocumentId: clause?.documentId ?? null,
        clauseClient: clause?.client ?? null,
        clauseClock: clause?.clock ?? null,
        clauseText: clause?.text ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await tx.insert(commitmentVersions).values({ commitmentId: row!.id, number: 1, text: data.text, createdBy: membership.userId, createdAt: now });
    await recordCommitmentStep(tx, row!, { type: 'requested', actorId: membership.userId, note: null, now });
    return row!;
  });
  publishCommitmentChanged(spaceId, { commitmentId: created.id, step: 'requested', actorId: membership.userId, actorName: await personName(db, membership.userId) });
  return created;
}
