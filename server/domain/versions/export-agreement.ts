/**
 * Markdown exports: the current text or any version, with a short header saying what it is, and
 * for a version who signed it when, with the hashes that let anyone check it later.
 */
import { and, eq } from 'drizzle-orm';
import { agreementVersions } from '../../../drizzle/schema';
import { requireAgreementHistory, type Viewer } from '../../access/authorization';
import type { Executor } from '../../db/database';
import { notFound } from '../errors';
import { readHistoryPeople } from '../history/read-history';
import { currentCanonical, readAgreementVersions } from './get-agreement-versions';

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
  if (versionNumber === null) {
    const { content } = await currentCanonical(db, documentId);
    return {
      filename: `${slug(title)}-current.md`,
      markdown: `# ${title}\n\n_Current text, exported ${now.toISOString()}. Not a signed version._\n\n${content}`,
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
  const name = (id: string) => people.get(id)?.name ?? 'A former member';
  const signatures = version.signatures.length
    ? version.signatures.map((s) => `- Signed by ${name(s.signerId)} on ${s.signedAt.toISOString()} (record hash \`${s.hash}\`)`).join('\n')
    : '- Not signed yet.';
  const header = [
    `# ${title}, version ${version.number}`,
    '',
    `Proposed by ${name(version.proposedBy)} on ${version.proposedAt.toISOString()}${version.note ? `, with the note: “${version.note}”` : ''}.`,
    `Version record hash: \`${version.hash}\``,
    '',
    signatures,
    '',
    '---',
    '',
  ].join('\n');
  return { filename: `${slug(title)}-version-${version.number}.md`, markdown: header + version.content };
}
