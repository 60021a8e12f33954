/**
 * "Since you last looked" through the real domain functions on PGlite and PostgreSQL: each person's
 * own marker (new for the partner, never for the one who did it; it only moves forward), paging that
 * lists every item exactly once even when many share one creation time, access for strangers,
 * leavers and the anonymous, a closed space still listed read-only, and the live 'activity-added'
 * signal each member's client receives once (and only once) the change commits.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activity } from '../../../drizzle/schema';
import type { Database } from '../../../server/db/database';
import { ACTIVITY_ADDED_EVENT, type ActivityAddedPayload } from '../../../server/domain/activity/activity-notifications';
import { listActivityPage } from '../../../server/domain/activity/list-activity-page';
import { markActivityLooked } from '../../../server/domain/activity/mark-activity-looked';
import { recordActivity } from '../../../server/domain/activity/record-activity';
import { createAgreement } from '../../../server/domain/agreements/create-agreement';
import { AppError } from '../../../server/domain/errors';
import { createNote } from '../../../server/domain/notes/create-note';
import { shareNote } from '../../../server/domain/notes/share-note';
import { leaveSpace } from '../../../server/domain/spaces/leave-space';
import type { MendServer } from '../../../server/http-server';
import { activityFeature } from '../../../server/realtime/socket-io/activity-feature';
import { createSocketIoService } from '../../../server/realtime/socket-io/socket-io-service';
import { makeCouple } from '../../support/fixtures';
import { connectLiveClient, startLiveServer, waitForEvent } from '../../support/live-clients';
import { testDatabaseKinds, useTestDatabase } from '../../support/use-test-database';

async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string; fieldErrors?: Record<string, string[]> }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, message: error.message, fieldErrors: error.fieldErrors };
    throw error;
  }
  throw new Error('expected a refusal');
}

/** Every page, oldest page last, following each page's cursor. */
async function allPages(db: Database, userId: string, spaceId: string, limit: number) {
  const pages = [];
  let before: string | null = null;
  for (let guard = 0; guard < 1000; guard++) {
    const page = await listActivityPage(db, { userId }, spaceId, { before, limit });
    pages.push(page);
    if (!page.nextCursor) return pages;
    before = page.nextCursor;
  }
  throw new Error('paging never ended');
}

const hurt = { family: 'hurt', word: 'betrayed', intensity: 4 };

describe.each(testDatabaseKinds())('since you last looked (%s)', (kind) => {
  const t = useTestDatabase(kind);

  it('marks what the partner did as new for me, never what I did; looking moves my marker, only forward', async () => {
    const { alex, sam, space } = await makeCouple(t.db);
    const A = { userId: alex.id };
    const S = { userId: sam.id };

    // Never looked: counted from joining, so Sam is not shown the space's history before him as new.
    const samFirst = await listActivityPage(t.db, S, space.id);
    expect(samFirst.items.map((i) => [i.type, i.isNew])).toEqual([
      ['member-joined', false],
      ['invite-created', false],
      ['space-created', false],
    ]);
    // Sam joining is new for Alex (who created the space and has never looked).
    expect((await listActivityPage(t.db, A, space.id)).items.find((i) => i.type === 'member-joined')?.isNew).toBe(true);

    const note = await createNote(t.db, A, { feelings: [hurt], whatINeed: 'time' });
    await shareNote(t.db, A, note.id);
    await createAgreement(t.db, A, space.id, { title: 'Phones at dinner' });

    const forSam = await listActivityPage(t.db, S, space.id);
    expect(forSam.items.slice(0, 2).map((i) => [i.type, i.isNew])).toEqual([
      ['agreement-created', true],
      ['note-shared', true],
    ]);
    const forAlex = await listActivityPage(t.db, A, space.id);
    expect(forAlex.items.slice(0, 2).map((i) => i.isNew)).toEqual([false, false]);

    // Sam looks at the list up to the note only: the agreement stays new for him.
    const noteItem = forSam.items[1]!;
    const agreementItem = forSam.items[0]!;
    await markActivityLooked(t.db, S, space.id, noteItem.id);
    expect((await listActivityPage(t.db, S, space.id)).items.slice(0, 2).map((i) => i.isNew)).toEqual([true, false]);

    await markActivityLooked(t.db, S, space.id, agreementItem.id);
    expect((await listActivityPage(t.db, S, space.id)).items.some((i) => i.isNew)).toBe(false);

    // A late request from an older page cannot move the marker back.
    await markActivityLooked(t.db, S, space.id, noteItem.id);
    expect((await listActivityPage(t.db, S, space.id)).items.some((i) => i.isNew)).toBe(false);

    // Sam's marker is his alone: Alex's view is unchanged, and Alex's own steps are never new to Alex.
    expect((await listActivityPage(t.db, A, space.id)).items.find((i) => i.type === 'member-joined')?.isNew).toBe(true);

    // Something newer from Alex is new for Sam again.
    await createAgreement(t.db, A, space.id, { title: 'Time apart' });
    const again = await listActivityPage(t.db, S, space.id);
    expect(again.items.map((i) => i.isNew)).toEqual([true, ...again.items.slice(1).map(() => false)]);
  });

  it('pages past the first 20 and lists every item exactly once, even when many share one creation time', async () => {
    const { alex, sam, space } = await makeCouple(t.db);
    // 45 items in one transaction: all get the transaction's time, so only the id can order them.
    await t.db.transaction(async (tx) => {
      for (let i = 0; i < 45; i++) await recordActivity(tx, { spaceId: space.id, actorId: alex.id, type: 'note-shared', data: {} });
    });
    const expected = (await t.db.select({ id: activity.id }).from(activity).where(sql`${activity.spaceId} = ${space.id}`)).map((r) => r.id).sort();
    expect(expected).toHaveLength(48);

    for (const limit of [20, 7, 1]) {
      const pages = await allPages(t.db, sam.id, space.id, limit);
      const ids = pages.flatMap((p) => p.items.map((i) => i.id));
      expect(new Set(ids).size, `limit ${limit}: no item twice`).toBe(ids.length);
      expect([...ids].sort(), `limit ${limit}: every item`).toEqual(expected);
      expect(pages.length).toBe(Math.ceil(48 / limit));
      expect(pages.at(-1)!.nextCursor).toBeNull();
    }
    const [first, second, third] = await allPages(t.db, sam.id, space.id, 20);
    expect([first!.items.length, second!.items.length, third!.items.length]).toEqual([20, 20, 8]);
    expect(first!.items.every((i) => i.isNew)).toBe(true);
  });

  it('pages to the microsecond: items created within one millisecond are neither skipped nor repeated', async () => {
    const { alex, sam, space } = await makeCouple(t.db);
    // A cursor rounded to JavaScript's milliseconds would skip .123456 after .123789.
    for (const at of ['2031-06-04T09:00:00.123789Z', '2031-06-04T09:00:00.123456Z', '2031-06-04T09:00:00.123001Z', '2031-06-04T09:00:00.124000Z']) {
      await t.db.insert(activity).values({ spaceId: space.id, actorId: alex.id, type: 'note-shared', data: {}, createdAt: sql`${at}::timestamptz` });
    }
    const pages = await allPages(t.db, sam.id, space.id, 1);
    const times = pages.flatMap((p) => p.items.filter((i) => i.createdAt.getUTCFullYear() === 2031).map((i) => i.id));
    expect(times).toHaveLength(4);
    expect(new Set(pages.flatMap((p) => p.items.map((i) => i.id))).size).toBe(7);
  });

  it('strangers, leavers and the anonymous get nothing; bad input gets a clear message; a closed space still lists, read-only', async () => {
    const { alex, sam, stranger, space, otherSpace } = await makeCouple(t.db);
    const A = { userId: alex.id };
    const S = { userId: sam.id };
    const newest = (await listActivityPage(t.db, A, space.id)).items[0]!;

    expect(await refusal(listActivityPage(t.db, { userId: stranger.id }, space.id))).toMatchObject({ code: 'not-found' });
    expect(await refusal(markActivityLooked(t.db, { userId: stranger.id }, space.id, newest.id))).toMatchObject({ code: 'not-found' });
    expect(await refusal(listActivityPage(t.db, null, space.id))).toMatchObject({ code: 'unauthenticated' });
    expect(await refusal(markActivityLooked(t.db, null, space.id, newest.id))).toMatchObject({ code: 'unauthenticated' });
    expect(await refusal(listActivityPage(t.db, A, 'not-a-space'))).toMatchObject({ code: 'not-found' });

    // An item of another space cannot move a marker here, and nothing changes.
    const elsewhere = (await listActivityPage(t.db, { userId: stranger.id }, otherSpace.id)).items[0]!;
    expect(await refusal(markActivityLooked(t.db, A, space.id, elsewhere.id))).toMatchObject({ code: 'not-found' });
    expect(await refusal(markActivityLooked(t.db, A, space.id, 'yesterday'))).toMatchObject({ code: 'invalid-input', fieldErrors: { upTo: expect.any(Array) } });
    const badCursor = await refusal(listActivityPage(t.db, A, space.id, { before: 'bm90IGEgY3Vyc29y' }));
    expect(badCursor).toMatchObject({ code: 'invalid-input', fieldErrors: { before: expect.any(Array) } });
    expect(badCursor.message).toMatch(/Reload the page/);
    expect(await refusal(listActivityPage(t.db, A, space.id, { limit: 0 }))).toMatchObject({ code: 'invalid-input' });
    expect(await refusal(listActivityPage(t.db, A, space.id, { limit: 101 }))).toMatchObject({ code: 'invalid-input' });
    expect((await listActivityPage(t.db, A, space.id)).items.find((i) => i.type === 'member-joined')?.isNew).toBe(true);

    // Sam leaves: the space closes. Alex still reads its list (and may still mark it looked: that
    // changes nothing shared); Sam, who left, gets "not found".
    await leaveSpace(t.db, S, space.id);
    const closed = await listActivityPage(t.db, A, space.id);
    expect(closed.items[0]).toMatchObject({ type: 'member-left', actorName: 'Sam', isNew: true });
    await markActivityLooked(t.db, A, space.id, closed.items[0]!.id);
    expect((await listActivityPage(t.db, A, space.id)).items.some((i) => i.isNew)).toBe(false);
    expect(await refusal(listActivityPage(t.db, S, space.id))).toMatchObject({ code: 'not-found' });
    expect(await refusal(markActivityLooked(t.db, S, space.id, closed.items[0]!.id))).toMatchObject({ code: 'not-found' });
  });

  describe('live', () => {
    let server: MendServer;
    beforeAll(async () => {
      let listening!: () => void;
      const ready = new Promise<void>((resolve) => (listening = resolve));
      server = await startLiveServer(t.handle, [createSocketIoService({ log: () => {}, features: [activityFeature({ onListening: () => listening() })] })]);
      await ready;
    });
    afterAll(async () => {
      await server?.close();
    });

    it("each member's client hears 'activity-added' once the change commits, strangers never; a rolled-back change is never announced", async () => {
      const { alex, sam, stranger, space } = await makeCouple(t.db);
      const samLive = await connectLiveClient(server, sam.id);
      const alexLive = await connectLiveClient(server, alex.id);
      const strangerLive = await connectLiveClient(server, stranger.id);
      try {
        // Rolled back: the item never existed, and nobody is told about it.
        await t.db
          .transaction(async (tx) => {
            await recordActivity(tx, { spaceId: space.id, actorId: alex.id, type: 'agreement-created', data: { documentId: 'x', title: 'ROLLEDBACK' } });
            throw new Error('roll back');
          })
          .catch(() => undefined);

        const note = await createNote(t.db, { userId: alex.id }, { feelings: [hurt], whatINeed: 'NOTECONTENT time' });
        await shareNote(t.db, { userId: alex.id }, note.id);
        const heard = (await waitForEvent(samLive, ACTIVITY_ADDED_EVENT, (p: ActivityAddedPayload) => p.type === 'note-shared')) as ActivityAddedPayload;
        expect(heard).toMatchObject({ type: 'note-shared', actorId: alex.id, actorName: 'Alex', data: {} });
        // By the time it is heard, the item is in the list Sam's page re-reads.
        expect((await listActivityPage(t.db, { userId: sam.id }, space.id)).items[0]).toMatchObject({ id: heard.activityId, isNew: true });
        await waitForEvent(alexLive, ACTIVITY_ADDED_EVENT, (p: ActivityAddedPayload) => p.activityId === heard.activityId);

        await new Promise((resolve) => setTimeout(resolve, 300));
        const wire = JSON.stringify(samLive.received) + JSON.stringify(alexLive.received);
        expect(wire).not.toContain('ROLLEDBACK');
        expect(wire).not.toContain('NOTECONTENT');
        expect(samLive.received.filter((e) => e.event === ACTIVITY_ADDED_EVENT && (e.args[0] as ActivityAddedPayload).activityId === heard.activityId)).toHaveLength(1);
        expect(strangerLive.received.filter((e) => e.event === ACTIVITY_ADDED_EVENT)).toEqual([]);
      } finally {
        samLive.close();
        alexLive.close();
        strangerLive.close();
      }
    });
  });
});
