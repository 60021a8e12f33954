import { and, eq, inArray } from 'drizzle-orm';
import { commitmentCheckIns, commitments } from '../../../drizzle/schema';
import type { Executor } from '../../db/database';
import { decideCommitmentCheckInVisibility } from '../../access/authorization';
import { hasPeriodEnded, isPeriodStart } from './periods';

/**
 * Erases, inside the caller's transaction, the check-ins of `userId` that their partner cannot see
 * yet (the period is still running and the partner has not given theirs): private until revealed,
 * they go when that person leaves the space or deletes their account, before the period's end could
 * reveal them. Revealed check-ins were said to the partner and stay. Without `spaceId`, every space
 * the person was in. Returns how many were erased.
 */
export async function eraseUnrevealedCheckIns(tx: Executor, options: { userId: string; spaceId?: string; now?: Date }): Promise<number> {
  const now = options.now ?? new Date();
  const conditions = [eq(commitmentCheckIns.personId, options.userId)];
  if (options.spaceId) conditions.push(eq(commitments.spaceId, options.spaceId));
  const own = await tx
    .select({ check: commitmentCheckIns, commitment: commitments })
    .from(commitmentCheckIns)
    .innerJoin(commitments, eq(commitments.id, commitmentCheckIns.commitmentId))
    .where(and(...conditions));
  if (own.length === 0) return 0;
  const all = await tx
    .select({ commitmentId: commitmentCheckIns.commitmentId, periodStart: commitmentCheckIns.periodStart, personId: commitmentCheckIns.personId })
    .from(commitmentCheckIns)
    .where(inArray(commitmentCheckIns.commitmentId, [...new Set(own.map((row) => row.commitment.id))]));
  let erased = 0;
  for (const { check, commitment } of own) {
    const schedule = { cadence: commitment.cadence, startDate: commitment.startDate, timeZone: commitment.timeZone };
    const period = isPeriodStart(schedule, check.periodStart) ?? { start: check.periodStart, end: check.periodStart };
    const partnerHasCheckedIn = all.some((row) => row.commitmentId === commitment.id && row.periodStart === check.periodStart && row.personId !== options.userId);
    // "Would anyone else see it now?" asked the same way the pages ask it.
    const seen = decideCommitmentCheckInVisibility({ ownerId: check.personId, viewerId: '', viewerHasCheckedIn: partnerHasCheckedIn, periodEnded: hasPeriodEnded(period, commitment.timeZone, now) });
    if (seen) continue;
    await tx
      .delete(commitmentCheckIns)
      .where(and(eq(commitmentCheckIns.commitmentId, commitment.id), eq(commitmentCheckIns.periodStart, check.periodStart), eq(commitmentCheckIns.personId, options.userId)));
    erased++;
  }
  return erased;
}
