import { and, eq, inArray } from 'drizzle-orm';
import { commitmentCheckIns } from '../../../drizzle/schema';
import type { Database } from '../../db/database';
import { findMembership, type Viewer } from '../../access/authorization';
import { viewPeriod, type PeriodView } from './check-in-view';
import { listCommitments } from './list-commitments';
import { periodsDueThisWeek } from './periods';

export interface DueThisWeek {
  commitmentId: string;
  text: string;
  mine: boolean;
  ownerName: string;
  /** This week's periods (Monday to Sunday in the committer's zone) and whether the viewer has given their view. */
  periods: Array<Pick<PeriodView, 'start' | 'end' | 'ended'> & { checkedIn: boolean }>;
}

/**
 * What both of you can check in on this week: the active commitments of the viewer's open space with
 * a period during this week, whoever made them. A calm list for the space page: nothing is counted or
 * scored, and nothing about the partner's check-ins is in it. Empty without an open space.
 */
export async function listDueThisWeek(db: Database, viewer: Viewer, now = new Date()): Promise<DueThisWeek[]> {
  if (!viewer || !(await findMembership(db, viewer.userId))) return [];
  const active = await listCommitments(db, viewer, { status: 'active' });
  if (active.length === 0) return [];
  const mine = await db
    .select({ commitmentId: commitmentCheckIns.commitmentId, periodStart: commitmentCheckIns.periodStart, personId: commitmentCheckIns.personId, value: commitmentCheckIns.value, note: commitmentCheckIns.note, createdAt: commitmentCheckIns.createdAt })
    .from(commitmentCheckIns)
    .where(and(inArray(commitmentCheckIns.commitmentId, active.map((c) => c.id)), eq(commitmentCheckIns.personId, viewer.userId)));
  return active
    .map((c) => {
      const rows = mine.filter((row) => row.commitmentId === c.id);
      const periods = periodsDueThisWeek({ cadence: c.cadence, startDate: c.startDate, timeZone: c.timeZone }, now).map((p) => {
        const view = viewPeriod(p, rows, { viewerId: viewer.userId, timeZone: c.timeZone, now });
        return { start: view.start, end: view.end, ended: view.ended, checkedIn: view.mine !== null };
      });
      return { commitmentId: c.id, text: c.text, mine: c.mine, ownerName: c.ownerName, periods };
    })
    .filter((item) => item.periods.length > 0)
    .sort((a, b) => (a.periods[0]!.start < b.periods[0]!.start ? -1 : a.periods[0]!.start > b.periods[0]!.start ? 1 : 0));
}
