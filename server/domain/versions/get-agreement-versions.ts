/**
 * Everything the agreement and history pages show about versions: each version with its
 * signatures and state, which one is in effect and since when, and whether the text has changed
 * since both signed.
 */
import { asc, eq, inArray } from 'drizzle-orm';
import { agreementChangeRequests, agreementSignatures, agreementVersions } from '../../../drizzle/schema';
import { requireAgreementHistory, type Viewer } from '../../access/authorization';
import type { Executor } from '../../db/database';
import { canonicalText } from '../history/canonical-text';
import { readCurrentState } from '../history/read-history';
import { docFromState } from '../history/reconstruct-state';
import { decideVersionStates, inEffectSince, type VersionState } from './version-status';

export interface VersionView {
  id: string;
  number: number;
  seq: number;
  note: string | null;
  content: string;
  proposedBy: string;
  proposedAt: Date;
  hash: string;
  state: VersionState;
  signatures: Array<{ signerId: string; signedAt: Date; hash: string }>;
  changeRequest: { requestedBy: string; comment: string; createdAt: Date } | null;
}

export interface AgreementVersions {
  /** Newest first. */
  versions: VersionView[];
  inEffect: { number: number; seq: number; since: Date } | null;
  /** The text differs from the version in effect: both partners see the calm banner. */
  changedSinceSigned: boolean;
  /** The latest version when it still waits for signatures (open or stale). */
  proposal: VersionView | null;
  currentSeq: number;
  currentContent: string;
}

export async function currentCanonical(db: Executor, documentId: string): Promise<{ content: string; lastSeq: number }> {
  const { state, lastSeq } = await readCurrentState(db, documentId);
  const doc = docFromState(state);
  try {
    return { content: canonicalText(doc), lastSeq };
  } finally {
    doc.destroy();
  }
}

/** Callers must have authorized the viewer for this agreement. */
export async function readAgreementVersions(db: Executor, documentId: string): Promise<AgreementVersions> {
  const [versions, current] = await Promise.all([
    db.select().from(agreementVersions).where(eq(agreementVersions.documentId, documentId)).orderBy(asc(agreementVersions.number)),
    currentCanonical(db, documentId),
  ]);
  const ids = versions.map((v) => v.id);
  const [signatures, requests] = ids.length
    ? await Promise.all([
        db.select().from(agreementSignatures).where(inArray(agreementSignatures.versionId, ids)).orderBy(asc(agreementSignatures.signedAt)),
        db.select().from(agreementChangeRequests).where(inArray(agreementChangeRequests.versionId, ids)),
      ])
    : [[], []];
  const views = versions.map((v) => {
    const own = signatures.filter((s) => s.versionId === v.id);
    const request = requests.find((r) => r.versionId === v.id);
    return {
      id: v.id,
      number: v.number,
      seq: v.seq,
      note: v.note,
      content: v.content,
      proposedBy: v.proposedBy,
      proposedAt: v.proposedAt,
      hash: v.hash,
      state: 'open' as VersionState,
      signatures: own.map((s) => ({ signerId: s.signerId, signedAt: s.signedAt, hash: s.hash })),
      changeRequest: request ? { requestedBy: request.requestedBy, comment: request.comment, createdAt: request.createdAt } : null,
    };
  });
  const states = decideVersionStates(
    views.map((v) => ({
      number: v.number,
      content: v.content,
      signerIds: v.signatures.map((s) => s.signerId),
      signedAt: v.signatures.map((s) => s.signedAt),
      changesRequested: v.changeRequest !== null,
    })),
    current.content,
  );
  for (const view of views) view.state = states.get(view.number) ?? 'open';
  const effective = views.find((v) => v.state === 'in-effect');
  const latest = views.at(-1);
  return {
    versions: [...views].reverse(),
    inEffect: effective ? { number: effective.number, seq: effective.seq, since: inEffectSince({ signedAt: effective.signatures.map((s) => s.signedAt) })! } : null,
    changedSinceSigned: effective ? effective.content !== current.content : false,
    proposal: latest && (latest.state === 'open' || latest.state === 'stale') ? latest : null,
    currentSeq: current.lastSeq,
    currentContent: current.content,
  };
}

export async function getAgreementVersions(db: Executor, viewer: Viewer, documentId: string): Promise<AgreementVersions> {
  await requireAgreementHistory(db, viewer, documentId);
  return readAgreementVersions(db, documentId);
}
