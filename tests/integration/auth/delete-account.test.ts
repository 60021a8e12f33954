import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { documents, spaceMembers, users } from '../../../drizzle/schema';
import { deleteAccount } from '../../../server/domain/accounts/delete-account';
import { makeCouple } from '../../support/fixtures';
import { testDatabaseKinds, useTestDatabase } from '../../support/use-test-database';

describe.each(testDatabaseKinds())('deleting an account on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('asks for the password, removes private data and leaves the partner the shared documents', async () => {
    const { alex, sam, space } = await makeCouple(t.db);
    const [agreement] = await t.db.insert(documents).values({ spaceId: space.id, kind: 'agreement', title: 'Phones', createdBy: sam.id }).returning();
    await t.db.insert(documents).values({ spaceId: space.id, kind: 'journal', ownerId: sam.id, createdBy: sam.id });
    await expect(deleteAccount(t.db, sam.id, 'wrong')).rejects.toMatchObject({ code: 'invalid-input' });
    await deleteAccount(t.db, sam.id, 'correct horse battery');
    expect(await t.db.select().from(users).where(eq(users.id, sam.id))).toHaveLength(0);
    const left = await t.db.select().from(documents).where(eq(documents.spaceId, space.id));
    expect(left.map((d) => [d.id, d.createdBy])).toEqual([[agreement!.id, null]]);
    expect((await t.db.select().from(spaceMembers).where(eq(spaceMembers.spaceId, space.id))).map((m) => m.userId)).toEqual([alex.id]);
  });
});
