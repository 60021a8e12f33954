import { and, eq, ne } from 'drizzle-orm';
import { commitmentCheckIns } from '../../../drizzle/schema';
import { isUniqueViolation, type Database } from '../../db/database';
import { requireCommitment, type Viewer } from '../../access/authorization';
import { recordActivity } from '../activity/record-activity';
import { conflict, invalidInput } from '../errors';
import { fieldErrorsOf } from '@/server/domain/field-errors';
import { personName } from '../notes/person-name';
import { checkInInputSchema } from './commitment-input';
import { publishCheckInsRevealed, publishOwnCheckInSaved } from './commitment-live-events';
import { currentCommitmentText } from './current-commitment-text';
import { addDays, hasPeriodEnded, isPeriodStart, localDate } from './periods';

/** How far back a forgotten period can still be checked in on: long enough to catch up, short enough to stay honest. */
export const CHECK_IN_WINDOW_DAYS = 56;

export type CheckInOutcome = 'hidden-until-both' | 'revealed-to-both' | 'shown-period-ended';

/**
 * One person's view of one period: "kept", "partly" or "not yet", with an optional note. Either
 * member may give theirs, once per period, for the period running now or one that ended in the last
 * eight weeks, while the commitment is active. Periods are those of the commitment's cadence in its
 * committer's time zone.
 *
 * The partner sees it only once they have given their own view or the period has ended
 * (decideCommitmentCheckInVisibility); until then nothing about it reaches them: no activity item,
 * and the live event goes to the person's own devices only.
 */
export async function checkInOnCommitment(db: Database, viewer: Viewer, commitmentId: string, input: unknown, now = new Date()): Promise<CheckInOutcome> {
  const parsed = checkInInputSchema.safeParse(input ?? {});
  if (!parsed.success) throw invalidInput('Please check the highlighted fields.', fieldErrorsOf(parsed.error));
  const { periodStart, value, note } = parsed.data;
  const result = await db
    .transaction(async (tx) => {
      const { commitment, membership } = await requireCommitment(tx, viewer, commitmentId, 'check-in', { lock: true });
      const schedule = { cadence: commitment.cadence, startDate: commitment.startDate, timeZone: commitment.timeZone };
      const period = isPeriodStart(schedule, periodStart);
      if (!period) throw invalidInput('That period could not be found.', { periodStart: ['That period could not be found.'] });
      const today = localDate(now, commitment.timeZone);
      if (period.start > today) throw conflict('That period has not started yet.');
      if (period.end < addDays(today, -CHECK_IN_WINDOW_DAYS)) throw conflict('That period ended more than eight weeks ago, so it can no longer be checked in on.');
      const ended = hasPeriodEnded(period, commitment.timeZone, now);
      const me = membership.userId;
      const [mine] = await tx
        .select({ personId: commitmentCheckIns.personId })
        .from(commitmentCheckIns)
        .where(and(eq(commitmentCheckIns.commitmentId, commitment.id), eq(commitmentCheckIns.periodStart, period.start), eq(commitmentCheckIns.personId, me)));
      if (mine) throw conflict('You already gave your view of this period.');
      await tx.insert(commitmentCheckIns).values({ commitmentId: commitment.id, periodStart: period.start, personId: me, value, note, createdAt: now });
      const [partners] = await tx
        .select({ personId: commitmentCheckIns.personId })
        .from(commitmentCheckIns)
        .where(and(eq(commitmentCheckIns.commitmentId, commitment.id), eq(commitmentCheckIns.periodStart, period.start), ne(commitmentCheckIns.personId, me)));
      const outcome: CheckInOutcome = partners ? 'revealed-to-both' : ended ? 'shown-period-ended' : 'hidden-until-both';
      // Recorded only when the partner may see it: an item about a hidden check-in would tell them it exists.
      if (outcome !== 'hidden-until-both') {
        const { text } = await currentCommitmentText(tx, commitment.id);
        await recordActivity(tx, { spaceId: commitment.spaceId, actorId: me, type: 'commitment-checked-in', data: { commitmentId: commitment.id, text, both: outcome === 'revealed-to-both' } });
      }
      return { outcome, spaceId: commitment.spaceId, me, periodStart: period.start };
    })
    .catch((error: unknown) => {
      // Two tabs answering at once: the row lock makes the second wait and then see the first.
      if (isUniqueViolation(error)) throw conflict('You already gave your view of this period.');
      throw error;
    });
  if (result.outcome === 'hidden-until-both') {
    publishOwnCheckInSaved(result.spaceId, result.me, { commitmentId, periodStart: result.periodStart });
  } else {
    publishCheckInsRevealed(result.spaceId, { commitmentId, periodStart: result.periodStart, actorId: result.me, actorName: await personName(db, result.me) });
  }
  return result.outcome;
}
