import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { documents, spaceMembers, users } from '../../../drizzle/schema';
import { DELETED_ACCOUNT_NAME, deleteAccount } from '../../../server/domain/accounts/delete-account';
import { makeCouple } from '../../support/fixtures';
import { testDatabaseKinds, useTestDatabase } from '../../support/use-test-database';

describe.each(testDatabaseKinds())('deleting an account on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('asks for the password, removes private data and leaves the partner the shared documents, attributed to a tombstone', async () => {
    const { alex, sam, space } = await makeCouple(t.db);
    const [agreement] = await t.db.insert(documents).values({ spaceId: space.id, kind: 'agreement', title: 'Phones', createdBy: sam.id }).returning();
    await t.db.insert(documents).values({ spaceId: null, kind: 'journal', ownerId: sam.id, createdBy: sam.id });
    await expect(deleteAccount(t.db, sam.id, 'wrong')).rejects.toMatchObject({ code: 'invalid-input' });
    await deleteAccount(t.db, sam.id, 'correct horse battery');
    const [tombstone] = await t.db.select().from(users).where(eq(users.id, sam.id));
    expect(tombstone).toMatchObject({ name: DELETED_ACCOUNT_NAME, deletedAt: expect.any(Date) });
    expect(tombstone!.email).not.toBe(sam.email);
    expect(await t.db.select().from(documents).where(eq(documents.ownerId, sam.id))).toEqual([]);
    const left = await t.db.select().from(documents).where(eq(documents.spaceId, space.id));
    expect(left.map((d) => [d.id, d.createdBy])).toEqual([[agreement!.id, sam.id]]);
    const members = await t.db.select().from(spaceMembers).where(eq(spaceMembers.spaceId, space.id));
    expect(members.map((m) => [m.userId, m.endedAt !== null])).toEqual([[alex.id, true]]);
  });
});
