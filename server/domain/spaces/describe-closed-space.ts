import { eq } from 'drizzle-orm';
import { users } from '../../../drizzle/schema';
import type { Executor } from '../../db/database';
import type { Membership } from '../../access/authorization';

export interface ClosedSpaceDescription {
  spaceId: string;
  name: string;
  closedAt: Date;
  /** The partner who left, by their name now (a deleted account reads "Former partner (account deleted)"). */
  leaverName: string;
}

/** What the member who stayed is told about a closed space. Callers pass a membership from the authorization module. */
export async function describeClosedSpace(db: Executor, membership: Membership): Promise<ClosedSpaceDescription | null> {
  const { space } = membership;
  if (!membership.closed || !space.closedAt) return null;
  const [leaver] = space.closedBy ? await db.select({ name: users.name }).from(users).where(eq(users.id, space.closedBy)).limit(1) : [];
  return { spaceId: space.id, name: space.name, closedAt: space.closedAt, leaverName: leaver?.name ?? 'Your partner' };
}
