import type { Database } from '../../db/database';
import type { Viewer } from '../../access/authorization';
import { FAMILY_LABELS, INTENSITY_LABELS, type FeelingFamilyOrOwn } from '../feelings/feelings-vocabulary';
import { escapeMarkdownLine } from '../markdown/escape-markdown';
import { formatExportDay, formatExportTime } from '../markdown/format-export-time';
import { listJournalEntries } from './list-journal-entries';
import { loadDocumentContent } from './load-document-content';
import { prosemirrorToMarkdown } from './prosemirror-to-markdown';

/**
 * The viewer's own journal as one Markdown file, oldest entry first (a journal reads forwards).
 * Feelings in the person's own words are escaped like the entries' text.
 */
export async function exportJournal(db: Database, viewer: Viewer, now = new Date()): Promise<string> {
  const entries = (await listJournalEntries(db, viewer)).reverse();
  const parts = ['# My journal', '', `Exported ${formatExportTime(now)}. Private: only you can read this.`];
  for (const entry of entries) {
    parts.push('', `## ${formatExportDay(entry.entryDate)}`);
    if (entry.feelings.length > 0) {
      parts.push('', `*Feelings:* ${entry.feelings.map((f) => `${escapeMarkdownLine(f.word)} (${FAMILY_LABELS[f.family as FeelingFamilyOrOwn] ?? f.family}, ${INTENSITY_LABELS[f.intensity] ?? f.intensity})`).join(', ')}`);
    }
    const text = prosemirrorToMarkdown(await loadDocumentContent(db, entry.documentId));
    parts.push('', text === '' ? '*(no text)*' : text);
  }
  return parts.join('\n') + '\n';
}
