import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { prosemirrorJSONToYDoc } from '@tiptap/y-tiptap';
import { documentSnapshots, documentUpdates, journalEntries } from '../../../drizzle/schema';
import { documentSchema } from '../../../app/_components/collaborative-editor/editor-extensions';
import { authorizeDocument, requireJournalEntry } from '../../../server/access/authorization';
import { queryRows, type Database } from '../../../server/db/database';
import { listActivity } from '../../../server/domain/activity/record-activity';
import { createJournalEntry } from '../../../server/domain/journal/create-journal-entry';
import { deleteJournalEntry } from '../../../server/domain/journal/delete-journal-entry';
import { exportJournal } from '../../../server/domain/journal/export-journal';
import { listJournalEntries } from '../../../server/domain/journal/list-journal-entries';
import { createNote } from '../../../server/domain/notes/create-note';
import { leaveSpace } from '../../../server/domain/spaces/leave-space';
import { updateJournalEntry } from '../../../server/domain/journal/update-journal-entry';
import { makeCouple } from '../../support/fixtures';
import { testDatabaseKinds, useTestDatabase } from '../../support/use-test-database';

function paragraphs(...texts: string[]) {
  return prosemirrorJSONToYDoc(documentSchema(), { type: 'doc', content: texts.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) }, 'default');
}

/** As the Yjs server stores a document: two updates in the log and a snapshot after the first. */
async function storeText(db: Database, documentId: string, authorId: string, first: string, second: string) {
  const doc = paragraphs(first);
  const u1 = Y.encodeStateAsUpdate(doc);
  const before = Y.encodeStateVector(doc);
  const fragment = doc.getXmlFragment('default');
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(second)]);
  fragment.insert(fragment.length, [paragraph]);
  const u2 = Y.encodeStateAsUpdate(doc, before);
  await db.insert(documentUpdates).values([
    { documentId, seq: 1, update: u1, authorId },
    { documentId, seq: 2, update: u2, authorId },
  ]);
  await db.insert(documentSnapshots).values({ documentId, seq: 1, state: u1 });
}

/** Every row of every table whose text, JSON or bytes contain `marker`, as "table.column". */
async function findEverywhere(db: Database, marker: string): Promise<string[]> {
  const columns = await queryRows<{ table_name: string; column_name: string; data_type: string }>(
    db,
    sql`select table_name, column_name, data_type from information_schema.columns
        where table_schema = 'public' and data_type in ('text', 'character varying', 'jsonb', 'json', 'bytea')`,
  );
  expect(columns.length).toBeGreaterThan(10);
  const hits: string[] = [];
  for (const column of columns) {
    const col = sql.identifier(column.column_name);
    const table = sql.identifier(column.table_name);
    const condition =
      column.data_type === 'bytea'
        ? sql`position(convert_to(${marker}, 'UTF8') in ${col}) > 0`
        : sql`${col}::text like ${'%' + marker + '%'}`;
    const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${table} where ${condition}`);
    if (Number(row?.n) > 0) hits.push(`${column.table_name}.${column.column_name}`);
  }
  return hits;
}

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
    expect(markdown.indexOf('## 2026-11-01')).toBeLessThan(markdown.indexOf('## 2026-11-22'));
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

  it('leaves nothing of a person’s journal or drafts behind when they leave the space', async () => {
    const { alex, sam, space } = await makeCouple(t.db);
    const marker = `JL-${kind}-${Math.random().toString(36).slice(2, 10)}`;
    const entry = await createJournalEntry(t.db, { userId: sam.id }, { entryDate: '2026-11-23', feelings: [] });
    await storeText(t.db, entry.documentId, sam.id, `${marker} journal`, 'more');
    const draft = await createNote(t.db, { userId: sam.id }, { feelings: [{ family: 'fear', word: 'afraid', intensity: 2 }], whatINeed: `${marker} need` });
    await storeText(t.db, draft.documentId, sam.id, `${marker} draft`, 'more');
    expect((await findEverywhere(t.db, marker)).length).toBeGreaterThan(0);
    await leaveSpace(t.db, { userId: sam.id }, space.id);
    expect(await findEverywhere(t.db, marker)).toEqual([]);
    expect(await listJournalEntries(t.db, { userId: alex.id })).toEqual([]);
  });
});
