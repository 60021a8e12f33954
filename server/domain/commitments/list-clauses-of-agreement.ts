import type { Database } from '../../db/database';
import { requireAgreement, type Viewer } from '../../access/authorization';
import { listAgreementClauses, type AgreementClause } from './agreement-clauses';
import { loadAgreementDoc } from './load-agreement-doc';

/** The clauses a commitment may link to: the top-level blocks of one agreement of the viewer's space. */
export async function listClausesOfAgreement(db: Database, viewer: Viewer, documentId: string): Promise<AgreementClause[]> {
  await requireAgreement(db, viewer, documentId);
  const doc = await loadAgreementDoc(db, documentId);
  try {
    return listAgreementClauses(doc);
  } finally {
    doc.destroy();
  }
}
