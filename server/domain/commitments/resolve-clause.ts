import { and, eq } from 'drizzle-orm';
import { documents } from '../../../drizzle/schema';
import type { Executor } from '../../db/database';
import { invalidInput } from '../errors';
import { findAgreementClause } from './agreement-clauses';
import type { ClauseReference } from './commitment-input';
import { loadAgreementDoc } from './load-agreement-doc';

/**
 * A clause reference checked against the agreement as it is now: an agreement of this space that
 * still has a block with that id. Returns the clause's text, kept on the commitment as "the clause
 * as it was when linked".
 */
export async function resolveClause(db: Executor, spaceId: string, reference: ClauseReference): Promise<{ documentId: string; client: number; clock: number; text: string }> {
  const refusal = invalidInput('Please check the highlighted fields.', { clause: ['That clause is no longer in the agreement. Choose another one, or none.'] });
  const [agreement] = await db
    .select({ id: documents.id })
    .from(documents)
    .where(and(eq(documents.id, reference.documentId), eq(documents.spaceId, spaceId), eq(documents.kind, 'agreement')))
    .limit(1);
  if (!agreement) throw refusal;
  const doc = await loadAgreementDoc(db, agreement.id);
  try {
    const clause = findAgreementClause(doc, reference);
    if (!clause) throw refusal;
    return { documentId: agreement.id, client: clause.client, clock: clause.clock, text: clause.text };
  } finally {
    doc.destroy();
  }
}
