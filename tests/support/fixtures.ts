/** Small builders for integration tests: people and spaces, made through the real domain functions. */
import { randomBytes } from 'node:crypto';
import type { User } from '../../drizzle/schema';
import type { Database } from '../../server/db/database';
import { registerUser } from '../../server/domain/accounts/register-user';
import { acceptInvite } from '../../server/domain/spaces/accept-invite';
import { createInvite } from '../../server/domain/spaces/create-invite';
import { createSpace } from '../../server/domain/spaces/create-space';

export async function makeUser(db: Database, name = 'Person'): Promise<User> {
  return registerUser(db, { name, email: `${name.toLowerCase()}-${randomBytes(4).toString('hex')}@example.com`, password: 'correct horse battery' });
}

/** Two partners in one space, plus a stranger who is in a space of their own. */
export async function makeCouple(db: Database) {
  const alex = await makeUser(db, 'Alex');
  const sam = await makeUser(db, 'Sam');
  const stranger = await makeUser(db, 'Stranger');
  const space = await createSpace(db, alex.id, 'Alex & Sam');
  const { token } = await createInvite(db, { userId: alex.id }, space.id);
  await acceptInvite(db, sam.id, token);
  const otherSpace = await createSpace(db, stranger.id, 'Elsewhere');
  return { alex, sam, stranger, space, otherSpace };
}
