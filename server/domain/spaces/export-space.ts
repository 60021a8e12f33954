/**
 * Everything that was shared in a space, as one Markdown file: the agreements (their text now and
 * every version with its signatures), the notes shared with each other with their acknowledgements
 * and replies, and the conversations held. Offered to a person before they leave, and kept for the
 * one who stays after the space closes. Nothing private is in it: no drafts, no retracted notes, no
 * journal, no check-ins.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { conversations, documents, noteReplies, notes, users } from '../../../drizzle/schema';
import type { Executor } from '../../db/database';
import { requireSpaceMember, type Viewer } from '../../access/authorization';
import { escapeMarkdownText } from '../markdown/escape-markdown';
import { formatExportTime } from '../markdown/format-export-time';
import { loadDocumentContent } from '../journal/load-document-content';
import { prosemirrorToMarkdown } from '../journal/prosemirror-to-markdown';
import { feelingsOf } from '../notes/list-notes';
import { readAgreementVersions } from '../versions/get-agreement-versions';

export interface SpaceExport {
  filename: string;
  markdown: string;
}

const when = formatExportTime;

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'space';
}

export async function exportSpace(db: Executor, viewer: Viewer, spaceId: string, now = new Date()): Promise<SpaceExport> {
  const membership = await requireSpaceMember(db, viewer, spaceId, 'read');
  const { space } = membership;
  const names = new Map<string, string>();
  const nameOf = async (userId: string | null): Promise<string> => {
    if (!userId) return 'Mend';
    if (!names.has(userId)) {
      const [row] = await db.select({ name: users.name }).from(users).where(eq(users.id, userId)).limit(1);
      names.set(userId, row?.name ?? 'A former member');
    }
    return names.get(userId)!;
  };

  const out: string[] = [`# ${escapeMarkdownText(space.name)}`, ''];
  out.push(`Exported ${when(now)}: what the two of you shared in this space.${space.closedAt ? ` The space closed ${when(space.closedAt)}.` : ''}`);

  const agreements = await db
    .select()
    .from(documents)
    .where(and(eq(documents.spaceId, spaceId), eq(documents.kind, 'agreement')))
    .orderBy(asc(documents.createdAt));
  out.push('', '## Agreements');
  if (agreements.length === 0) out.push('', 'No agreements.');
  for (const agreement of agreements) {
    const history = await readAgreementVersions(db, agreement.id);
    out.push('', `### ${escapeMarkdownText(agreement.title || 'Agreement')}${agreement.archivedAt ? ' (archived)' : ''}`, '');
    if (history.inEffect) out.push(`Version ${history.inEffect.number}, signed by both of you, in effect since ${when(history.inEffect.since)}.`);
    else out.push('No version was signed by both of you.');
    for (const version of [...history.versions].reverse()) {
      const signers = await Promise.all(version.signatures.map(async (s) => `${escapeMarkdownText(await nameOf(s.signerId))} on ${when(s.signedAt)}`));
      out.push(`- Version ${version.number}, proposed by ${escapeMarkdownText(await nameOf(version.proposedBy))} on ${when(version.proposedAt)}: ${signers.length ? `signed by ${signers.join(' and ')}` : 'not signed'}.`);
    }
    out.push('', '#### The text now', '', history.currentContent.trim() === '' ? '_(empty)_' : history.currentContent.trim());
  }

  const shared = await db
    .select()
    .from(notes)
    .where(and(eq(notes.spaceId, spaceId), eq(notes.status, 'shared')))
    .orderBy(asc(notes.sharedAt));
  const feelings = await feelingsOf(db, shared.map((n) => n.id));
  const replies = shared.length
    ? await db.select().from(noteReplies).where(inArray(noteReplies.noteId, shared.map((n) => n.id))).orderBy(asc(noteReplies.createdAt))
    : [];
  out.push('', '## Notes shared with each other');
  if (shared.length === 0) out.push('', 'No shared notes.');
  for (const note of shared) {
    out.push('', `### From ${escapeMarkdownText(await nameOf(note.authorId))}, shared ${when(note.sharedAt ?? note.createdAt)}`, '');
    const named = (feelings.get(note.id) ?? []).map((f) => `${f.word} (${f.intensity} of 5)`);
    if (named.length) out.push(`Feelings: ${escapeMarkdownText(named.join(', '))}`, '');
    const text = prosemirrorToMarkdown(await loadDocumentContent(db, note.documentId));
    out.push('What happened:', '', text === '' ? '_(nothing written)_' : text);
    if (note.whatINeed) out.push('', `What I need: ${escapeMarkdownText(note.whatINeed)}`);
    if (note.acknowledgedAt) {
      out.push('', `Read by ${escapeMarkdownText(await nameOf(note.acknowledgedBy))} on ${when(note.acknowledgedAt)}${note.acknowledgementResponse ? `: “${escapeMarkdownText(note.acknowledgementResponse)}”` : '.'}`);
    }
    for (const reply of replies.filter((r) => r.noteId === note.id)) {
      out.push('', `> ${escapeMarkdownText(await nameOf(reply.authorId))}, ${when(reply.createdAt)}: ${escapeMarkdownText(reply.body).replace(/\n/g, '\n> ')}`);
    }
  }

  const talks = await db.select().from(conversations).where(eq(conversations.spaceId, spaceId)).orderBy(asc(conversations.createdAt));
  out.push('', '## Conversations');
  if (talks.length === 0) out.push('', 'No conversations.');
  for (const talk of talks) {
    out.push('', `- “${escapeMarkdownText(talk.topic)}”, proposed by ${escapeMarkdownText(await nameOf(talk.proposedBy))} on ${when(talk.createdAt)}${talk.endedAt ? `, ended ${when(talk.endedAt)}` : ''}.`);
  }
  return { filename: `${slug(space.name)}-shared.md`, markdown: out.join('\n') + '\n' };
}
