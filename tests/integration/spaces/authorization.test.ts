/**
 * Who may do what with a space: anonymous people, a stranger (in a space of their own) and the
 * partner, against every space function the pages and actions call.
 */
import { describe, expect, it } from 'vitest';
import { documents } from '../../../drizzle/schema';
import { authorizeDocument, requireDocument, requireSpaceMember } from '../../../server/access/authorization';
import { createInvite } from '../../../server/domain/spaces/create-invite';
import { getSpaceOverview } from '../../../server/domain/spaces/get-space-overview';
import { leaveSpace } from '../../../server/domain/spaces/leave-space';
import { revokeInvite } from '../../../server/domain/spaces/revoke-invite';
import { listActivity } from '../../../server/domain/activity/record-activity';
import { makeCouple } from '../../support/fixtures';
import { testDatabaseKinds, useTestDatabase } from '../../support/use-test-database';

describe.each(testDatabaseKinds())('space authorization on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('shows the space to both members and to nobody else', async () => {
    const { alex, sam, stranger, space } = await makeCouple(t.db);
    for (const member of [alex, sam]) {
      const overview = await getSpaceOverview(t.db, { userId: member.id }, space.id);
      expect(overview.members.map((m) => m.name).sort()).toEqual(['Alex', 'Sam']);
      expect(overview.partner?.userId).toBe(member.id === alex.id ? sam.id : alex.id);
    }
    await expect(getSpaceOverview(t.db, null, space.id)).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(getSpaceOverview(t.db, { userId: stranger.id }, space.id)).rejects.toMatchObject({ code: 'not-found' });
    await expect(requireSpaceMember(t.db, { userId: stranger.id }, space.id)).rejects.toMatchObject({ code: 'not-found' });
  });

  it('lets only members make and withdraw invites', async () => {
    const alex = (await makeCouple(t.db)).alex;
    const { stranger, otherSpace } = await makeCouple(t.db).then(async (c) => ({ stranger: c.stranger, otherSpace: c.otherSpace }));
    const { invite } = await createInvite(t.db, { userId: stranger.id }, otherSpace.id);
    await expect(createInvite(t.db, null, otherSpace.id)).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(createInvite(t.db, { userId: alex.id }, otherSpace.id)).rejects.toMatchObject({ code: 'not-found' });
    await expect(revokeInvite(t.db, { userId: alex.id }, otherSpace.id, invite.id)).rejects.toMatchObject({ code: 'not-found' });
    await expect(leaveSpace(t.db, { userId: alex.id }, otherSpace.id)).rejects.toMatchObject({ code: 'not-found' });
    await revokeInvite(t.db, { userId: stranger.id }, otherSpace.id, invite.id);
  });

  it('refuses a third invite once both seats are taken', async () => {
    const { alex, space } = await makeCouple(t.db);
    await expect(createInvite(t.db, { userId: alex.id }, space.id)).rejects.toMatchObject({ code: 'conflict' });
  });

  it('opens shared documents to both members, private ones to their owner only', async () => {
    const { alex, sam, stranger, space } = await makeCouple(t.db);
    const [shared] = await t.db.insert(documents).values({ spaceId: space.id, kind: 'agreement', title: 'Phones', createdBy: alex.id }).returning();
    const [journal] = await t.db.insert(documents).values({ spaceId: space.id, kind: 'journal', ownerId: alex.id, createdBy: alex.id }).returning();
    expect((await authorizeDocument(t.db, { userId: alex.id }, shared!.id)).ok).toBe(true);
    expect((await authorizeDocument(t.db, { userId: sam.id }, shared!.id)).ok).toBe(true);
    expect(await authorizeDocument(t.db, { userId: stranger.id }, shared!.id)).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(await authorizeDocument(t.db, null, shared!.id)).toMatchObject({ ok: false, reason: 'unauthenticated' });
    expect((await authorizeDocument(t.db, { userId: alex.id }, journal!.id)).ok).toBe(true);
    expect(await authorizeDocument(t.db, { userId: sam.id }, journal!.id)).toMatchObject({ ok: false, reason: 'forbidden' });
    // Routes answer "not found" to the partner: they do not learn that the entry exists.
    await expect(requireDocument(t.db, { userId: sam.id }, journal!.id)).rejects.toMatchObject({ code: 'not-found' });
    expect(await authorizeDocument(t.db, { userId: alex.id }, 'not-a-uuid')).toMatchObject({ ok: false, reason: 'not-found' });
  });

  it('keeps the shared documents for the partner, read-only, and the leaver\'s journal for the leaver', async () => {
    const { alex, sam, space } = await makeCouple(t.db);
    const [shared] = await t.db.insert(documents).values({ spaceId: space.id, kind: 'agreement', title: 'Phones', createdBy: sam.id }).returning();
    // A journal row as written before the journal belonged to the person: leaving must not take it either.
    const [journal] = await t.db.insert(documents).values({ spaceId: space.id, kind: 'journal', ownerId: sam.id, createdBy: sam.id }).returning();
    await leaveSpace(t.db, { userId: sam.id }, space.id);
    expect(await authorizeDocument(t.db, { userId: alex.id }, shared!.id)).toMatchObject({ ok: true, access: { mode: 'read' } });
    expect(await authorizeDocument(t.db, { userId: sam.id }, shared!.id)).toMatchObject({ ok: false });
    expect(await authorizeDocument(t.db, { userId: sam.id }, journal!.id)).toMatchObject({ ok: true, access: { mode: 'edit' } });
    const remaining = await t.db.select().from(documents);
    expect(remaining.filter((d) => d.spaceId === space.id).map((d) => d.kind).sort()).toEqual(['agreement', 'journal']);
    const activity = await listActivity(t.db, space.id);
    expect(activity[0]).toMatchObject({ type: 'member-left', actorName: 'Sam' });
  });
});
