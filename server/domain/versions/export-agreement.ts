/**
 * Markdown exports: the current text or any version, with a short header saying what it is, and
 * for a version who signed it when, with the hashes that let anyone check it later. Everything a
 * person wrote (title, names, the note) is escaped like the text itself, so the file is safe to open
 * in any Markdown viewer.
 */
import { and, eq } from 'drizzle-orm';
import { agreementVersions } from '../../../drizzle/schema';
import { requireAgreementHistory, type Viewer } from '../../access/authorization';
import type { Executor } from '../../db/database';
import { notFound } from '../errors';
import { readHistoryPeople } from '../history/read-history';
import { escapeMarkdownLine } from '../markdown/escape-markdown';
import { formatExportTime } from '../markdown/format-export-time';
import { canonicalAt, currentCanonical, readAgreementVersions } from './get-agreement-versions';

export interface MarkdownExport {
  filename: string;
  markdown: string;
}

function slug(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'agreement';
}

export async function exportAgreementMarkdown(db: Executor, viewer: Viewer, documentId: string, versionNumber: number | null, now = new Date()): Promise<MarkdownExport> {
  const access = await requireAgreementHistory(db, viewer, documentId);
  const title = access.document.title || 'Agreement';
  const heading = escapeMarkdownLine(title);
  if (versionNumber === null) {
    const { content } = await currentCanonical(db, documentId);
    return {
      filename: `${slug(title)}-current.md`,
      markdown: `# ${heading}\n\n_Current text, exported ${formatExportTime(now)}. Not a signed version._\n\n${content}`,
    };
  }
  const [row] = await db
    .select({ id: agreementVersions.id })
    .from(agreementVersions)
    .where(and(eq(agreementVersions.documentId, documentId), eq(agreementVersions.number, versionNumber)))
    .limit(1);
  if (!row) throw notFound(`Version ${versionNumber}`);
  const version = (await readAgreementVersions(db, documentId)).versions.find((v) => v.number === versionNumber)!;
  const people = await readHistoryPeople(db, access.document.spaceId, [version.proposedBy, ...version.signatures.map((s) => s.signerId)]);
  const name = (id: string) => escapeMarkdownLine(people.get(id)?.name ?? 'A former member');
  const signatures = version.signatures.length
    ? version.signatures.map((s) => `- Signed by ${name(s.signerId)} on ${formatExportTime(s.signedAt)} (record hash \`${s.hash}\`)`).join('\n')
    : '- Not signed yet.';
  const header = [
    `# ${heading}, version ${version.number}`,
    '',
    `Proposed by ${name(version.proposedBy)} on ${formatExportTime(version.proposedAt)}.  `,
    // The note keeps its own punctuation: a sentence of ours around it would end in a second full stop.
    ...(version.note ? [`Note: “${escapeMarkdownLine(version.note)}”  `] : []),
    `Version record hash: \`${version.hash}\``,
    '',
    signatures,
    '',
    '---',
    '',
  ].join('\n');
  // A version stored before Markdown was escaped as it is now may hold a raw link or HTML that a
  // viewer would run. Its stored text stays as signed (the hash covers it); the export writes the
  // same document out again, safely, and says so.
  const rewritten = await canonicalAt(db, documentId, version.seq);
  const body = rewritten === version.content ? version.content : `_The signed record keeps these words in an earlier Markdown form; they are written out here as Mend writes Markdown today._\n\n${rewritten}`;
  return { filename: `${slug(title)}-version-${version.number}.md`, markdown: header + body };
}
