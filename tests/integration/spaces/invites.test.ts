import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { spaceMembers } from '../../../drizzle/schema';
import { acceptInvite, inspectInvite } from '../../../server/domain/spaces/accept-invite';
import { createInvite } from '../../../server/domain/spaces/create-invite';
import { createSpace } from '../../../server/domain/spaces/create-space';
import { leaveSpace } from '../../../server/domain/spaces/leave-space';
import { revokeInvite } from '../../../server/domain/spaces/revoke-invite';
import { INVITE_LIFETIME_MS } from '../../../server/domain/spaces/invite-token';
import { makeUser } from '../../support/fixtures';
import { testDatabaseKinds, useTestDatabase } from '../../support/use-test-database';

describe.each(testDatabaseKinds())('invites on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('brings the partner in with a single-use link', async () => {
    const alex = await makeUser(t.db, 'Alex');
    const sam = await makeUser(t.db, 'Sam');
    const space = await createSpace(t.db, alex.id, 'Us');
    const { token } = await createInvite(t.db, { userId: alex.id }, space.id);
    expect((await inspectInvite(t.db, token, sam.id)).problem).toBeNull();
    await acceptInvite(t.db, sam.id, token);
    const members = await t.db.select().from(spaceMembers).where(eq(spaceMembers.spaceId, space.id));
    expect(members.map((m) => m.seat).sort()).toEqual([1, 2]);
    const late = await makeUser(t.db, 'Late');
    await expect(acceptInvite(t.db, late.id, token)).rejects.toMatchObject({ problem: 'used' });
    expect((await inspectInvite(t.db, token, sam.id)).problem).toBe('already-member');
  });

  it('refuses expired, revoked and unknown links, and a person already in another space', async () => {
    const alex = await makeUser(t.db, 'Alex');
    const sam = await makeUser(t.db, 'Sam');
    const space = await createSpace(t.db, alex.id, 'Us');
    const past = new Date(Date.now() - INVITE_LIFETIME_MS - 1000);
    const expired = await createInvite(t.db, { userId: alex.id }, space.id, past);
    await expect(acceptInvite(t.db, sam.id, expired.token)).rejects.toMatchObject({ problem: 'expired' });
    const revoked = await createInvite(t.db, { userId: alex.id }, space.id);
    await revokeInvite(t.db, { userId: alex.id }, space.id, revoked.invite.id);
    await expect(acceptInvite(t.db, sam.id, revoked.token)).rejects.toMatchObject({ problem: 'revoked' });
    await expect(acceptInvite(t.db, sam.id, 'x'.repeat(43))).rejects.toMatchObject({ problem: 'unknown' });
    const busy = await makeUser(t.db, 'Busy');
    await createSpace(t.db, busy.id, 'Their own');
    const fresh = await createInvite(t.db, { userId: alex.id }, space.id);
    await expect(acceptInvite(t.db, busy.id, fresh.token)).rejects.toMatchObject({ problem: 'in-another-space' });
    const members = await t.db.select().from(spaceMembers).where(eq(spaceMembers.spaceId, space.id));
    expect(members).toHaveLength(1);
  });

  it('never makes three members when two invites are accepted at the same moment', async () => {
    for (let round = 0; round < 5; round++) {
      const alex = await makeUser(t.db, 'Alex');
      const space = await createSpace(t.db, alex.id, 'Us');
      const first = await createInvite(t.db, { userId: alex.id }, space.id);
      const second = await createInvite(t.db, { userId: alex.id }, space.id);
      const b = await makeUser(t.db, 'B');
      const c = await makeUser(t.db, 'C');
      const results = await Promise.allSettled([acceptInvite(t.db, b.id, first.token), acceptInvite(t.db, c.id, second.token)]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(rejected.reason).toMatchObject({ problem: 'full' });
      const members = await t.db.select().from(spaceMembers).where(eq(spaceMembers.spaceId, space.id));
      expect(members).toHaveLength(2);
    }
  });

  it('lets a member leave, which closes the space; it goes when the one who stayed removes it', async () => {
    const alex = await makeUser(t.db, 'Alex');
    const sam = await makeUser(t.db, 'Sam');
    const space = await createSpace(t.db, alex.id, 'Us');
    const { token } = await createInvite(t.db, { userId: alex.id }, space.id);
    await acceptInvite(t.db, sam.id, token);
    expect(await leaveSpace(t.db, { userId: sam.id }, space.id)).toEqual({ outcome: 'closed' });
    await expect(leaveSpace(t.db, { userId: sam.id }, space.id)).rejects.toMatchObject({ code: 'not-found' });
    expect(await leaveSpace(t.db, { userId: alex.id }, space.id)).toEqual({ outcome: 'deleted' });
    await expect(leaveSpace(t.db, { userId: alex.id }, space.id)).rejects.toMatchObject({ code: 'not-found' });
  });
});
