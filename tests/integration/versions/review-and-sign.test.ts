/**
 * Review and sign on one screen: what each person sees and may do in every state of a version
 * (proposed, signed by one, by both, changes asked for, superseded, space closed), who may see it at
 * all (partner, stranger, former partner, new partner), the request for changes reaching the
 * proposer live, and the agreements list's status words.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { archiveAgreement } from '../../../server/domain/agreements/archive-agreement';
import { createAgreement } from '../../../server/domain/agreements/create-agreement';
import { listAgreementStatuses } from '../../../server/domain/agreements/list-agreement-statuses';
import { blockText } from '../../../server/domain/history/document-blocks';
import { acceptInvite } from '../../../server/domain/spaces/accept-invite';
import { createInvite } from '../../../server/domain/spaces/create-invite';
import { createSpace } from '../../../server/domain/spaces/create-space';
import { leaveSpace } from '../../../server/domain/spaces/leave-space';
import { getAgreementVersions } from '../../../server/domain/versions/get-agreement-versions';
import { getVersionReview } from '../../../server/domain/versions/get-version-review';
import { proposeVersion } from '../../../server/domain/versions/propose-version';
import { requestVersionChanges } from '../../../server/domain/versions/request-version-changes';
import { signVersion } from '../../../server/domain/versions/sign-version';
import { onLiveEvent, type LiveEvent } from '../../../server/events/live-events';
import { makeCouple, makeUser } from '../../support/fixtures';
import { testDatabaseKinds, useTestDatabase } from '../../support/use-test-database';
import { editAgreement } from '../history/agreement-editing-db';

describe.each(testDatabaseKinds())('review and sign on %s', (kind) => {
  const t = useTestDatabase(kind);
  let events: LiveEvent[] = [];
  let stop: () => void = () => {};
  beforeEach(() => {
    events = [];
    stop = onLiveEvent((event) => {
      if (event.event.startsWith('version-')) events.push(event);
    });
  });
  afterEach(() => stop());

  async function setUp() {
    const couple = await makeCouple(t.db);
    const agreement = await createAgreement(t.db, { userId: couple.alex.id }, couple.space.id, { title: 'Evenings' });
    await editAgreement(t.db, agreement.id, couple.alex.id, (e) => e.addParagraph('We eat together on weekdays.'));
    const alex = { userId: couple.alex.id };
    const sam = { userId: couple.sam.id };
    const status = async (viewer: { userId: string }) => (await listAgreementStatuses(t.db, viewer, couple.space.id)).get(agreement.id);
    return { ...couple, agreement, alexV: alex, samV: sam, status };
  }

  it('shows the whole text of a first proposal, and who may sign or ask for changes', async () => {
    const s = await setUp();
    expect(await s.status(s.alexV)).toEqual({ status: 'draft', versionNumber: null });
    await proposeVersion(t.db, s.alexV, s.agreement.id, { note: 'A start' });

    const forSam = await getVersionReview(t.db, s.samV, s.agreement.id, 1);
    expect(forSam.base).toBeNull();
    expect(forSam.changes).toBeNull();
    expect(forSam.text?.map(blockText)).toEqual(['We eat together on weekdays.']);
    expect(forSam.version).toMatchObject({ number: 1, state: 'open', note: 'A start' });
    expect(forSam.you).toMatchObject({ isProposer: false, hasSigned: false, maySign: true, mayAskForChanges: true });
    expect(forSam.awaiting.sort()).toEqual([s.alex.id, s.sam.id].sort());
    expect(forSam.frozen).toBeNull();

    // The proposer signs too, but does not ask for changes to their own proposal.
    const forAlex = await getVersionReview(t.db, s.alexV, s.agreement.id, 1);
    expect(forAlex.you).toMatchObject({ isProposer: true, maySign: true, mayAskForChanges: false });
    expect(await s.status(s.alexV)).toEqual({ status: 'waiting-for-you', versionNumber: 1 });
    expect(await s.status(s.samV)).toEqual({ status: 'waiting-for-you', versionNumber: 1 });
  });

  it('after one signature: the signer waits for the partner, the partner is still asked', async () => {
    const s = await setUp();
    await proposeVersion(t.db, s.alexV, s.agreement.id, {});
    await signVersion(t.db, s.samV, s.agreement.id, 1);

    const forSam = await getVersionReview(t.db, s.samV, s.agreement.id, 1);
    expect(forSam.you).toMatchObject({ hasSigned: true, maySign: false, mayAskForChanges: false });
    expect(forSam.awaiting).toEqual([s.alex.id]);
    expect(await s.status(s.samV)).toEqual({ status: 'waiting-for-partner', versionNumber: 1 });
    expect(await s.status(s.alexV)).toEqual({ status: 'waiting-for-you', versionNumber: 1 });
    // Having signed, asking for changes is closed (the domain says so too, not only the page).
    await expect(requestVersionChanges(t.db, s.samV, s.agreement.id, 1, { comment: 'On second thought' })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('signed by both: in effect for both, the second signature tells both live; the next review shows only what changed since', async () => {
    const s = await setUp();
    await proposeVersion(t.db, s.alexV, s.agreement.id, {});
    await signVersion(t.db, s.samV, s.agreement.id, 1);
    expect(await signVersion(t.db, s.alexV, s.agreement.id, 1)).toEqual({ inEffect: true });
    // The moment both see: one event to the whole space, saying the version is now in effect.
    expect(events.filter((e) => e.event === 'version-signed').at(-1)).toMatchObject({ audience: 'space', spaceId: s.space.id, payload: { documentId: s.agreement.id, number: 1, inEffect: true } });

    const signed = await getVersionReview(t.db, s.samV, s.agreement.id, 1);
    expect(signed.version.state).toBe('in-effect');
    expect(signed.you).toMatchObject({ maySign: false, mayAskForChanges: false });
    expect(signed.awaiting).toEqual([]);
    expect(await s.status(s.alexV)).toEqual({ status: 'in-effect', versionNumber: 1 });

    // Sam changes the text: both see "changed since signed".
    await editAgreement(t.db, s.agreement.id, s.sam.id, (e) => e.addParagraph('Fridays are for friends.'));
    expect(await s.status(s.alexV)).toEqual({ status: 'changed-since-signed', versionNumber: 1 });

    await proposeVersion(t.db, s.samV, s.agreement.id, {});
    const second = await getVersionReview(t.db, s.alexV, s.agreement.id, 2);
    expect(second.base).toMatchObject({ number: 1 });
    expect(second.text).toBeNull();
    expect(second.changes?.changed).toBe(true);
    const added = second.changes!.blocks.filter((b) => b.status === 'added');
    expect(added.map((b) => b.segments.map((seg) => seg.text).join(''))).toEqual(['Fridays are for friends.']);
    expect(added[0]?.segments[0]?.authorId).toBe(s.sam.id);
    expect(second.changes!.summary).toEqual([expect.objectContaining({ authorId: s.sam.id, paragraphsAdded: 1 })]);
    expect(second.changes!.blocks.filter((b) => b.status === 'same').map((b) => b.segments.map((seg) => seg.text).join(''))).toEqual(['We eat together on weekdays.']);
    expect(await s.status(s.alexV)).toEqual({ status: 'waiting-for-you', versionNumber: 2 });
  });

  it('asking for changes: validated, reaches the proposer live without the words, shows on the agreement for both', async () => {
    const s = await setUp();
    await proposeVersion(t.db, s.alexV, s.agreement.id, {});
    await expect(requestVersionChanges(t.db, s.samV, s.agreement.id, 1, { comment: '   ' })).rejects.toMatchObject({
      code: 'invalid-input',
      fieldErrors: { comment: ['Say what you would like changed, in a sentence or two.'] },
    });
    await expect(requestVersionChanges(t.db, s.samV, s.agreement.id, 1, { comment: 'x'.repeat(1001) })).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringContaining('1,000 characters') });
    await expect(requestVersionChanges(t.db, s.samV, s.agreement.id, 1, { comment: 'bell\u0007' })).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(requestVersionChanges(t.db, s.alexV, s.agreement.id, 1, { comment: 'Mine' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(requestVersionChanges(t.db, s.samV, s.agreement.id, 7, { comment: 'Which one?' })).rejects.toMatchObject({ code: 'not-found' });
    expect((await getAgreementVersions(t.db, s.alexV, s.agreement.id)).versions[0]?.changeRequest).toBeNull();
    expect(events.filter((e) => e.event === 'version-changes-requested')).toEqual([]);

    await requestVersionChanges(t.db, s.samV, s.agreement.id, 1, { comment: '  Can we keep Fridays free?  ' });
    const live = events.find((e) => e.event === 'version-changes-requested');
    expect(live).toMatchObject({ audience: 'space', spaceId: s.space.id, payload: { documentId: s.agreement.id, number: 1, by: s.sam.id } });
    expect(JSON.stringify(live)).not.toContain('Fridays');

    const forAlex = await getVersionReview(t.db, s.alexV, s.agreement.id, 1);
    expect(forAlex.version).toMatchObject({ state: 'changes-requested', changeRequest: { requestedBy: s.sam.id, comment: 'Can we keep Fridays free?' } });
    expect(forAlex.you).toMatchObject({ maySign: false, mayAskForChanges: false });
    expect(await s.status(s.alexV)).toEqual({ status: 'changes-asked', versionNumber: 1 });
    expect(await s.status(s.samV)).toEqual({ status: 'changes-asked', versionNumber: 1 });
    await expect(signVersion(t.db, s.alexV, s.agreement.id, 1)).rejects.toMatchObject({ code: 'conflict' });
    await expect(requestVersionChanges(t.db, s.samV, s.agreement.id, 1, { comment: 'Again' })).rejects.toMatchObject({ code: 'conflict' });

    // The proposer changes the text and proposes again: a fresh proposal both can sign.
    await editAgreement(t.db, s.agreement.id, s.alex.id, (e) => e.addParagraph('Fridays stay free.'));
    await proposeVersion(t.db, s.alexV, s.agreement.id, {});
    expect(await s.status(s.samV)).toEqual({ status: 'waiting-for-you', versionNumber: 2 });
    const second = await getVersionReview(t.db, s.samV, s.agreement.id, 2);
    expect(second.base).toBeNull(); // nothing signed by both yet: the whole text again
    expect(second.text?.map(blockText)).toEqual(['We eat together on weekdays.', 'Fridays stay free.']);
    expect(second.you).toMatchObject({ maySign: true, mayAskForChanges: true });
  });

  it('a superseded proposal can be read but not signed, and points at the newest', async () => {
    const s = await setUp();
    await proposeVersion(t.db, s.alexV, s.agreement.id, {});
    await editAgreement(t.db, s.agreement.id, s.sam.id, (e) => e.addParagraph('And Sundays.'));
    const stale = await getVersionReview(t.db, s.samV, s.agreement.id, 1);
    expect(stale.version.state).toBe('stale');
    expect(stale.you.maySign).toBe(false);
    expect(await s.status(s.samV)).toEqual({ status: 'draft', versionNumber: null });

    await proposeVersion(t.db, s.samV, s.agreement.id, {});
    const old = await getVersionReview(t.db, s.alexV, s.agreement.id, 1);
    expect(old.version.state).toBe('superseded');
    expect(old.latestNumber).toBe(2);
    expect(old.you).toMatchObject({ maySign: false, mayAskForChanges: false });
    expect(old.awaiting).toEqual([]);
    await expect(signVersion(t.db, s.alexV, s.agreement.id, 1)).rejects.toMatchObject({ code: 'conflict' });
  });

  it('only the two partners see a review: anonymous, a stranger, a former partner and a new partner get nothing', async () => {
    const s = await setUp();
    await proposeVersion(t.db, s.alexV, s.agreement.id, {});
    await expect(getVersionReview(t.db, null, s.agreement.id, 1)).rejects.toMatchObject({ code: 'unauthenticated' });
    for (const outsider of [{ userId: s.stranger.id }]) {
      await expect(getVersionReview(t.db, outsider, s.agreement.id, 1)).rejects.toMatchObject({ code: 'not-found' });
      await expect(requestVersionChanges(t.db, outsider, s.agreement.id, 1, { comment: 'Let me in' })).rejects.toMatchObject({ code: 'not-found' });
      await expect(listAgreementStatuses(t.db, outsider, s.space.id)).rejects.toMatchObject({ code: 'not-found' });
    }
    // Not found and not found again: a version number that does not exist says nothing more.
    await expect(getVersionReview(t.db, s.samV, s.agreement.id, 2)).rejects.toMatchObject({ code: 'not-found' });

    await leaveSpace(t.db, s.samV, s.space.id);
    // The one who left: nothing, not even that the proposal exists.
    await expect(getVersionReview(t.db, s.samV, s.agreement.id, 1)).rejects.toMatchObject({ code: 'not-found' });
    await expect(requestVersionChanges(t.db, s.samV, s.agreement.id, 1, { comment: 'From outside' })).rejects.toMatchObject({ code: 'not-found' });
    await expect(signVersion(t.db, s.samV, s.agreement.id, 1)).rejects.toMatchObject({ code: 'not-found' });

    // A new partner of the one who stayed is in a new space, and never sees the former pair's agreement.
    const fresh = await createSpace(t.db, s.alex.id, 'Alex & Eden');
    const eden = await makeUser(t.db, 'Eden');
    await acceptInvite(t.db, eden.id, (await createInvite(t.db, s.alexV, fresh.id)).token);
    await expect(getVersionReview(t.db, { userId: eden.id }, s.agreement.id, 1)).rejects.toMatchObject({ code: 'not-found' });
    await expect(signVersion(t.db, { userId: eden.id }, s.agreement.id, 1)).rejects.toMatchObject({ code: 'not-found' });
    await expect(listAgreementStatuses(t.db, { userId: eden.id }, s.space.id)).rejects.toMatchObject({ code: 'not-found' });
    expect((await listAgreementStatuses(t.db, { userId: eden.id }, fresh.id)).size).toBe(0);
  });

  it('in a closed space the one who stayed can read the review, and nothing asks for a signature', async () => {
    const s = await setUp();
    await proposeVersion(t.db, s.alexV, s.agreement.id, {});
    await signVersion(t.db, s.alexV, s.agreement.id, 1);
    await leaveSpace(t.db, s.samV, s.space.id);

    const review = await getVersionReview(t.db, s.alexV, s.agreement.id, 1);
    expect(review.frozen).toBe('closed');
    expect(review.you).toMatchObject({ hasSigned: true, maySign: false, mayAskForChanges: false });
    expect(review.awaiting).toEqual([]);
    expect(await s.status(s.alexV)).toEqual({ status: 'draft', versionNumber: null });
    await expect(signVersion(t.db, s.alexV, s.agreement.id, 1)).rejects.toMatchObject({ code: 'conflict' });
  });

  it('an archived agreement can be reviewed, not signed, and waits for no one', async () => {
    const s = await setUp();
    await proposeVersion(t.db, s.alexV, s.agreement.id, {});
    await archiveAgreement(t.db, s.samV, s.agreement.id);
    const review = await getVersionReview(t.db, s.samV, s.agreement.id, 1);
    expect(review.frozen).toBe('archived');
    expect(review.you).toMatchObject({ maySign: false, mayAskForChanges: false });
    expect(await s.status(s.samV)).toEqual({ status: 'draft', versionNumber: null });
    await expect(requestVersionChanges(t.db, s.samV, s.agreement.id, 1, { comment: 'Later' })).rejects.toMatchObject({ code: 'forbidden' });
  });
});
