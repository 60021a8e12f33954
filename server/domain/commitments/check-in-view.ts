/**
 * The check-ins one person may see, per period: the only way check-ins leave the server. Every row is
 * passed through decideCommitmentCheckInVisibility before it is put in a view, so a partner's view
 * that is not revealed yet is simply absent, exactly as if it had not been given: its existence is
 * not told either.
 */
import type { CheckInValue, CommitmentCheckInRow } from '../../../drizzle/schema';
import { decideCommitmentCheckInVisibility } from '../../access/authorization';
import { hasPeriodEnded, type Period } from './periods';

export interface CheckInView {
  value: CheckInValue;
  note: string | null;
  at: Date;
}

export interface PeriodView {
  start: string;
  end: string;
  ended: boolean;
  /** The viewer's own view of the period. */
  mine: CheckInView | null;
  /** The partner's view, only once it may be shown to the viewer. */
  partners: CheckInView | null;
  /** True while the partner's view could not be shown yet whatever it is: the viewer has not given theirs and the period runs. */
  partnersWaitsForMine: boolean;
}

export function viewPeriod(
  period: Period,
  rows: ReadonlyArray<Pick<CommitmentCheckInRow, 'periodStart' | 'personId' | 'value' | 'note' | 'createdAt'>>,
  context: { viewerId: string; timeZone: string; now: Date },
): PeriodView {
  const ended = hasPeriodEnded(period, context.timeZone, context.now);
  const ofPeriod = rows.filter((row) => row.periodStart === period.start);
  const mineRow = ofPeriod.find((row) => row.personId === context.viewerId) ?? null;
  const partnerRow = ofPeriod.find((row) => row.personId !== context.viewerId) ?? null;
  const shown =
    partnerRow && decideCommitmentCheckInVisibility({ ownerId: partnerRow.personId, viewerId: context.viewerId, viewerHasCheckedIn: mineRow !== null, periodEnded: ended })
      ? partnerRow
      : null;
  const toView = (row: typeof mineRow): CheckInView | null => (row ? { value: row.value, note: row.note, at: row.createdAt } : null);
  return { start: period.start, end: period.end, ended, mine: toView(mineRow), partners: toView(shown), partnersWaitsForMine: !mineRow && !ended };
}
