import { describe, expect, it } from 'vitest';
import type { CommitmentStatus } from '../../../drizzle/schema';
import { decideCommitmentAccess, decideCommitmentCheckInVisibility, type CommitmentAction } from '../../../server/access/authorization';

const OWNER = 'owner-id';
const PARTNER = 'partner-id';

describe('who sees a check-in for a period', () => {
  // [whose check-in, who asks, has the asker checked in, has the period ended] -> shown?
  const matrix: Array<[string, string, boolean, boolean, boolean]> = [
    [OWNER, OWNER, false, false, true],
    [OWNER, OWNER, true, false, true],
    [OWNER, OWNER, false, true, true],
    [PARTNER, PARTNER, false, false, true],
    [OWNER, PARTNER, false, false, false],
    [OWNER, PARTNER, true, false, true],
    [OWNER, PARTNER, false, true, true],
    [OWNER, PARTNER, true, true, true],
    [PARTNER, OWNER, false, false, false],
    [PARTNER, OWNER, true, false, true],
    [PARTNER, OWNER, false, true, true],
    [PARTNER, OWNER, true, true, true],
  ];
  it.each(matrix)('the check-in of %s, asked by %s (asker checked in: %s, period ended: %s) is shown: %s', (ownerId, viewerId, viewerHasCheckedIn, periodEnded, shown) => {
    expect(decideCommitmentCheckInVisibility({ ownerId, viewerId, viewerHasCheckedIn, periodEnded })).toBe(shown);
  });
});

describe('what each member may do with a commitment, in each state', () => {
  const statuses: CommitmentStatus[] = ['requested', 'declined', 'active', 'paused', 'completed'];
  const actions: CommitmentAction[] = ['view', 'accept', 'decline', 'pause', 'resume', 'change', 'complete', 'check-in'];
  // For the owner: the statuses in which each action is allowed. The partner may only view and check in.
  const ownerMay: Record<CommitmentAction, CommitmentStatus[]> = {
    view: statuses,
    accept: ['requested'],
    decline: ['requested'],
    pause: ['active'],
    resume: ['paused'],
    change: ['active', 'paused'],
    complete: ['active', 'paused'],
    'check-in': ['active'],
  };
  const partnerMay: Record<CommitmentAction, CommitmentStatus[]> = { ...Object.fromEntries(actions.map((a) => [a, []])), view: statuses, 'check-in': ['active'] } as Record<CommitmentAction, CommitmentStatus[]>;

  for (const status of statuses) {
    for (const action of actions) {
      it(`${action} on a ${status} commitment`, () => {
        const owner = decideCommitmentAccess({ status, ownerId: OWNER }, OWNER, action);
        const partner = decideCommitmentAccess({ status, ownerId: OWNER }, PARTNER, action);
        expect(owner.allowed).toBe(ownerMay[action].includes(status));
        expect(partner.allowed).toBe(partnerMay[action].includes(status));
        if (owner.allowed) expect(owner.isOwner).toBe(true);
        if (partner.allowed) expect(partner.isOwner).toBe(false);
        for (const decision of [owner, partner]) if (!decision.allowed) expect(decision.message).toMatch(/\w/);
        // The partner is told who may do it, not that the state is wrong, for the owner's own steps.
        if (!partner.allowed && action !== 'check-in') expect(partner.refusal).toBe('forbidden');
      });
    }
  }
});
