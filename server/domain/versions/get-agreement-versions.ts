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
import { readCurrentState, readDocAt } from '../history/read-history';
import { docFromState } from '../history/reconstruct-state';
import { decideVersionStates, inEffectSince, isFullySigned, type VersionState } from './version-status';

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

/** The canonical text of the agreement as it was after update `seq`, written the way it is written today. */
export async function canonicalAt(db: Executor, documentId: string, seq: number): Promise<string> {
  const doc = await readDocAt(db, documentId, seq);
  try {
    return canonicalText(doc);
  } finally {
    doc.destroy();
  }
}

/**
 * Whether a stored version says what the agreement says now. A version keeps the text exactly as
 * it was written when proposed (the hash chain covers it), and how canonical text is written can
 * change (escaping was made stricter): the same words stored in an earlier form must not show both
 * partners "changed since you both signed". So when the stored text differs, the document at the
 * version's point is written out again the way it is written today and compared.
 */
async function saysWhatItSaysNow(db: Executor, documentId: string, version: { content: string; seq: number }, currentContent: string): Promise<boolean> {
  if (version.content === currentContent) return true;
  return (await canonicalAt(db, documentId, version.seq)) === currentContent;
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
  // Only two versions' text matters for their state: the latest (open or stale) and the one last
  // signed by both (in effect, or changed since). Earlier ones are not rewritten.
  const latestNumber = views.at(-1)?.number;
  const lastSigned = [...views].reverse().find((v) => isFullySigned({ signerIds: v.signatures.map((s) => s.signerId) }));
  const matches = new Map<number, boolean>();
  for (const view of views) {
    if (view.number === latestNumber || view.number === lastSigned?.number) matches.set(view.number, await saysWhatItSaysNow(db, documentId, view, current.content));
  }
  const states = decideVersionStates(
    views.map((v) => ({
      number: v.number,
      content: matches.get(v.number) ? current.content : v.content,
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
    changedSinceSigned: effective ? !matches.get(effective.number) : false,
    proposal: latest && (latest.state === 'open' || latest.state === 'stale') ? latest : null,
    currentSeq: current.lastSeq,
    currentContent: current.content,
  };
}

export async function getAgreementVersions(db: Executor, viewer: Viewer, documentId: string): Promise<AgreementVersions> {
  await requireAgreementHistory(db, viewer, documentId);
  return readAgreementVersions(db, documentId);
}
