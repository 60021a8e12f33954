import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { noteFeelings, notes } from '../../../drizzle/schema';
import type { Database } from '../../db/database';
import { requireOwnSpace, type Viewer } from '../../access/authorization';
import type { ChartFeeling } from './feelings-chart';

/**
 * The feelings behind the chart: every shared note of both partners since `since`, and, when the
 * viewer asks, the viewer's own drafts (never anyone else's). Retracted notes are left out for both.
 */
export async function listChartFeelings(db: Database, viewer: Viewer, options: { since: Date; includeMyDrafts: boolean }): Promise<ChartFeeling[]> {
  const membership = await requireOwnSpace(db, viewer, 'read');
  const statusRule = options.includeMyDrafts
    ? or(eq(notes.status, 'shared'), and(eq(notes.status, 'draft'), eq(notes.authorId, membership.userId)))!
    : inArray(notes.status, ['shared']);
  // A raw expression: postgres.js only accepts strings for its parameters, so the date goes in as ISO text.
  const at = sql`coalesce(${notes.sharedAt}, ${notes.createdAt})`;
  const rows = await db
    .select({ authorId: notes.authorId, at: notes.sharedAt, createdAt: notes.createdAt, family: noteFeelings.family, intensity: noteFeelings.intensity })
    .from(noteFeelings)
    .innerJoin(notes, eq(notes.id, noteFeelings.noteId))
    .where(and(eq(notes.spaceId, membership.spaceId), statusRule, sql`${at} >= ${options.since.toISOString()}::timestamptz`));
  return rows.map((row) => ({ authorId: row.authorId, at: row.at ?? row.createdAt, family: row.family, intensity: row.intensity }));
}
