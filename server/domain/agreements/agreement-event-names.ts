/** Live event names for agreements (no imports, so browser code can share them). */
export const AGREEMENT_CHANGED_EVENT = 'agreement-changed';

export type AgreementChange = 'created' | 'renamed' | 'archived' | 'unarchived';

export interface AgreementChangedPayload {
  documentId: string;
  change: AgreementChange;
}
