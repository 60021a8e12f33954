import { describe, expect, it } from 'vitest';
import { acknowledgeNote } from '../../../server/domain/notes/acknowledge-note';
import { createNote } from '../../../server/domain/notes/create-note';
import { shareNote } from '../../../server/domain/notes/share-note';
import { createAgreement } from '../../../server/domain/agreements/create-agreement';
import { proposeVersion } from '../../../server/domain/versions/propose-version';
import { signVersion } from '../../../server/domain/versions/sign-version';
import { requestVersionChanges } from '../../../server/domain/versions/request-version-changes';
import { createJournalEntry } from '../../../server/domain/journal/create-journal-entry';
import { proposeConversation } from '../../../server/domain/conversations/propose-conversation';
import { actOnConversation } from '../../../server/domain/conversations/act-on-conversation';
import { createAmend } from '../../../server/domain/amends/create-amend';
import { offerAmend } from '../../../server/domain/amends/offer-amend';
import { receiveAmend } from '../../../server/domain/amends/receive-amend';
import { requestCommitment } from '../../../server/domain/commitments/request-commitment';
import { createCommitment } from '../../../server/domain/commitments/create-commitment';
import { checkInOnCommitment } from '../../../server/domain/commitments/check-in-on-commitment';
import { addExperience } from '../../../server/domain/experiences/add-experience';
import { markExperienceDone } from '../../../server/domain/experiences/mark-experience-done';
import { saveMemory } from '../../../server/domain/experiences/save-memory';
import { leaveSpace } from '../../../server/domain/spaces/leave-space';
import { createSpace } from '../../../server/domain/spaces/create-space';
import { createInvite } from '../../../server/domain/spaces/create-invite';
import { acceptInvite } from '../../../server/domain/spaces/accept-invite';
import { getWhatNeedsYou, type HomeView } from '../../../server/domain/home/what-needs-you';
import { makeCouple, makeUser } from '../../support/fixtures';
import { testDatabaseKinds, useTestDatabase } from '../../support/use-test-database';
import { editAgreement } from '../history/agreement-editing-db';

const hurt = { family: 'hurt', word: 'betrayed', intensity: 4 };

function openView(view: HomeView) {
  if (view.space !== 'open') throw new Error(`expected an open space, got ${view.space}`);
  return view;
}
const kinds = (view: HomeView) => openView(view).needsYou.map((item) => item.kind);

describe.each(testDatabaseKinds())('what needs you, on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('lists the partner’s shared note until it is acknowledged, never a draft, never to a stranger', async () => {
    const { alex, sam, stranger } = await makeCouple(t.db);
    const A = { userId: alex.id };
    const S = { userId: sam.id };
    const draft = await createNote(t.db, A, { feelings: [hurt], whatINeed: 'DRAFT-MARKER' });
    expect(kinds(await getWhatNeedsYou(t.db, S))).toEqual([]);
    await shareNote(t.db, A, draft.id);

    const samHome = openView(await getWhatNeedsYou(t.db, S));
    expect(samHome.needsYou).toEqual([{ kind: 'note-shared', noteId: draft.id, authorName: 'Alex', at: expect.any(Date) }]);
    // Nothing of the note's content travels: not its feelings, not what the author needs.
    expect(JSON.stringify(samHome)).not.toMatch(/DRAFT-MARKER|betrayed|hurt/);
    // The author is not asked to acknowledge their own note; a stranger learns nothing.
    expect(kinds(await getWhatNeedsYou(t.db, A))).toEqual([]);
    expect(JSON.stringify(await getWhatNeedsYou(t.db, { userId: stranger.id }))).not.toContain(draft.id);

    await acknowledgeNote(t.db, S, draft.id, {});
    expect(kinds(await getWhatNeedsYou(t.db, S))).toEqual([]);
  });

  it('asks each partner to sign an open proposal until they have, and tells the proposer when changes are asked', async () => {
    const { alex, sam, stranger, space } = await makeCouple(t.db);
    const A = { userId: alex.id };
    const S = { userId: sam.id };
    const agreement = await createAgreement(t.db, A, space.id, { title: 'Phones' });
    await editAgreement(t.db, agreement.id, alex.id, (e) => e.addParagraph('We keep our phones unlocked.'));
    await proposeVersion(t.db, A, agreement.id, {});

    expect(openView(await getWhatNeedsYou(t.db, S)).needsYou).toEqual([
      { kind: 'version-to-sign', agreementId: agreement.id, title: 'Phones', number: 1, proposedByYou: false, proposerName: 'Alex', at: expect.any(Date) },
    ]);
    expect(openView(await getWhatNeedsYou(t.db, A)).needsYou).toMatchObject([{ kind: 'version-to-sign', proposedByYou: true }]);
    expect(JSON.stringify(await getWhatNeedsYou(t.db, { userId: stranger.id }))).not.toContain(agreement.id);

    await signVersion(t.db, S, agreement.id, 1);
    expect(kinds(await getWhatNeedsYou(t.db, S))).toEqual([]);
    expect(kinds(await getWhatNeedsYou(t.db, A))).toEqual(['version-to-sign']);
    await signVersion(t.db, A, agreement.id, 1);
    expect(kinds(await getWhatNeedsYou(t.db, A))).toEqual([]);

    // A proposal the text has moved on from cannot be signed: it is not offered.
    await editAgreement(t.db, agreement.id, sam.id, (e) => e.addParagraph('And no phones in bed.'));
    await proposeVersion(t.db, S, agreement.id, {});
    expect(kinds(await getWhatNeedsYou(t.db, A))).toEqual(['version-to-sign']);
    await editAgreement(t.db, agreement.id, sam.id, (e) => e.addParagraph('Except on call.'));
    expect(kinds(await getWhatNeedsYou(t.db, A))).toEqual([]);

    await proposeVersion(t.db, S, agreement.id, {});
    await requestVersionChanges(t.db, A, agreement.id, 3, { comment: 'Can we talk about on call?' });
    expect(openView(await getWhatNeedsYou(t.db, S)).needsYou).toEqual([
      { kind: 'changes-asked', agreementId: agreement.id, title: 'Phones', number: 3, byName: 'Alex', at: expect.any(Date) },
    ]);
    expect(kinds(await getWhatNeedsYou(t.db, A))).toEqual([]);
  });

  it('follows a talk request from asking to a pause whose return time waits for an answer', async () => {
    const { alex, sam, space } = await makeCouple(t.db);
    let clock = Date.now();
    const now = () => new Date(clock);
    const { conversation } = await proposeConversation(t.db, { userId: alex.id }, space.id, { topic: 'Our evenings', turnMinutes: 2 }, { now: clock, pauseMinimumSeconds: 1200 });
    const step = (userId: string, action: Record<string, unknown>) => actOnConversation(t.db, { userId }, { ...action, conversationId: conversation.id } as never, { now: (clock += 1000) });

    expect(openView(await getWhatNeedsYou(t.db, { userId: sam.id }, now())).needsYou).toEqual([
      { kind: 'talk-request', conversationId: conversation.id, topic: 'Our evenings', byName: 'Alex', at: expect.any(Date) },
    ]);
    expect(kinds(await getWhatNeedsYou(t.db, { userId: alex.id }, now()))).toEqual([]);

    await step(sam.id, { type: 'accept' });
    expect(openView(await getWhatNeedsYou(t.db, { userId: alex.id }, now())).needsYou).toEqual([
      { kind: 'talk-waiting', conversationId: conversation.id, topic: 'Our evenings', partnerName: 'Sam' },
    ]);
    expect(kinds(await getWhatNeedsYou(t.db, { userId: sam.id }, now()))).toEqual([]);

    await step(alex.id, { type: 'arrive' });
    expect(kinds(await getWhatNeedsYou(t.db, { userId: sam.id }, now()))).toEqual(['talk-open']);

    await step(alex.id, { type: 'pause', returnAt: clock + 30 * 60_000 });
    const samPaused = openView(await getWhatNeedsYou(t.db, { userId: sam.id }, now())).needsYou;
    expect(samPaused).toEqual([
      { kind: 'pause', conversationId: conversation.id, topic: 'Our evenings', returnAt: expect.any(Date), returnAgreed: false, returnSuggestedByPartner: true, canSayReady: false },
    ]);
    expect(openView(await getWhatNeedsYou(t.db, { userId: alex.id }, now())).needsYou).toMatchObject([{ kind: 'pause', returnSuggestedByPartner: false }]);
    await step(sam.id, { type: 'agree-return' });
    clock += 21 * 60_000;
    expect(openView(await getWhatNeedsYou(t.db, { userId: sam.id }, now())).needsYou).toMatchObject([{ kind: 'pause', returnAgreed: true, canSayReady: true }]);
    await step(sam.id, { type: 'ready' });
    expect(openView(await getWhatNeedsYou(t.db, { userId: sam.id }, now())).needsYou).toMatchObject([{ kind: 'pause', canSayReady: false }]);
  });

  it('lists an offered amend until received, an asked-for commitment, this week’s check-ins and a partner’s new memory', async () => {
    const { alex, sam, space } = await makeCouple(t.db);
    const A = { userId: alex.id };
    const S = { userId: sam.id };
    const now = new Date();
    const today = now.toISOString().slice(0, 10);
    const daily = (text: string) => ({ text, cadence: { kind: 'daily' }, startDate: today, timeZone: 'UTC' });

    const draftAmend = await createAmend(t.db, A, { whatIDid: 'AMEND-WORDS I hid the messages.' }, { now });
    expect(kinds(await getWhatNeedsYou(t.db, S, now))).toEqual([]);
    await offerAmend(t.db, A, draftAmend.id, now);
    const asked = await requestCommitment(t.db, S, space.id, daily('I will say when I am running late'), now);
    const samHome = openView(await getWhatNeedsYou(t.db, S, now));
    expect(samHome.needsYou).toEqual([{ kind: 'amend-offered', amendId: draftAmend.id, authorName: 'Alex', at: expect.any(Date) }]);
    expect(JSON.stringify(samHome)).not.toContain('AMEND-WORDS');
    expect(openView(await getWhatNeedsYou(t.db, A, now)).needsYou).toEqual([
      { kind: 'commitment-asked', commitmentId: asked.id, text: 'I will say when I am running late', byName: 'Sam', at: expect.any(Date) },
    ]);
    await receiveAmend(t.db, S, draftAmend.id, {}, now);
    expect(kinds(await getWhatNeedsYou(t.db, S, now))).toEqual([]);

    const walk = await createCommitment(t.db, A, space.id, daily('I will walk with you after dinner'), { now });
    const checkIns = (view: HomeView) => openView(view).comingUp.filter((item) => item.kind === 'check-in');
    expect(checkIns(await getWhatNeedsYou(t.db, S, now))).toMatchObject([{ commitmentId: walk.id, mine: false, ownerName: 'Alex' }]);
    await checkInOnCommitment(t.db, A, walk.id, { periodStart: today, value: 'kept' }, now);
    const alexCheckIns = checkIns(await getWhatNeedsYou(t.db, A, now));
    expect(alexCheckIns.flatMap((item) => (item.kind === 'check-in' ? item.periods.map((p) => p.start) : []))).not.toContain(today);
    // Alex's view of today is not revealed to Sam by the home page either: Sam still has today to give.
    const samCheckIns = checkIns(await getWhatNeedsYou(t.db, S, now));
    const samDays = samCheckIns.flatMap((item) => (item.kind === 'check-in' ? item.periods.map((p) => p.start) : []));
    expect(samDays).toContain(today);
    // Days still ahead are not listed: nothing can be given for them yet.
    expect(samDays.every((day) => day <= today)).toBe(true);
    expect(JSON.stringify(samCheckIns)).not.toContain('kept');

    const picnic = await addExperience(t.db, A, space.id, { title: 'A picnic by the river' });
    await markExperienceDone(t.db, A, picnic.id, now);
    await saveMemory(t.db, A, picnic.id, { text: 'MEMORY-WORDS the ducks' }, now);
    const withMemory = openView(await getWhatNeedsYou(t.db, S, now));
    expect(withMemory.needsYou).toEqual([{ kind: 'memory-added', experienceId: picnic.id, title: 'A picnic by the river', partnerName: 'Alex', at: expect.any(Date) }]);
    expect(JSON.stringify(withMemory)).not.toContain('MEMORY-WORDS');
    await saveMemory(t.db, S, picnic.id, { text: 'mine too' }, now);
    expect(kinds(await getWhatNeedsYou(t.db, S, now))).toEqual([]);
  });

  it('first steps recede with what the person did, never with the partner’s journal or drafts', async () => {
    const alex = await makeUser(t.db, 'Alex');
    expect(await getWhatNeedsYou(t.db, { userId: alex.id })).toEqual({ space: 'none', firstSteps: ['create-space', 'journal'] });
    const space = await createSpace(t.db, alex.id, 'Ours');
    const waiting = openView(await getWhatNeedsYou(t.db, { userId: alex.id }));
    expect(waiting.needsYou).toEqual([]);
    expect(waiting.firstSteps).toEqual(['invite-partner', 'first-agreement', 'journal', 'notes']);

    const sam = await makeUser(t.db, 'Sam');
    const { token } = await createInvite(t.db, { userId: alex.id }, space.id);
    await acceptInvite(t.db, sam.id, token);
    expect(openView(await getWhatNeedsYou(t.db, { userId: sam.id })).firstSteps).toEqual(['first-agreement', 'journal', 'notes', 'talk']);

    // Sam's private journal entry and note draft change nothing on Alex's home.
    await createJournalEntry(t.db, { userId: sam.id }, { entryDate: '2026-01-01', feelings: [] });
    await createNote(t.db, { userId: sam.id }, { feelings: [hurt] });
    expect(openView(await getWhatNeedsYou(t.db, { userId: alex.id })).firstSteps).toEqual(['first-agreement', 'journal', 'notes', 'talk']);
    expect(openView(await getWhatNeedsYou(t.db, { userId: sam.id })).firstSteps).toEqual(['first-agreement', 'talk']);

    // A shared agreement is the couple's: it recedes for both.
    await createAgreement(t.db, { userId: sam.id }, space.id, { title: 'Time and space' });
    expect(openView(await getWhatNeedsYou(t.db, { userId: alex.id })).firstSteps).toEqual(['journal', 'notes', 'talk']);
  });

  it('shows a former partner nothing of a closed space, the one who stayed no waiting items, and a new partner only their own space', async () => {
    const { alex, sam, space } = await makeCouple(t.db);
    const A = { userId: alex.id };
    const S = { userId: sam.id };
    const note = await createNote(t.db, A, { feelings: [hurt] });
    await shareNote(t.db, A, note.id);
    const agreement = await createAgreement(t.db, S, space.id, { title: 'CLOSED-SPACE-TITLE' });
    await editAgreement(t.db, agreement.id, sam.id, (e) => e.addParagraph('Something.'));
    await proposeVersion(t.db, S, agreement.id, {});
    // Newest first: Sam's own proposal, which waits for Sam's signature too, then Alex's note.
    expect(kinds(await getWhatNeedsYou(t.db, S))).toEqual(['version-to-sign', 'note-shared']);

    await leaveSpace(t.db, A, space.id);
    // The one who left: no membership, nothing of the space, not even its name.
    const former = await getWhatNeedsYou(t.db, A);
    expect(former).toEqual({ space: 'none', firstSteps: ['create-space', 'journal'] });
    // The one who stayed: a closed space waits for nobody.
    const stayed = await getWhatNeedsYou(t.db, S);
    expect(stayed).toMatchObject({ space: 'closed', name: 'Alex & Sam', leaverName: 'Alex' });
    expect(JSON.stringify(stayed)).not.toMatch(new RegExp(`${note.id}|${agreement.id}|CLOSED-SPACE-TITLE`));

    // Sam starts again with someone new: nothing from the former pair reaches either of them.
    const robin = await makeUser(t.db, 'Robin');
    const fresh = await createSpace(t.db, sam.id, 'Sam & Robin');
    const { token } = await createInvite(t.db, S, fresh.id);
    await acceptInvite(t.db, robin.id, token);
    for (const viewer of [S, { userId: robin.id }]) {
      const view = openView(await getWhatNeedsYou(t.db, viewer));
      expect(view.spaceId).toBe(fresh.id);
      expect(view.needsYou).toEqual([]);
      expect(view.firstSteps).toContain('first-agreement');
      expect(JSON.stringify(view)).not.toMatch(new RegExp(`${note.id}|${agreement.id}|CLOSED-SPACE-TITLE|Alex`));
    }
  });

  it('refuses anonymous people', async () => {
    await expect(getWhatNeedsYou(t.db, null)).rejects.toMatchObject({ code: 'unauthenticated' });
  });
});
