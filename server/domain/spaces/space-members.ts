import { asc, eq, sql } from 'drizzle-orm';
import { spaceMembers, users } from '../../../drizzle/schema';
import type { Executor } from '../../db/database';
import { colourForSeat } from './member-colour';

export interface MemberSummary {
  userId: string;
  name: string;
  seat: number;
  colour: string;
  joinedAt: Date;
}

export async function countMembers(db: Executor, spaceId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(spaceMembers).where(eq(spaceMembers.spaceId, spaceId));
  return Number(row?.n ?? 0);
}

/** Callers must have authorized the viewer for the space. */
export async function listMembers(db: Executor, spaceId: string): Promise<MemberSummary[]> {
  const rows = await db
    .select({ userId: spaceMembers.userId, name: users.name, seat: spaceMembers.seat, joinedAt: spaceMembers.joinedAt })
    .from(spaceMembers)
    .innerJoin(users, eq(users.id, spaceMembers.userId))
    .where(eq(spaceMembers.spaceId, spaceId))
    .orderBy(asc(spaceMembers.seat));
  return rows.map((row) => ({ ...row, colour: colourForSeat(row.seat) }));
}
