/**
 * The access matrix at every stage of a relationship: who gets what of each kind of thing, for an
 * anonymous visitor, a stranger, the author, the partner, the partner who left, a new partner and a
 * deleted account. 'edit' and 'read' are what the document rooms and pages grant; 'marker' is "a note
 * was retracted" without its content; 'none' is the same "not found" as for something that never existed.
 */
import { describe, expect, it } from 'vitest';
import { documents } from '../../../drizzle/schema';
import { authorizeDocument, requireConversation, type Viewer } from '../../../server/access/authorization';
import { isAppError } from '../../../server/domain/errors';
import { deleteAccount } from '../../../server/domain/accounts/delete-account';
import { createAgreement } from '../../../server/domain/agreements/create-agreement';
import { proposeConversation } from '../../../server/domain/conversations/propose-conversation';
import { createJournalEntry } from '../../../server/domain/journal/create-journal-entry';
import { createNote } from '../../../server/domain/notes/create-note';
import { getNote } from '../../../server/domain/notes/get-note';
import { retractNote } from '../../../server/domain/notes/retract-note';
import { shareNote } from '../../../server/domain/notes/share-note';
import { acceptInvite } from '../../../server/domain/spaces/accept-invite';
import { createInvite } from '../../../server/domain/spaces/create-invite';
import { createSpace } from '../../../server/domain/spaces/create-space';
import { leaveSpace } from '../../../server/domain/spaces/leave-space';
import { makeCouple, makeUser } from '../../support/fixtures';
import { testDatabaseKinds, useTestDatabase } from '../../support/use-test-database';

type Grant = 'edit' | 'read' | 'marker' | 'none';
type Item = 'agreement' | 'nextSteps' | 'sharedNote' | 'draftNote' | 'retractedNote' | 'journal' | 'conversation';
const ITEMS: Item[] = ['agreement', 'nextSteps', 'sharedNote', 'draftNote', 'retractedNote', 'journal', 'conversation'];
const feeling = { family: 'hope', word: 'hopeful', intensity: 3 } as const;
const none: Record<Item, Grant> = Object.fromEntries(ITEMS.map((item) => [item, 'none'])) as Record<Item, Grant>;

describe.each(testDatabaseKinds())('access matrix through a relationship on %s', (kind) => {
  const t = useTestDatabase(kind);

  /** Alex and Sam; Sam wrote the notes and the journal entry; Alex proposed a conversation. */
  async function setUp() {
    const couple = await makeCouple(t.db);
    const { alex, sam, space } = couple;
    const agreement = await createAgreement(t.db, { userId: alex.id }, space.id, { title: 'Phones' });
    const [nextSteps] = await t.db.insert(documents).values({ spaceId: space.id, kind: 'session-next-steps', title: 'Next steps', createdBy: alex.id }).returning();
    const shared = await createNote(t.db, { userId: sam.id }, { feelings: [feeling], whatINeed: 'time' });
    await shareNote(t.db, { userId: sam.id }, shared.id);
    const draft = await createNote(t.db, { userId: sam.id }, { feelings: [feeling], whatINeed: 'not yet' });
    const retracted = await createNote(t.db, { userId: sam.id }, { feelings: [feeling], whatINeed: 'changed my mind' });
    await shareNote(t.db, { userId: sam.id }, retracted.id);
    await retractNote(t.db, { userId: sam.id }, retracted.id);
    const journal = await createJournalEntry(t.db, { userId: sam.id }, { entryDate: '2026-11-20', feelings: [] });
    const conversation = await proposeConversation(t.db, { userId: alex.id }, space.id, { topic: 'Weekends', turnMinutes: 3 }, { now: Date.now(), pauseMinimumSeconds: 1200 });
    const ids = {
      agreement: agreement.id,
      nextSteps: nextSteps!.id,
      sharedNote: shared.id,
      draftNote: draft.id,
      retractedNote: retracted.id,
      journal: journal.documentId,
      conversation: conversation.conversation.id,
    };
    return { ...couple, ids };
  }

  async function grant(viewer: Viewer, item: Item, ids: Record<Item, string>): Promise<Grant> {
    const refusedAsNotFound = (error: unknown): 'none' => {
      if (isAppError(error) && (error.code === 'not-found' || error.code === 'unauthenticated')) return 'none';
      throw error;
    };
    if (item === 'sharedNote' || item === 'draftNote' || item === 'retractedNote') {
      const note = await getNote(t.db, viewer, ids[item]).catch(refusedAsNotFound);
      if (note === 'none') return 'none';
      if (note.visibility === 'retracted') return 'marker';
      const room = await authorizeDocument(t.db, viewer, note.documentId);
      return room.ok ? room.access.mode : 'none';
    }
    if (item === 'conversation') {
      return requireConversation(t.db, viewer, ids.conversation, 'read').then(() => 'read' as const, refusedAsNotFound);
    }
    const room = await authorizeDocument(t.db, viewer, ids[item]);
    return room.ok ? room.access.mode : 'none';
  }

  async function matrix(viewer: Viewer, ids: Record<Item, string>): Promise<Record<Item, Grant>> {
    const entries = await Promise.all(ITEMS.map(async (item) => [item, await grant(viewer, item, ids)] as const));
    return Object.fromEntries(entries) as Record<Item, Grant>;
  }

  it('in a steady couple: each partner their own, both the shared, nobody else anything', async () => {
    const s = await setUp();
    expect(await matrix(null, s.ids)).toEqual(none);
    expect(await matrix({ userId: s.stranger.id }, s.ids)).toEqual(none);
    // Sam wrote the notes: a shared note is frozen (read), the draft and the journal are Sam's to edit.
    expect(await matrix({ userId: s.sam.id }, s.ids)).toEqual({
      agreement: 'edit', nextSteps: 'edit', sharedNote: 'read', draftNote: 'edit', retractedNote: 'read', journal: 'edit', conversation: 'read',
    });
    expect(await matrix({ userId: s.alex.id }, s.ids)).toEqual({
      agreement: 'edit', nextSteps: 'edit', sharedNote: 'read', draftNote: 'none', retractedNote: 'marker', journal: 'none', conversation: 'read',
    });
  });

  it('after a partner leaves, after a new partner arrives, and after an account is deleted', async () => {
    const s = await setUp();
    await leaveSpace(t.db, { userId: s.sam.id }, s.space.id);
    const stayer = { agreement: 'read', nextSteps: 'read', sharedNote: 'read', draftNote: 'none', retractedNote: 'none', journal: 'none', conversation: 'read' } as const;
    expect(await matrix({ userId: s.alex.id }, s.ids)).toEqual(stayer);
    // The leaver keeps exactly their journal.
    expect(await matrix({ userId: s.sam.id }, s.ids)).toEqual({ ...none, journal: 'edit' });
    expect(await matrix({ userId: s.stranger.id }, s.ids)).toEqual(none);

    const fresh = await createSpace(t.db, s.alex.id, 'Alex & Eden');
    const eden = await makeUser(t.db, 'Eden');
    await acceptInvite(t.db, eden.id, (await createInvite(t.db, { userId: s.alex.id }, fresh.id)).token);
    expect(await matrix({ userId: eden.id }, s.ids)).toEqual(none);
    expect(await matrix({ userId: s.alex.id }, s.ids)).toEqual(stayer);

    await deleteAccount(t.db, s.sam.id, 'correct horse battery');
    expect(await matrix({ userId: s.sam.id }, s.ids)).toEqual(none);
    expect(await matrix({ userId: s.alex.id }, s.ids)).toEqual(stayer);
    expect(await matrix({ userId: eden.id }, s.ids)).toEqual(none);
  });

  it('when a partner deletes their account while still in the space', async () => {
    const s = await setUp();
    await deleteAccount(t.db, s.sam.id, 'correct horse battery');
    expect(await matrix({ userId: s.alex.id }, s.ids)).toEqual({
      agreement: 'read', nextSteps: 'read', sharedNote: 'read', draftNote: 'none', retractedNote: 'none', journal: 'none', conversation: 'read',
    });
    expect(await matrix({ userId: s.sam.id }, s.ids)).toEqual(none);
  });
});
