import { and, asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { activity, documentUpdates, documents } from '../../../drizzle/schema';
import { authorizeDocument, requireAgreement } from '../../../server/access/authorization';
import { archiveAgreement, unarchiveAgreement } from '../../../server/domain/agreements/archive-agreement';
import { createAgreement } from '../../../server/domain/agreements/create-agreement';
import { listAgreements } from '../../../server/domain/agreements/list-agreements';
import { renameAgreement } from '../../../server/domain/agreements/rename-agreement';
import { listActivity } from '../../../server/domain/activity/record-activity';
import { COLLABORATION_FIELD } from '../../../server/documents/editor-schema';
import { onLiveEvent, type LiveEvent } from '../../../server/events/live-events';
import { makeCouple } from '../../support/fixtures';
import { testDatabaseKinds, useTestDatabase } from '../../support/use-test-database';

describe.each(testDatabaseKinds())('agreements on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('creates a blank agreement and one from a template, seeded as the first update by its creator', async () => {
    const { alex, sam, space } = await makeCouple(t.db);
    const blank = await createAgreement(t.db, { userId: alex.id }, space.id, { title: '  Our evenings  ' });
    expect(blank).toMatchObject({ kind: 'agreement', title: 'Our evenings', spaceId: space.id, createdBy: alex.id, archivedAt: null });
    expect(await t.db.select().from(documentUpdates).where(eq(documentUpdates.documentId, blank.id))).toHaveLength(0);

    const phone = await createAgreement(t.db, { userId: sam.id }, space.id, { title: 'Phones', templateId: 'phone-and-privacy' });
    const rows = await t.db.select().from(documentUpdates).where(eq(documentUpdates.documentId, phone.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ seq: 1, authorId: sam.id });
    const ydoc = new Y.Doc();
    Y.applyUpdate(ydoc, new Uint8Array(rows[0]!.update));
    expect(ydoc.getXmlFragment(COLLABORATION_FIELD).toString()).toContain('Why we are making this agreement');

    const feed = await listActivity(t.db, space.id);
    expect(feed.filter((a) => a.type === 'agreement-created').map((a) => [a.actorId, a.data.title, a.data.templateId])).toEqual([
      [sam.id, 'Phones', 'phone-and-privacy'],
      [alex.id, 'Our evenings', undefined],
    ]);
  });

  it('refuses a missing title or an unknown template, and writes nothing', async () => {
    const { alex, space } = await makeCouple(t.db);
    await expect(createAgreement(t.db, { userId: alex.id }, space.id, { title: '   ' })).rejects.toMatchObject({
      code: 'invalid-input',
      fieldErrors: { title: [expect.stringContaining('Give the agreement a title')] },
    });
    await expect(createAgreement(t.db, { userId: alex.id }, space.id, { title: 'x'.repeat(121) })).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(createAgreement(t.db, { userId: alex.id }, space.id, { title: 'Ok', templateId: 'no-such' as never })).rejects.toMatchObject({
      code: 'invalid-input',
      fieldErrors: { templateId: [expect.stringContaining('starter templates')] },
    });
    expect(await t.db.select().from(documents).where(eq(documents.spaceId, space.id))).toHaveLength(0);
    expect(await t.db.select().from(activity).where(and(eq(activity.spaceId, space.id), eq(activity.type, 'agreement-created')))).toHaveLength(0);
  });

  it('lists the space’s agreements for both partners, newest change first, and nothing for anyone else', async () => {
    const { alex, sam, stranger, space, otherSpace } = await makeCouple(t.db);
    const first = await createAgreement(t.db, { userId: alex.id }, space.id, { title: 'First' }, new Date(Date.now() - 60_000));
    const second = await createAgreement(t.db, { userId: sam.id }, space.id, { title: 'Second', templateId: 'time-and-space' });
    await createAgreement(t.db, { userId: stranger.id }, otherSpace.id, { title: 'Theirs' });
    for (const person of [alex, sam]) {
      const list = await listAgreements(t.db, { userId: person.id }, space.id);
      expect(list.map((a) => a.title)).toEqual(['Second', 'First']);
      expect(list.map((a) => a.createdByName)).toEqual(['Sam', 'Alex']);
    }
    await expect(listAgreements(t.db, null, space.id)).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(listAgreements(t.db, { userId: stranger.id }, space.id)).rejects.toMatchObject({ code: 'not-found' });
    await expect(createAgreement(t.db, { userId: stranger.id }, space.id, { title: 'Sneaky' })).rejects.toMatchObject({ code: 'not-found' });
    expect((await listAgreements(t.db, { userId: alex.id }, space.id)).map((a) => a.id).sort()).toEqual([first.id, second.id].sort());
  });

  it('renames for either partner and records it; refuses strangers, anonymous people and bad titles', async () => {
    const { alex, sam, stranger, space } = await makeCouple(t.db);
    const agreement = await createAgreement(t.db, { userId: alex.id }, space.id, { title: 'Draft' });
    const published: LiveEvent[] = [];
    const stop = onLiveEvent((event) => published.push(event));
    const renamed = await renameAgreement(t.db, { userId: sam.id }, agreement.id, 'Phones at night');
    await expect(renameAgreement(t.db, { userId: stranger.id }, agreement.id, 'x')).rejects.toBeDefined();
    stop();
    expect(renamed.title).toBe('Phones at night');
    // Both partners' open pages hear about it; the event carries no content.
    expect(published).toEqual([{ spaceId: space.id, audience: 'space', event: 'agreement-changed', payload: { documentId: agreement.id, change: 'renamed' } }]);
    await expect(renameAgreement(t.db, { userId: alex.id }, agreement.id, '')).rejects.toMatchObject({ code: 'invalid-input', fieldErrors: { title: [expect.any(String)] } });
    await expect(renameAgreement(t.db, { userId: stranger.id }, agreement.id, 'Mine now')).rejects.toMatchObject({ code: 'not-found', message: 'That agreement could not be found.' });
    await expect(renameAgreement(t.db, null, agreement.id, 'Mine now')).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(renameAgreement(t.db, { userId: alex.id }, 'not-a-uuid', 'x')).rejects.toMatchObject({ code: 'not-found' });
    const [row] = await t.db.select().from(documents).where(eq(documents.id, agreement.id));
    expect(row!.title).toBe('Phones at night');
    const renames = (await listActivity(t.db, space.id)).filter((a) => a.type === 'agreement-renamed');
    expect(renames.map((a) => [a.actorId, a.data.from, a.data.to])).toEqual([[sam.id, 'Draft', 'Phones at night']]);
  });

  it('archives and brings back; an archived agreement is read-only and cannot be renamed', async () => {
    const { alex, sam, stranger, space } = await makeCouple(t.db);
    const agreement = await createAgreement(t.db, { userId: alex.id }, space.id, { title: 'Old rules' });
    await expect(archiveAgreement(t.db, { userId: stranger.id }, agreement.id)).rejects.toMatchObject({ code: 'not-found' });
    await expect(archiveAgreement(t.db, null, agreement.id)).rejects.toMatchObject({ code: 'unauthenticated' });
    const archived = await archiveAgreement(t.db, { userId: sam.id }, agreement.id);
    expect(archived.archivedAt).toBeInstanceOf(Date);
    await archiveAgreement(t.db, { userId: alex.id }, agreement.id); // twice: harmless, recorded once
    const decision = await authorizeDocument(t.db, { userId: alex.id }, agreement.id);
    expect(decision).toMatchObject({ ok: true, access: { mode: 'read' } });
    await expect(renameAgreement(t.db, { userId: alex.id }, agreement.id, 'New name')).rejects.toMatchObject({ code: 'conflict' });
    const listed = await listAgreements(t.db, { userId: alex.id }, space.id);
    expect(listed[0]!.archivedAt).toBeInstanceOf(Date);

    const restored = await unarchiveAgreement(t.db, { userId: alex.id }, agreement.id);
    expect(restored.archivedAt).toBeNull();
    expect(await authorizeDocument(t.db, { userId: sam.id }, agreement.id)).toMatchObject({ ok: true, access: { mode: 'edit' } });
    const types = (await t.db.select().from(activity).where(eq(activity.spaceId, space.id)).orderBy(asc(activity.createdAt))).map((a) => a.type);
    expect(types.filter((type) => type.startsWith('agreement-'))).toEqual(['agreement-created', 'agreement-archived', 'agreement-unarchived']);
  });

  it('requireAgreement: partner yes, stranger and anonymous no, and other document kinds are not agreements', async () => {
    const { alex, sam, stranger, space } = await makeCouple(t.db);
    const agreement = await createAgreement(t.db, { userId: alex.id }, space.id, { title: 'Ours' });
    expect((await requireAgreement(t.db, { userId: sam.id }, agreement.id)).mode).toBe('edit');
    await expect(requireAgreement(t.db, { userId: stranger.id }, agreement.id)).rejects.toMatchObject({ code: 'not-found' });
    await expect(requireAgreement(t.db, null, agreement.id)).rejects.toMatchObject({ code: 'unauthenticated' });
    const [journal] = await t.db.insert(documents).values({ spaceId: space.id, kind: 'journal', ownerId: alex.id, title: 'Mine' }).returning();
    await expect(requireAgreement(t.db, { userId: alex.id }, journal!.id)).rejects.toMatchObject({ code: 'not-found' });
    await expect(requireAgreement(t.db, { userId: sam.id }, journal!.id)).rejects.toMatchObject({ code: 'not-found' });
    await expect(archiveAgreement(t.db, { userId: alex.id }, journal!.id)).rejects.toMatchObject({ code: 'not-found' });
  });
});

describe.each(testDatabaseKinds())('agreement list order on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('puts the agreement whose text changed last first, using the update log', async () => {
    const { alex, space } = await makeCouple(t.db);
    const older = await createAgreement(t.db, { userId: alex.id }, space.id, { title: 'Older' }, new Date(Date.now() - 3_600_000));
    await createAgreement(t.db, { userId: alex.id }, space.id, { title: 'Newer' }, new Date(Date.now() - 60_000));
    expect((await listAgreements(t.db, { userId: alex.id }, space.id)).map((a) => a.title)).toEqual(['Newer', 'Older']);
    const edit = new Y.Doc();
    edit.getText('t').insert(0, 'x');
    await t.db.insert(documentUpdates).values({ documentId: older.id, seq: 1, update: Y.encodeStateAsUpdate(edit), authorId: alex.id });
    const list = await listAgreements(t.db, { userId: alex.id }, space.id);
    expect(list.map((a) => a.title)).toEqual(['Older', 'Newer']);
    expect(list[0]!.changedAt.getTime()).toBeGreaterThan(Date.now() - 10_000);
  });
});
