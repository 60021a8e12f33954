import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { documentUpdates, journalEntries } from '../../../drizzle/schema';
import { authorizeDocument, requireJournalEntry } from '../../../server/access/authorization';
import { queryRows } from '../../../server/db/database';
import { listActivity } from '../../../server/domain/activity/record-activity';
import { createJournalEntry } from '../../../server/domain/journal/create-journal-entry';
import { deleteJournalEntry } from '../../../server/domain/journal/delete-journal-entry';
import { exportJournal } from '../../../server/domain/journal/export-journal';
import { listJournalEntries } from '../../../server/domain/journal/list-journal-entries';
import { createNote } from '../../../server/domain/notes/create-note';
import { leaveSpace } from '../../../server/domain/spaces/leave-space';
import { updateJournalEntry } from '../../../server/domain/journal/update-journal-entry';
import { makeCouple, makeUser } from '../../support/fixtures';
import { findEverywhere, storeText } from '../../support/stored-content';
import { testDatabaseKinds, useTestDatabase } from '../../support/use-test-database';

describe.each(testDatabaseKinds())('private journal on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('exists for its owner only: the partner and a stranger get "not found", the document room refuses them', async () => {
    const { alex, sam, stranger, space } = await makeCouple(t.db);
    const entry = await createJournalEntry(t.db, { userId: alex.id }, { entryDate: '2026-11-20', feelings: [{ family: 'fear', word: 'anxious', intensity: 3 }] });
    expect((await requireJournalEntry(t.db, { userId: alex.id }, entry.id)).entry.id).toBe(entry.id);
    for (const viewer of [{ userId: sam.id }, { userId: stranger.id }]) {
      await expect(requireJournalEntry(t.db, viewer, entry.id)).rejects.toMatchObject({ code: 'not-found', message: 'That journal entry could not be found.' });
      await expect(updateJournalEntry(t.db, viewer, entry.id, { entryDate: '2026-11-21', feelings: [] })).rejects.toMatchObject({ code: 'not-found' });
      await expect(deleteJournalEntry(t.db, viewer, entry.id)).rejects.toMatchObject({ code: 'not-found' });
      expect(await authorizeDocument(t.db, viewer, entry.documentId)).toMatchObject({ ok: false });
    }
    await expect(requireJournalEntry(t.db, null, entry.id)).rejects.toMatchObject({ code: 'unauthenticated' });
    // The partner's answer for a real entry is the same as for an id that never existed.
    await expect(requireJournalEntry(t.db, { userId: sam.id }, crypto.randomUUID())).rejects.toMatchObject({ code: 'not-found', message: 'That journal entry could not be found.' });
    expect(await authorizeDocument(t.db, { userId: alex.id }, entry.documentId)).toMatchObject({ ok: true, access: { mode: 'edit' } });
    expect(await listJournalEntries(t.db, { userId: sam.id })).toEqual([]);
    expect((await listJournalEntries(t.db, { userId: alex.id })).map((e) => e.id)).toEqual([entry.id]);
    expect(await listActivity(t.db, space.id)).not.toContainEqual(expect.objectContaining({ type: expect.stringContaining('journal') }));
    await expect(createJournalEntry(t.db, { userId: alex.id }, { entryDate: 'yesterday', feelings: [] })).rejects.toMatchObject({ code: 'invalid-input', fieldErrors: { entryDate: ['Pick a date for this entry.'] } });
  });

  it('exports the owner’s journal as Markdown, oldest first, and nothing of the partner’s', async () => {
    const { alex, sam } = await makeCouple(t.db);
    const later = await createJournalEntry(t.db, { userId: alex.id }, { entryDate: '2026-11-22', feelings: [] });
    const earlier = await createJournalEntry(t.db, { userId: alex.id }, { entryDate: '2026-11-01', feelings: [{ family: 'hope', word: 'hopeful', intensity: 2 }] });
    const samsEntry = await createJournalEntry(t.db, { userId: sam.id }, { entryDate: '2026-11-05', feelings: [] });
    await storeText(t.db, later.documentId, alex.id, 'A long walk.', 'Felt *lighter*.');
    await storeText(t.db, earlier.documentId, alex.id, 'First page.', 'Second thought.');
    await storeText(t.db, samsEntry.documentId, sam.id, 'SAM-PRIVATE', 'more');
    const markdown = await exportJournal(t.db, { userId: alex.id });
    expect(markdown).toContain('# My journal');
    expect(markdown.indexOf('## 1 November 2026')).toBeLessThan(markdown.indexOf('## 22 November 2026'));
    expect(markdown).toContain('*Feelings:* hopeful (Hope, somewhat)');
    expect(markdown).toContain('First page.\n\nSecond thought.');
    expect(markdown).toContain('Felt \\*lighter\\*.');
    expect(markdown).not.toContain('SAM-PRIVATE');
  });

  it('deletes an entry for good: its text is in no table afterwards', async () => {
    const { alex, sam } = await makeCouple(t.db);
    const marker = `JM-${kind}-${Math.random().toString(36).slice(2, 10)}`;
    const entry = await createJournalEntry(t.db, { userId: alex.id }, { entryDate: '2026-11-23', feelings: [{ word: marker, ownWords: true, intensity: 2 }] });
    await storeText(t.db, entry.documentId, alex.id, `${marker} first`, `${marker} second`);
    const keep = await createJournalEntry(t.db, { userId: alex.id }, { entryDate: '2026-11-24', feelings: [] });
    await storeText(t.db, keep.documentId, alex.id, 'keep this', 'and this');
    expect((await findEverywhere(t.db, marker)).sort()).toEqual(['document_snapshots.state', 'document_updates.update', 'journal_entries.feelings']);

    await expect(deleteJournalEntry(t.db, { userId: sam.id }, entry.id)).rejects.toMatchObject({ code: 'not-found' });
    await deleteJournalEntry(t.db, { userId: alex.id }, entry.id);

    expect(await findEverywhere(t.db, marker)).toEqual([]);
    expect((await listJournalEntries(t.db, { userId: alex.id })).map((e) => e.id)).toEqual([keep.id]);
    const left = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from ${documentUpdates} where ${documentUpdates.documentId} = ${entry.documentId}`);
    expect(Number(left[0]!.n)).toBe(0);
    expect(await t.db.select().from(journalEntries)).toContainEqual(expect.objectContaining({ id: keep.id }));
    expect(await exportJournal(t.db, { userId: alex.id })).toContain('keep this');
    await expect(deleteJournalEntry(t.db, { userId: alex.id }, entry.id)).rejects.toMatchObject({ code: 'not-found' });
  });

  it('keeps a person’s journal when they leave the space, and leaves nothing of their drafts behind', async () => {
    const { alex, sam, space } = await makeCouple(t.db);
    const marker = `JL-${kind}-${Math.random().toString(36).slice(2, 10)}`;
    const entry = await createJournalEntry(t.db, { userId: sam.id }, { entryDate: '2026-11-23', feelings: [] });
    await storeText(t.db, entry.documentId, sam.id, `${marker} journal`, 'more');
    const draft = await createNote(t.db, { userId: sam.id }, { feelings: [{ family: 'fear', word: 'afraid', intensity: 2 }], whatINeed: `${marker} need` });
    await storeText(t.db, draft.documentId, sam.id, `${marker} draft`, 'more');
    await leaveSpace(t.db, { userId: sam.id }, space.id);
    // The draft is gone from every table; the journal entry is the only place the marker is left.
    expect((await findEverywhere(t.db, marker)).sort()).toEqual(['document_snapshots.state', 'document_updates.update']);
    expect((await listJournalEntries(t.db, { userId: sam.id })).map((e) => e.id)).toEqual([entry.id]);
    expect(await exportJournal(t.db, { userId: sam.id })).toContain(`${marker} journal`);
    const room = await authorizeDocument(t.db, { userId: sam.id }, entry.documentId);
    expect(room).toMatchObject({ ok: true, access: { mode: 'edit' } });
    expect(await authorizeDocument(t.db, { userId: alex.id }, entry.documentId)).toMatchObject({ ok: false });
    expect(await listJournalEntries(t.db, { userId: alex.id })).toEqual([]);
  });

  it('works with no space at all, and the entry is still the owner’s alone', async () => {
    const { stranger } = await makeCouple(t.db);
    const loner = await makeUser(t.db, 'Loner');
    const entry = await createJournalEntry(t.db, { userId: loner.id }, { entryDate: '2026-11-30', feelings: [] });
    expect((await listJournalEntries(t.db, { userId: loner.id })).map((e) => e.id)).toEqual([entry.id]);
    await expect(requireJournalEntry(t.db, { userId: stranger.id }, entry.id)).rejects.toMatchObject({ code: 'not-found' });
  });
});
