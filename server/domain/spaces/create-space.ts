import { spaceMembers, spaces, type Space } from '../../../drizzle/schema';
import type { Database } from '../../db/database';
import { isUniqueViolation } from '../../db/database';
import { recordActivity } from '../activity/record-activity';
import { conflict } from '../errors';

/** A person creates the couple's space and takes its first seat. */
export async function createSpace(db: Database, userId: string, name: string): Promise<Space> {
  try {
    return await db.transaction(async (tx) => {
      const [space] = await tx.insert(spaces).values({ name: name.trim(), createdBy: userId }).returning();
      await tx.insert(spaceMembers).values({ spaceId: space!.id, userId, seat: 1 });
      await recordActivity(tx, { spaceId: space!.id, actorId: userId, type: 'space-created', data: { name: space!.name } });
      return space!;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('You are already in a space. Leave it first to create a new one.');
    throw error;
  }
}
