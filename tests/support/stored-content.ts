/** Writing document text the way the Yjs server stores it, and searching every table for a marker. */
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import * as Y from 'yjs';
import { prosemirrorJSONToYDoc } from '@tiptap/y-tiptap';
import { documentSnapshots, documentUpdates } from '../../drizzle/schema';
import { documentSchema } from '../../server/documents/editor-schema';
import { queryRows, type Database } from '../../server/db/database';

export function paragraphs(...texts: string[]): Y.Doc {
  return prosemirrorJSONToYDoc(documentSchema(), { type: 'doc', content: texts.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) }, 'default');
}

/** As the Yjs server stores a document: two updates in the log and a snapshot after the first. */
export async function storeText(db: Database, documentId: string, authorId: string, first: string, second: string): Promise<void> {
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
export async function findEverywhere(db: Database, marker: string): Promise<string[]> {
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
