/**
 * What happens to each kind of data at the edges of a relationship (docs/relationship-life.md): a
 * partner leaves, a new partner arrives, a partner deletes their account.
 * Every assertion is what a person would get from the domain functions the pages and rooms call.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { activity, userSessions, users } from '../../../drizzle/schema';
import {
  authorizeDocument,
  findMembership,
  requireAgreementHistory,
  requireConversation,
  requireOwnSpace,
  requireSpaceMember,
} from '../../../server/access/authorization';
import { listActivity } from '../../../server/domain/activity/record-activity';
import { DELETED_ACCOUNT_NAME, deleteAccount } from '../../../server/domain/accounts/delete-account';
import { registerUser } from '../../../server/domain/accounts/register-user';
import { createAgreement } from '../../../server/domain/agreements/create-agreement';
import { createAmend } from '../../../server/domain/amends/create-amend';
import { listAmends } from '../../../server/domain/amends/list-amends';
import { offerAmend } from '../../../server/domain/amends/offer-amend';
import { withdrawAmend } from '../../../server/domain/amends/withdraw-amend';
import { checkInOnCommitment } from '../../../server/domain/commitments/check-in-on-commitment';
import { createCommitment } from '../../../server/domain/commitments/create-commitment';
import { listCommitments } from '../../../server/domain/commitments/list-commitments';
import { listAgreements } from '../../../server/domain/agreements/list-agreements';
import { proposeConversation } from '../../../server/domain/conversations/propose-conversation';
import { listTimeline } from '../../../server/domain/history/list-timeline';
import { readHistoryPeople } from '../../../server/domain/history/read-history';
import { createJournalEntry } from '../../../server/domain/journal/create-journal-entry';
import { exportJournal } from '../../../server/domain/journal/export-journal';
import { listJournalEntries } from '../../../server/domain/journal/list-journal-entries';
import { acknowledgeNote } from '../../../server/domain/notes/acknowledge-note';
import { createNote } from '../../../server/domain/notes/create-note';
import { getNote } from '../../../server/domain/notes/get-note';
import { listNotes } from '../../../server/domain/notes/list-notes';
import { replyToNote } from '../../../server/domain/notes/reply-to-note';
import { retractNote } from '../../../server/domain/notes/retract-note';
import { shareNote } from '../../../server/domain/notes/share-note';
import { acceptInvite, inspectInvite } from '../../../server/domain/spaces/accept-invite';
import { createInvite } from '../../../server/domain/spaces/create-invite';
import { createSpace } from '../../../server/domain/spaces/create-space';
import { exportSpace } from '../../../server/domain/spaces/export-space';
import { leaveSpace } from '../../../server/domain/spaces/leave-space';
import { getAgreementVersions } from '../../../server/domain/versions/get-agreement-versions';
import { proposeVersion } from '../../../server/domain/versions/propose-version';
import { signVersion } from '../../../server/domain/versions/sign-version';
import { verifyAgreementHistory } from '../../../server/domain/versions/verify-agreement-history';
import { makeCouple, makeUser } from '../../support/fixtures';
import { findEverywhere, storeText } from '../../support/stored-content';
import { testDatabaseKinds, useTestDatabase } from '../../support/use-test-database';
import { editAgreement } from '../history/agreement-editing-db';

const feeling = { family: 'hope', word: 'hopeful', intensity: 3 } as const;

describe.each(testDatabaseKinds())("a relationship's life on %s", (kind) => {
  const t = useTestDatabase(kind);

  /** A couple with something of everything: a signed agreement, shared notes both ways with replies, drafts, journals. */
  async function livedIn() {
    const couple = await makeCouple(t.db);
    const { alex, sam, space } = couple;
    const marker = `RL-${kind}-${Math.random().toString(36).slice(2, 10)}`;
    const agreement = await createAgreement(t.db, { userId: alex.id }, space.id, { title: 'Phones' });
    await editAgreement(t.db, agreement.id, alex.id, (e) => e.addParagraph('We keep our phones unlocked.'));
    await editAgreement(t.db, agreement.id, sam.id, (e) => e.addParagraph(`Sam wrote this clause ${marker}-agreement.`));
    await proposeVersion(t.db, { userId: alex.id }, agreement.id, {});
    await signVersion(t.db, { userId: sam.id }, agreement.id, 1);
    await signVersion(t.db, { userId: alex.id }, agreement.id, 1);
    const samShared = await createNote(t.db, { userId: sam.id }, { feelings: [feeling], whatINeed: `${marker}-sam-shared-need` });
    await storeText(t.db, samShared.documentId, sam.id, `${marker}-sam-shared-text`, 'more');
    await shareNote(t.db, { userId: sam.id }, samShared.id);
    await acknowledgeNote(t.db, { userId: alex.id }, samShared.id, { response: `${marker}-alex-ack` });
    await replyToNote(t.db, { userId: alex.id }, samShared.id, { body: `${marker}-alex-reply` });
    const alexShared = await createNote(t.db, { userId: alex.id }, { feelings: [feeling], whatINeed: `${marker}-alex-shared-need` });
    await shareNote(t.db, { userId: alex.id }, alexShared.id);
    await replyToNote(t.db, { userId: sam.id }, alexShared.id, { body: `${marker}-sam-reply` });
    const samDraft = await createNote(t.db, { userId: sam.id }, { feelings: [feeling], whatINeed: `${marker}-sam-draft-need` });
    await storeText(t.db, samDraft.documentId, sam.id, `${marker}-sam-draft-text`, 'more');
    const samRetracted = await createNote(t.db, { userId: sam.id }, { feelings: [feeling], whatINeed: `${marker}-sam-retracted-need` });
    await shareNote(t.db, { userId: sam.id }, samRetracted.id);
    await retractNote(t.db, { userId: sam.id }, samRetracted.id);
    const samJournal = await createJournalEntry(t.db, { userId: sam.id }, { entryDate: '2026-11-20', feelings: [] });
    await storeText(t.db, samJournal.documentId, sam.id, `${marker}-sam-journal`, 'more');
    const alexJournal = await createJournalEntry(t.db, { userId: alex.id }, { entryDate: '2026-11-21', feelings: [] });
    await storeText(t.db, alexJournal.documentId, alex.id, `${marker}-alex-journal`, 'more');
    return { ...couple, marker, agreement, samShared, alexShared, samDraft, samRetracted, samJournal, alexJournal };
  }

  describe('when a partner leaves', () => {
    it('closes the space: the one who stays reads what was shared, read-only; the leaver keeps their journal and loses the rest', async () => {
      const s = await livedIn();
      expect(await leaveSpace(t.db, { userId: s.sam.id }, s.space.id)).toEqual({ outcome: 'closed' });

      // The leaver: nothing of the space, their journal whole and editable, free to start again.
      await expect(requireSpaceMember(t.db, { userId: s.sam.id }, s.space.id, 'read')).rejects.toMatchObject({ code: 'not-found' });
      await expect(getNote(t.db, { userId: s.sam.id }, s.samShared.id)).rejects.toMatchObject({ code: 'not-found' });
      expect(await authorizeDocument(t.db, { userId: s.sam.id }, s.agreement.id)).toMatchObject({ ok: false });
      expect((await listJournalEntries(t.db, { userId: s.sam.id })).map((e) => e.id)).toEqual([s.samJournal.id]);
      expect(await exportJournal(t.db, { userId: s.sam.id })).toContain(`${s.marker}-sam-journal`);
      expect(await authorizeDocument(t.db, { userId: s.sam.id }, s.samJournal.documentId)).toMatchObject({ ok: true, access: { mode: 'edit' } });
      expect(await findMembership(t.db, s.sam.id)).toBeNull();

      // The one who stays: what was shared, read-only, including the leaver's shared note and the replies.
      const alex = { userId: s.alex.id };
      expect(await findMembership(t.db, s.alex.id)).toBeNull();
      const readable = await requireOwnSpace(t.db, alex, 'read');
      expect(readable).toMatchObject({ spaceId: s.space.id, closed: true });
      // The leaver's retracted note went with their other private things: not even "a note was retracted" is left.
      expect((await listNotes(t.db, alex)).map((n) => n.id).sort()).toEqual([s.samShared.id, s.alexShared.id].sort());
      const kept = await getNote(t.db, alex, s.samShared.id);
      expect(kept).toMatchObject({ visibility: 'full', authorName: 'Sam', readOnly: true, acknowledgement: { response: `${s.marker}-alex-ack` } });
      expect(kept.visibility === 'full' && kept.replies.map((r) => r.body)).toEqual([`${s.marker}-alex-reply`]);
      expect(await authorizeDocument(t.db, alex, s.agreement.id)).toMatchObject({ ok: true, access: { mode: 'read' } });
      expect((await listAgreements(t.db, alex, s.space.id)).map((a) => a.id)).toEqual([s.agreement.id]);
      expect((await getAgreementVersions(t.db, alex, s.agreement.id)).inEffect).toMatchObject({ number: 1 });

      // …and nothing can change any more, with a plain reason.
      const closedMessage = expect.stringContaining('closed');
      await expect(replyToNote(t.db, alex, s.samShared.id, { body: 'one more' })).rejects.toMatchObject({ code: 'conflict', message: closedMessage });
      await expect(createAgreement(t.db, alex, s.space.id, { title: 'New' })).rejects.toMatchObject({ code: 'conflict' });
      await expect(createNote(t.db, alex, { feelings: [feeling], whatINeed: '' })).rejects.toMatchObject({ code: 'not-found' });
      await expect(proposeVersion(t.db, alex, s.agreement.id, {})).rejects.toMatchObject({ code: 'conflict' });
      await expect(createInvite(t.db, alex, s.space.id)).rejects.toMatchObject({ code: 'conflict' });
      await expect(proposeConversation(t.db, alex, s.space.id, { topic: 'Us', turnMinutes: 3 }, { now: Date.now(), pauseMinimumSeconds: 1200 })).rejects.toMatchObject({
        code: expect.stringMatching(/conflict|not-found/),
      });

      // The leaver's drafts and retracted note are gone for good; what was shared is kept; journals untouched.
      const everywhere = async (what: string) => findEverywhere(t.db, `${s.marker}-${what}`);
      expect(await everywhere('sam-draft-text')).toEqual([]);
      expect(await everywhere('sam-draft-need')).toEqual([]);
      expect(await everywhere('sam-retracted-need')).toEqual([]);
      expect(await everywhere('sam-shared-text')).not.toEqual([]);
      expect(await everywhere('sam-journal')).not.toEqual([]);
      expect(await everywhere('alex-journal')).not.toEqual([]);
      const types = (await listActivity(t.db, s.space.id)).map((a) => a.type);
      expect(types[0]).toBe('member-left');
    });

    it('erases the leaver\'s commitment check-ins the partner had not seen; revealed ones and the commitment stay', async () => {
      const { alex, sam, space } = await makeCouple(t.db);
      const now = new Date();
      const today = now.toISOString().slice(0, 10);
      const input = { text: 'I will call when I am late', cadence: { kind: 'daily' }, startDate: today, timeZone: 'UTC' };
      const commitment = await createCommitment(t.db, { userId: sam.id }, space.id, input, { now });
      const note = `CI-${kind}-${Math.random().toString(36).slice(2, 10)}`;
      await checkInOnCommitment(t.db, { userId: sam.id }, commitment.id, { periodStart: today, value: 'partly', note }, now);
      await leaveSpace(t.db, { userId: sam.id }, space.id, now);
      expect(await findEverywhere(t.db, note)).toEqual([]);
      expect((await listCommitments(t.db, { userId: alex.id }, {})).map((c) => c.id)).toEqual([commitment.id]);
    });

    it('deletes the leaver\'s amend drafts and the words of withdrawn amends; offered amends stay with the partner', async () => {
      const { alex, sam, space } = await makeCouple(t.db);
      const marker = `AM-${kind}-${Math.random().toString(36).slice(2, 10)}`;
      const sam_ = { userId: sam.id };
      const draft = await createAmend(t.db, sam_, { whatIDid: `${marker}-draft`, howItAffectedYou: '', commitmentIds: [] });
      const offered = await createAmend(t.db, sam_, { whatIDid: `${marker}-offered`, howItAffectedYou: '', commitmentIds: [] });
      await offerAmend(t.db, sam_, offered.id);
      const withdrawn = await createAmend(t.db, sam_, { whatIDid: `${marker}-withdrawn`, howItAffectedYou: '', commitmentIds: [] });
      await offerAmend(t.db, sam_, withdrawn.id);
      await withdrawAmend(t.db, sam_, withdrawn.id);
      await leaveSpace(t.db, sam_, space.id);
      expect(await findEverywhere(t.db, `${marker}-draft`)).toEqual([]);
      expect(await findEverywhere(t.db, `${marker}-withdrawn`)).toEqual([]);
      expect(await findEverywhere(t.db, `${marker}-offered`)).not.toEqual([]);
      const alexSees = await listAmends(t.db, { userId: alex.id });
      expect(alexSees.map((a) => a.id).sort()).toEqual([offered.id, withdrawn.id].sort());
      expect(draft.id).toBeTruthy();
    });

    it('refuses old invite links, and deletes the space when nobody else was ever there', async () => {
      const alex = await makeUser(t.db, 'Alex');
      const sam = await makeUser(t.db, 'Sam');
      const space = await createSpace(t.db, alex.id, 'Alex & Sam');
      const first = await createInvite(t.db, { userId: alex.id }, space.id);
      const { token } = await createInvite(t.db, { userId: alex.id }, space.id);
      await acceptInvite(t.db, sam.id, first.token);
      await leaveSpace(t.db, { userId: sam.id }, space.id);
      const newcomer = await makeUser(t.db, 'Eden');
      expect((await inspectInvite(t.db, token, newcomer.id)).problem).toBe('closed');
      await expect(acceptInvite(t.db, newcomer.id, token)).rejects.toMatchObject({ code: 'gone', message: 'This space has closed' });

      const loner = await makeUser(t.db, 'Loner');
      const lonely = await createSpace(t.db, loner.id, 'Just me');
      expect(await leaveSpace(t.db, { userId: loner.id }, lonely.id)).toEqual({ outcome: 'deleted' });
      await expect(requireSpaceMember(t.db, { userId: loner.id }, lonely.id, 'read')).rejects.toMatchObject({ code: 'not-found' });
    });
  });

  describe('when a new partner arrives', () => {
    it('means a new space: nothing the former pair wrote or received ever reaches the new person', async () => {
      const s = await livedIn();
      await proposeConversation(t.db, { userId: s.alex.id }, s.space.id, { topic: `${s.marker}-topic`, turnMinutes: 3 }, { now: Date.now(), pauseMinimumSeconds: 1200 });
      await leaveSpace(t.db, { userId: s.sam.id }, s.space.id);
      const [oldConversation] = await t.db.select().from(activity).where(eq(activity.type, 'conversation-proposed'));

      const fresh = await createSpace(t.db, s.alex.id, 'Alex & Eden');
      const eden = await makeUser(t.db, 'Eden');
      const { token } = await createInvite(t.db, { userId: s.alex.id }, fresh.id);
      await acceptInvite(t.db, eden.id, token);
      const edenV = { userId: eden.id };

      expect(await listNotes(t.db, edenV)).toEqual([]);
      for (const noteId of [s.samShared.id, s.alexShared.id, s.samRetracted.id, s.samDraft.id]) {
        await expect(getNote(t.db, edenV, noteId)).rejects.toMatchObject({ code: 'not-found' });
        await expect(replyToNote(t.db, edenV, noteId, { body: 'hello' })).rejects.toMatchObject({ code: 'not-found' });
      }
      expect(await listAgreements(t.db, edenV, fresh.id)).toEqual([]);
      expect(await authorizeDocument(t.db, edenV, s.agreement.id)).toMatchObject({ ok: false });
      await expect(requireAgreementHistory(t.db, edenV, s.agreement.id)).rejects.toMatchObject({ code: 'not-found' });
      await expect(requireSpaceMember(t.db, edenV, s.space.id, 'read')).rejects.toMatchObject({ code: 'not-found' });
      const conversationId = (oldConversation!.data as { conversationId: string }).conversationId;
      await expect(requireConversation(t.db, edenV, conversationId, 'read')).rejects.toMatchObject({ code: 'not-found' });
      const edenActivity = await listActivity(t.db, fresh.id);
      expect(edenActivity.map((a) => a.type).sort()).toEqual(['invite-created', 'member-joined', 'space-created']);
      expect(JSON.stringify(edenActivity)).not.toContain(s.marker);

      // Alex works in the new space, and can still read and export the closed one.
      expect(await findMembership(t.db, s.alex.id)).toMatchObject({ spaceId: fresh.id, closed: false });
      expect(await getNote(t.db, { userId: s.alex.id }, s.samShared.id)).toMatchObject({ readOnly: true });
      const exported = await exportSpace(t.db, { userId: s.alex.id }, s.space.id);
      expect(exported.markdown).toContain(`${s.marker}-sam-shared-text`);
      expect(exported.markdown).toContain(`${s.marker}-alex-reply`);
      expect(exported.markdown).toContain('Phones');
      await expect(exportSpace(t.db, edenV, s.space.id)).rejects.toMatchObject({ code: 'not-found' });
      await expect(exportSpace(t.db, { userId: s.sam.id }, s.space.id)).rejects.toMatchObject({ code: 'not-found' });
    });
  });

  describe('when a partner deletes their account', () => {
    it('keeps for the other everything that was shared, attributed to a former partner, and deletes every private thing for good', async () => {
      const s = await livedIn();
      const samEmail = s.sam.email;
      await t.db.insert(userSessions).values({ userId: s.sam.id, userAgent: 'Chrome on Linux' });
      await deleteAccount(t.db, s.sam.id, 'correct horse battery');
      const alex = { userId: s.alex.id };

      // Shared notes with the partner's own replies and acknowledgement stay, attributed to the tombstone.
      const kept = await getNote(t.db, alex, s.samShared.id);
      expect(kept).toMatchObject({ visibility: 'full', authorName: DELETED_ACCOUNT_NAME, acknowledgement: { response: `${s.marker}-alex-ack` } });
      expect(kept.visibility === 'full' && kept.replies.map((r) => r.body)).toEqual([`${s.marker}-alex-reply`]);
      const alexNote = await getNote(t.db, alex, s.alexShared.id);
      expect(alexNote.visibility === 'full' && alexNote.replies.map((r) => [r.authorName, r.body])).toEqual([[DELETED_ACCOUNT_NAME, `${s.marker}-sam-reply`]]);

      // The agreement's text, history and signatures stay, and name the former partner, never "Mend".
      const versions = await getAgreementVersions(t.db, alex, s.agreement.id);
      expect(versions.inEffect).toMatchObject({ number: 1 });
      expect((await verifyAgreementHistory(t.db, alex, s.agreement.id)).ok).toBe(true);
      const timeline = await listTimeline(t.db, s.agreement.id);
      const authorIds = timeline.sessions.map((session) => session.authorId);
      expect(authorIds).toContain(s.sam.id);
      const people = await readHistoryPeople(t.db, s.space.id, authorIds);
      expect(people.get(s.sam.id)?.name).toBe(DELETED_ACCOUNT_NAME);
      expect(await findEverywhere(t.db, `${s.marker}-agreement`)).not.toEqual([]);

      // Private things are gone from every table, update logs and snapshots included.
      for (const what of ['sam-journal', 'sam-draft-text', 'sam-draft-need', 'sam-retracted-need']) {
        expect(await findEverywhere(t.db, `${s.marker}-${what}`), what).toEqual([]);
      }
      expect(await findEverywhere(t.db, samEmail)).toEqual([]);
      expect(await t.db.select().from(userSessions).where(eq(userSessions.userId, s.sam.id))).toEqual([]);
      expect(await findEverywhere(t.db, `${s.marker}-alex-journal`)).not.toEqual([]);
      const [tombstone] = await t.db.select().from(users).where(eq(users.id, s.sam.id));
      expect(tombstone).toMatchObject({ name: DELETED_ACCOUNT_NAME, deletedAt: expect.any(Date) });

      // The space is closed for Alex, read-only; the email address can be used again.
      expect(await requireOwnSpace(t.db, alex, 'read')).toMatchObject({ spaceId: s.space.id, closed: true });
      await expect(deleteAccount(t.db, s.sam.id, 'correct horse battery')).rejects.toMatchObject({ code: 'not-found' });
      const again = await registerUser(t.db, { name: 'Sam again', email: samEmail, password: 'correct horse battery' });
      expect(again.id).not.toBe(s.sam.id);
      await expect(getNote(t.db, { userId: again.id }, s.samShared.id)).rejects.toMatchObject({ code: 'not-found' });
    });

    it('deletes a closed space the deleted person had stayed in, since nobody else can read it', async () => {
      const { alex, sam, space } = await makeCouple(t.db);
      const agreement = await createAgreement(t.db, { userId: alex.id }, space.id, { title: 'Phones' });
      await leaveSpace(t.db, { userId: sam.id }, space.id);
      await deleteAccount(t.db, alex.id, 'correct horse battery');
      expect(await authorizeDocument(t.db, { userId: alex.id }, agreement.id)).toMatchObject({ ok: false, exists: false });
    });
  });
});
