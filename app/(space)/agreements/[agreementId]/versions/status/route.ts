/**
 * GET …/versions/status: what the agreement page shows above the editor (version in effect, the
 * "changed since you both signed" banner, an open proposal), polled while the page is open so the
 * banner appears for both partners soon after either one edits.
 */
import { isUuid, requireAgreementHistory } from '@/server/access/authorization';
import { getDb } from '@/server/db/process-database';
import { readHistoryPeople } from '@/server/domain/history/read-history';
import { readAgreementVersions } from '@/server/domain/versions/get-agreement-versions';
import { jsonError, jsonFromError, jsonOk } from '../../../../../_lib/json-response';
import { getViewer } from '../../../../../_lib/viewer';
import type { AgreementVersionStatus } from '../agreement-version-status';

export async function GET(_request: Request, { params }: { params: Promise<{ agreementId: string }> }): Promise<Response> {
  const { agreementId } = await params;
  if (!isUuid(agreementId)) return jsonError(404, 'That agreement could not be found.');
  try {
    const db = getDb();
    const viewer = await getViewer();
    const access = await requireAgreementHistory(db, viewer, agreementId);
    const overview = await readAgreementVersions(db, agreementId);
    const proposal = overview.proposal;
    const latest = overview.versions[0];
    const asked = latest?.state === 'changes-requested' && latest.changeRequest ? { number: latest.number, ...latest.changeRequest } : null;
    const me = access.membership.userId;
    const people = await readHistoryPeople(db, access.document.spaceId, [proposal?.proposedBy ?? null, asked?.requestedBy ?? null]);
    const nameOf = (id: string) => (id === me ? 'You' : (people.get(id)?.name ?? 'Your partner'));
    const body: AgreementVersionStatus = {
      inEffect: overview.inEffect ? { number: overview.inEffect.number, seq: overview.inEffect.seq, since: overview.inEffect.since.toISOString() } : null,
      changedSinceSigned: overview.changedSinceSigned,
      proposal: proposal
        ? { number: proposal.number, state: proposal.state, proposedBy: nameOf(proposal.proposedBy), signedByMe: proposal.signatures.some((s) => s.signerId === me) }
        : null,
      changesAsked: asked ? { number: asked.number, by: nameOf(asked.requestedBy), byMe: asked.requestedBy === me, comment: asked.comment, at: asked.createdAt.toISOString() } : null,
      canAct: access.mode === 'edit',
    };
    return jsonOk(body);
  } catch (error) {
    return jsonFromError(error);
  }
}
