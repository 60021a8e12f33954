import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { prosemirrorJSONToYDoc } from '@tiptap/y-tiptap';
import { activity, documentUpdates, noteFeelings, notes } from '../../../drizzle/schema';
import { documentSchema } from '../../../server/documents/editor-schema';
import { authorizeDocument } from '../../../server/access/authorization';
import { onLiveEvent, type LiveEvent } from '../../../server/events/live-events';
import { listActivity } from '../../../server/domain/activity/record-activity';
import { acknowledgeNote } from '../../../server/domain/notes/acknowledge-note';
import { createNote } from '../../../server/domain/notes/create-note';
import { getNote } from '../../../server/domain/notes/get-note';
import { listNotes } from '../../../server/domain/notes/list-notes';
import { listChartFeelings } from '../../../server/domain/notes/list-chart-feelings';
import { replyToNote } from '../../../server/domain/notes/reply-to-note';
import { retractNote } from '../../../server/domain/notes/retract-note';
import { shareNote } from '../../../server/domain/notes/share-note';
import { updateNoteDraft } from '../../../server/domain/notes/update-note-draft';
import { makeCouple } from '../../support/fixtures';
import { testDatabaseKinds, useTestDatabase } from '../../support/use-test-database';
import type { Database } from '../../../server/db/database';

const hurt = { family: 'hurt', word: 'betrayed', intensity: 4 };
const hope = { family: 'hope', word: 'hopeful', intensity: 2 };

/** What the Yjs server would have stored after the author typed `text` into "what happened". */
async function writeWhatHappened(db: Database, documentId: string, authorId: string, text: string) {
  const ydoc = prosemirrorJSONToYDoc(documentSchema(), { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] }, 'default');
  await db.insert(documentUpdates).values({ documentId, seq: 1, update: Y.encodeStateAsUpdate(ydoc), authorId });
}

describe.each(testDatabaseKinds())('feelings notes on %s', (kind) => {
  const t = useTestDatabase(kind);
  let events: LiveEvent[] = [];
  let stop: () => void = () => {};
  beforeEach(() => {
    events = [];
    stop = onLiveEvent((event) => events.push(event));
  });
  afterEach(() => stop());

  it('keeps a draft to its author everywhere: list, filters, chart, note, document room, events, activity', async () => {
    const { alex, sam, stranger, space } = await makeCouple(t.db);
    const note = await createNote(t.db, { userId: alex.id }, { feelings: [hurt], whatINeed: 'time' });
    await writeWhatHappened(t.db, note.documentId, alex.id, 'DRAFT-MARKER words');

    expect((await listNotes(t.db, { userId: alex.id })).map((n) => n.id)).toEqual([note.id]);
    expect(await listNotes(t.db, { userId: sam.id })).toEqual([]);
    expect(await listNotes(t.db, { userId: sam.id }, { feeling: 'hurt' })).toEqual([]);
    expect(await listNotes(t.db, { userId: sam.id }, { acknowledged: 'no' })).toEqual([]);
    const since = new Date(Date.now() - 86_400_000);
    expect(await listChartFeelings(t.db, { userId: sam.id }, { since, includeMyDrafts: true })).toEqual([]);
    expect(await listChartFeelings(t.db, { userId: alex.id }, { since, includeMyDrafts: false })).toEqual([]);
    expect(await listChartFeelings(t.db, { userId: alex.id }, { since, includeMyDrafts: true })).toHaveLength(1);

    const full = await getNote(t.db, { userId: alex.id }, note.id);
    expect(full.visibility === 'full' && JSON.stringify(full.whatHappened)).toContain('DRAFT-MARKER');
    await expect(getNote(t.db, { userId: sam.id }, note.id)).rejects.toMatchObject({ code: 'not-found' });
    await expect(getNote(t.db, { userId: stranger.id }, note.id)).rejects.toMatchObject({ code: 'not-found' });
    await expect(getNote(t.db, null, note.id)).rejects.toMatchObject({ code: 'unauthenticated' });
    for (const act of [
      () => shareNote(t.db, { userId: sam.id }, note.id),
      () => retractNote(t.db, { userId: sam.id }, note.id),
      () => acknowledgeNote(t.db, { userId: sam.id }, note.id, {}),
      () => replyToNote(t.db, { userId: sam.id }, note.id, { body: 'hi' }),
      () => updateNoteDraft(t.db, { userId: sam.id }, note.id, { feelings: [hope] }),
      () => shareNote(t.db, { userId: stranger.id }, note.id),
    ]) {
      await expect(act()).rejects.toMatchObject({ code: 'not-found' });
    }

    expect((await authorizeDocument(t.db, { userId: alex.id }, note.documentId)).ok).toBe(true);
    expect(await authorizeDocument(t.db, { userId: sam.id }, note.documentId)).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(await authorizeDocument(t.db, { userId: stranger.id }, note.documentId)).toMatchObject({ ok: false });

    expect(events.every((e) => e.audience !== 'space')).toBe(true);
    expect(events.every((e) => typeof e.audience === 'object' && e.audience.userId === alex.id)).toBe(true);
    expect(JSON.stringify(events)).not.toContain('DRAFT-MARKER');
    expect((await listActivity(t.db, space.id)).map((a) => a.type)).not.toContain('note-shared');
  });

  it('shares, is acknowledged and answered, then retracted: the partner is left with "retracted" only', async () => {
    const { alex, sam, stranger, space } = await makeCouple(t.db);
    const note = await createNote(t.db, { userId: alex.id }, { feelings: [hurt, { word: 'torn', ownWords: true, intensity: 3 }], whatINeed: 'NEED-MARKER' });
    await writeWhatHappened(t.db, note.documentId, alex.id, 'SHARED-MARKER story');
    await updateNoteDraft(t.db, { userId: alex.id }, note.id, { feelings: [hurt, hope], whatINeed: 'NEED-MARKER, slowly' });
    await shareNote(t.db, { userId: alex.id }, note.id);

    const shared = events.find((e) => e.event === 'note-shared')!;
    expect(shared).toMatchObject({ spaceId: space.id, audience: 'space', payload: { noteId: note.id, actorName: 'Alex' } });
    expect(JSON.stringify(events)).not.toMatch(/MARKER|betrayed/);

    const seen = await getNote(t.db, { userId: sam.id }, note.id);
    expect(seen.visibility).toBe('full');
    if (seen.visibility === 'full') {
      expect(seen.feelings.map((f) => f.word)).toEqual(['betrayed', 'hopeful']);
      expect(seen.whatINeed).toBe('NEED-MARKER, slowly');
      expect(JSON.stringify(seen.whatHappened)).toContain('SHARED-MARKER');
    }
    await expect(getNote(t.db, { userId: stranger.id }, note.id)).rejects.toMatchObject({ code: 'not-found' });
    // Shared means frozen: the author can no longer change it, and its room is read-only for both.
    await expect(updateNoteDraft(t.db, { userId: alex.id }, note.id, { feelings: [hope] })).rejects.toMatchObject({ code: 'conflict' });
    expect(await authorizeDocument(t.db, { userId: alex.id }, note.documentId)).toMatchObject({ ok: true, access: { mode: 'read' } });
    expect(await authorizeDocument(t.db, { userId: sam.id }, note.documentId)).toMatchObject({ ok: true, access: { mode: 'read' } });
    expect(await authorizeDocument(t.db, { userId: stranger.id }, note.documentId)).toMatchObject({ ok: false });

    expect((await listNotes(t.db, { userId: sam.id }, { acknowledged: 'no' })).map((n) => n.id)).toEqual([note.id]);
    expect((await listNotes(t.db, { userId: sam.id }, { feeling: 'hurt' })).map((n) => n.id)).toEqual([note.id]);
    expect((await listNotes(t.db, { userId: sam.id }, { feeling: 'hopeful' })).map((n) => n.id)).toEqual([note.id]);
    expect(await listNotes(t.db, { userId: sam.id }, { feeling: 'love' })).toEqual([]);
    expect((await listNotes(t.db, { userId: sam.id }, { author: 'partner' })).map((n) => n.id)).toEqual([note.id]);
    expect(await listNotes(t.db, { userId: sam.id }, { author: 'me' })).toEqual([]);

    await expect(acknowledgeNote(t.db, { userId: alex.id }, note.id, {})).rejects.toMatchObject({ code: 'forbidden' });
    await expect(acknowledgeNote(t.db, { userId: sam.id }, note.id, { response: 'x'.repeat(501) })).rejects.toMatchObject({ code: 'invalid-input', fieldErrors: { response: [expect.stringContaining('500')] } });
    await acknowledgeNote(t.db, { userId: sam.id }, note.id, { response: 'Thank you for telling me.' });
    await expect(acknowledgeNote(t.db, { userId: sam.id }, note.id, {})).rejects.toMatchObject({ code: 'conflict' });
    expect(events.find((e) => e.event === 'note-acknowledged')).toMatchObject({ audience: 'space', payload: { noteId: note.id, actorName: 'Sam' } });
    expect((await listNotes(t.db, { userId: alex.id }, { acknowledged: 'yes' })).map((n) => n.id)).toEqual([note.id]);

    await expect(replyToNote(t.db, { userId: sam.id }, note.id, { body: '   ' })).rejects.toMatchObject({ code: 'invalid-input', fieldErrors: { body: ['Write a reply first.'] } });
    await replyToNote(t.db, { userId: sam.id }, note.id, { body: 'I am here.' });
    await replyToNote(t.db, { userId: alex.id }, note.id, { body: 'Thank you.' });
    await expect(replyToNote(t.db, { userId: stranger.id }, note.id, { body: 'hello' })).rejects.toMatchObject({ code: 'not-found' });
    const forAlex = await getNote(t.db, { userId: alex.id }, note.id);
    expect(forAlex.visibility === 'full' && forAlex.acknowledgement).toMatchObject({ byName: 'Sam', response: 'Thank you for telling me.' });
    expect(forAlex.visibility === 'full' && forAlex.replies.map((r) => [r.authorName, r.body, r.mine])).toEqual([
      ['Sam', 'I am here.', false],
      ['Alex', 'Thank you.', true],
    ]);

    await expect(retractNote(t.db, { userId: sam.id }, note.id)).rejects.toMatchObject({ code: 'forbidden' });
    await retractNote(t.db, { userId: alex.id }, note.id);
    await expect(retractNote(t.db, { userId: alex.id }, note.id)).rejects.toMatchObject({ code: 'conflict' });
    expect(events.find((e) => e.event === 'note-retracted')).toMatchObject({ audience: 'space', payload: { noteId: note.id } });

    const after = await getNote(t.db, { userId: sam.id }, note.id);
    expect(after).toEqual({ visibility: 'retracted', id: note.id, status: 'retracted', mine: false, authorName: 'Alex', retractedAt: expect.any(Date) });
    expect(JSON.stringify(after)).not.toMatch(/MARKER|betrayed|hopeful|Thank you/);
    const [line] = await listNotes(t.db, { userId: sam.id });
    expect(line).toMatchObject({ id: note.id, status: 'retracted', feelings: [], replyCount: 0, acknowledgedAt: null });
    expect(await listNotes(t.db, { userId: sam.id }, { feeling: 'hurt' })).toEqual([]);
    expect(await authorizeDocument(t.db, { userId: sam.id }, note.documentId)).toMatchObject({ ok: false, reason: 'forbidden' });
    await expect(replyToNote(t.db, { userId: sam.id }, note.id, { body: 'wait' })).rejects.toMatchObject({ code: 'gone' });
    await expect(acknowledgeNote(t.db, { userId: sam.id }, note.id, {})).rejects.toMatchObject({ code: 'gone' });
    expect(await listChartFeelings(t.db, { userId: sam.id }, { since: new Date(Date.now() - 86_400_000), includeMyDrafts: true })).toEqual([]);
    // The author still has their own note, in full.
    expect((await getNote(t.db, { userId: alex.id }, note.id)).visibility).toBe('full');

    const types = (await listActivity(t.db, space.id)).map((a) => a.type);
    expect(types).toEqual(expect.arrayContaining(['note-shared', 'note-acknowledged', 'note-replied', 'note-retracted']));
    const rows = await t.db.select().from(activity).where(eq(activity.spaceId, space.id));
    expect(JSON.stringify(rows)).not.toMatch(/MARKER|betrayed|hopeful|I am here/);
  });

  it('lets only one of two simultaneous acknowledgements through, and never a reply after a retraction', async () => {
    const { alex, sam } = await makeCouple(t.db);
    const note = await createNote(t.db, { userId: alex.id }, { feelings: [hurt] });
    await shareNote(t.db, { userId: alex.id }, note.id);
    const acks = await Promise.allSettled([acknowledgeNote(t.db, { userId: sam.id }, note.id, { response: 'one' }), acknowledgeNote(t.db, { userId: sam.id }, note.id, { response: 'two' })]);
    expect(acks.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((acks.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ code: 'conflict' });
    const [retracted, replied] = await Promise.allSettled([retractNote(t.db, { userId: alex.id }, note.id), replyToNote(t.db, { userId: sam.id }, note.id, { body: 'racing' })]);
    expect(retracted.status).toBe('fulfilled');
    // Either the reply landed before the retraction, or it was refused after it: never a half state.
    if (replied.status === 'rejected') expect(replied.reason).toMatchObject({ code: 'gone' });
    const view = await getNote(t.db, { userId: sam.id }, note.id);
    expect(view.visibility).toBe('retracted');
  });

  it('refuses bad input with field messages and saves nothing', async () => {
    const { alex, space } = await makeCouple(t.db);
    const before = await t.db.select().from(notes).where(eq(notes.spaceId, space.id));
    await expect(createNote(t.db, { userId: alex.id }, { feelings: [], whatINeed: '' })).rejects.toMatchObject({ code: 'invalid-input', fieldErrors: { feelings: [expect.stringContaining('at least one feeling')] } });
    await expect(createNote(t.db, { userId: alex.id }, { feelings: [{ family: 'hurt', word: 'smug', intensity: 3 }] })).rejects.toMatchObject({ fieldErrors: { feelings: [expect.stringContaining('not a feeling we know')] } });
    await expect(createNote(t.db, { userId: alex.id }, { feelings: [{ family: 'hurt', word: 'hurt', intensity: 9 }] })).rejects.toMatchObject({ fieldErrors: { feelings: [expect.stringMatching(/1 .*5/)] } });
    await expect(createNote(t.db, { userId: alex.id }, { feelings: [hurt], whatINeed: 'x'.repeat(2001) })).rejects.toMatchObject({ fieldErrors: { whatINeed: [expect.stringContaining('2000')] } });
    expect(await t.db.select().from(notes).where(eq(notes.spaceId, space.id))).toEqual(before);

    const note = await createNote(t.db, { userId: alex.id }, { feelings: [hurt], whatINeed: 'kept' });
    await expect(updateNoteDraft(t.db, { userId: alex.id }, note.id, { feelings: [{ family: 'love', word: 'close', intensity: 0 }], whatINeed: 'changed' })).rejects.toMatchObject({ code: 'invalid-input' });
    const [unchanged] = await t.db.select().from(notes).where(eq(notes.id, note.id));
    expect(unchanged!.whatINeed).toBe('kept');
    expect(await t.db.select().from(noteFeelings).where(eq(noteFeelings.noteId, note.id))).toHaveLength(1);
    await expect(shareNote(t.db, { userId: alex.id }, 'not-a-uuid')).rejects.toMatchObject({ code: 'not-found' });
  });
});
