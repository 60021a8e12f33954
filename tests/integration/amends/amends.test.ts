/**
 * Amends through the real domain functions on PGlite and PostgreSQL: offered, received with words,
 * "how it affected me" beside the author's understanding, withdrawn (the partner keeps only that it
 * was withdrawn); a draft that does not exist for the partner anywhere; the access matrix; a closed
 * space that is read-only; bad input that saves nothing.
 */
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { activity, amendCommitments, amends, commitments } from '../../../drizzle/schema';
import { onLiveEvent, type LiveEvent } from '../../../server/events/live-events';
import { listActivity } from '../../../server/domain/activity/record-activity';
import { createAmend } from '../../../server/domain/amends/create-amend';
import { deleteAmendDraft } from '../../../server/domain/amends/delete-amend-draft';
import { getAmend } from '../../../server/domain/amends/get-amend';
import { listAmends } from '../../../server/domain/amends/list-amends';
import { offerAmend } from '../../../server/domain/amends/offer-amend';
import { receiveAmend } from '../../../server/domain/amends/receive-amend';
import { saveHowItAffectedMe } from '../../../server/domain/amends/save-how-it-affected-me';
import { updateAmendDraft } from '../../../server/domain/amends/update-amend-draft';
import { withdrawAmend } from '../../../server/domain/amends/withdraw-amend';
import { createCommitment } from '../../../server/domain/commitments/create-commitment';
import { declineCommitment } from '../../../server/domain/commitments/decline-commitment';
import { requestCommitment } from '../../../server/domain/commitments/request-commitment';
import { AppError } from '../../../server/domain/errors';
import { leaveSpace } from '../../../server/domain/spaces/leave-space';
import { makeCouple } from '../../support/fixtures';
import { testDatabaseKinds, useTestDatabase } from '../../support/use-test-database';

/** A fixed clock, so a commitment made in place starts "today". */
const NOW = new Date('2031-06-04T09:00:00Z');
const daily = (text: string) => ({ text, cadence: { kind: 'daily' }, startDate: '2031-06-04', timeZone: 'UTC' });

async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string; fieldErrors?: Record<string, string[]> }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, message: error.message, fieldErrors: error.fieldErrors };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe.each(testDatabaseKinds())('amends (%s)', (kind) => {
  const t = useTestDatabase(kind);
  let events: LiveEvent[] = [];
  let stop: () => void = () => {};
  beforeEach(() => {
    events = [];
    stop = onLiveEvent((event) => events.push(event));
  });
  afterEach(() => stop());

  it('offered, received with words, how it affected me beside the author’s understanding; every step in the activity list without words', async () => {
    const { alex, sam, space } = await makeCouple(t.db);
    const A = { userId: alex.id };
    const S = { userId: sam.id };
    const existing = await createCommitment(t.db, A, space.id, daily('I will tell you when plans change'), { now: NOW });
    const amend = await createAmend(t.db, A, { whatIDid: 'WHAT-MARKER I hid the messages.', howItAffectedYou: 'UNDERSTOOD-MARKER You stopped trusting what I say.', commitmentIds: [existing.id], newCommitment: daily('I will leave my phone on the table') }, { now: NOW });
    expect(amend.status).toBe('draft');
    expect(amend.createdCommitmentId).not.toBeNull();
    const made = await t.db.select().from(commitments).where(eq(commitments.id, amend.createdCommitmentId!));
    expect(made[0]).toMatchObject({ ownerId: alex.id, status: 'active' });

    await offerAmend(t.db, A, amend.id, NOW);
    const offered = events.find((e) => e.event === 'amend-offered')!;
    expect(offered).toMatchObject({ spaceId: space.id, audience: 'space', payload: { amendId: amend.id, actorId: alex.id, actorName: 'Alex' } });
    expect(Object.keys(offered.payload).sort()).toEqual(['actorId', 'actorName', 'amendId']);

    const seen = await getAmend(t.db, S, amend.id);
    expect(seen).toMatchObject({ visibility: 'full', status: 'offered', mine: false, authorName: 'Alex', whatIDid: 'WHAT-MARKER I hid the messages.', received: null, partnerAffected: null });
    if (seen.visibility !== 'full') throw new Error('expected the whole amend');
    expect(seen.commitments.map((c) => c.text).sort()).toEqual(['I will leave my phone on the table', 'I will tell you when plans change']);
    // Offered means frozen: its words stay as they were offered.
    expect((await refusal(updateAmendDraft(t.db, A, amend.id, { whatIDid: 'other words' }, { now: NOW }))).code).toBe('conflict');
    expect((await refusal(deleteAmendDraft(t.db, A, amend.id))).code).toBe('conflict');
    expect((await refusal(offerAmend(t.db, A, amend.id, NOW))).code).toBe('conflict');

    expect((await refusal(receiveAmend(t.db, A, amend.id, {}))).code).toBe('forbidden');
    await receiveAmend(t.db, S, amend.id, { words: 'RECEIVED-MARKER Thank you for saying it plainly.' });
    expect((await refusal(receiveAmend(t.db, S, amend.id, {}))).code).toBe('conflict');
    await saveHowItAffectedMe(t.db, S, amend.id, { text: 'AFFECTED-MARKER I check my phone at night now.' });
    await saveHowItAffectedMe(t.db, S, amend.id, { text: 'AFFECTED-MARKER I still check my phone at night.' });
    expect((await refusal(saveHowItAffectedMe(t.db, A, amend.id, { text: 'mine' }))).code).toBe('forbidden');

    const forAlex = await getAmend(t.db, A, amend.id);
    expect(forAlex).toMatchObject({
      visibility: 'full',
      mine: true,
      partnerName: 'Sam',
      howItAffectedYou: 'UNDERSTOOD-MARKER You stopped trusting what I say.',
      received: { byName: 'Sam', words: 'RECEIVED-MARKER Thank you for saying it plainly.' },
      partnerAffected: 'AFFECTED-MARKER I still check my phone at night.',
    });
    expect(events.map((e) => e.event)).toEqual(expect.arrayContaining(['amend-received', 'amend-affected-changed']));
    expect(JSON.stringify(events)).not.toMatch(/MARKER/);

    const items = await listActivity(t.db, space.id);
    const amendItems = items.filter((i) => i.type.startsWith('amend-')).reverse();
    expect(amendItems.map((i) => [i.type, i.actorName])).toEqual([
      ['amend-offered', 'Alex'],
      ['amend-received', 'Sam'],
      ['amend-affected-shared', 'Sam'],
      ['amend-affected-shared', 'Sam'],
    ]);
    expect(amendItems.map((i) => i.data)).toEqual([{}, {}, { changed: false }, { changed: true }]);
    expect(JSON.stringify(items)).not.toMatch(/MARKER|hid the messages/);

    // Nothing here says anything is owed or settled: received is only "received".
    const list = await listAmends(t.db, S);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ visibility: 'full', status: 'offered', hasPartnerAffected: true, commitmentCount: 2 });
  });

  it('withdrawn: the partner keeps only that it was withdrawn (and their own words), never the author’s', async () => {
    const { alex, sam, space } = await makeCouple(t.db);
    const A = { userId: alex.id };
    const S = { userId: sam.id };
    const commitment = await createCommitment(t.db, A, space.id, daily('COMMITMENT-MARKER I will call at lunch'), { now: NOW });
    const amend = await createAmend(t.db, A, { whatIDid: 'WITHDRAWN-WORDS I lied about Friday.', howItAffectedYou: 'WITHDRAWN-UNDERSTANDING It shook you.', commitmentIds: [commitment.id] }, { now: NOW });
    await offerAmend(t.db, A, amend.id, NOW);
    await receiveAmend(t.db, S, amend.id, { words: 'Sam’s own received words' });
    expect((await refusal(withdrawAmend(t.db, S, amend.id))).code).toBe('forbidden');
    await withdrawAmend(t.db, A, amend.id, new Date(NOW.getTime() + 60_000));
    expect(events.find((e) => e.event === 'amend-withdrawn')).toMatchObject({ audience: 'space', payload: { amendId: amend.id, actorName: 'Alex' } });

    const page = await getAmend(t.db, S, amend.id);
    expect(page).toEqual({
      visibility: 'withdrawn',
      id: amend.id,
      status: 'withdrawn',
      mine: false,
      authorName: 'Alex',
      withdrawnAt: new Date(NOW.getTime() + 60_000),
      yourWords: { receivedWords: 'Sam’s own received words', affected: null },
      readOnly: false,
    });
    const list = await listAmends(t.db, S);
    expect(list).toEqual([{ visibility: 'withdrawn', id: amend.id, status: 'withdrawn', mine: false, authorName: 'Alex', withdrawnAt: new Date(NOW.getTime() + 60_000) }]);
    // Everything the partner gets of it, as one string: none of the author's words, not even which commitments it linked.
    expect(JSON.stringify([page, list])).not.toMatch(/WITHDRAWN-WORDS|WITHDRAWN-UNDERSTANDING|COMMITMENT-MARKER|lied about/);
    // The commitment itself stays what it always was, said to both; the activity list has no amend words.
    expect(JSON.stringify(await listActivity(t.db, space.id))).not.toMatch(/WITHDRAWN-WORDS|WITHDRAWN-UNDERSTANDING|lied about/);
    expect((await refusal(receiveAmend(t.db, S, amend.id, {}))).code).toBe('gone');
    expect((await refusal(saveHowItAffectedMe(t.db, S, amend.id, { text: 'late words' }))).code).toBe('gone');
    expect((await refusal(withdrawAmend(t.db, A, amend.id))).code).toBe('conflict');

    // The author still reads all of it, their partner's response included.
    expect(await getAmend(t.db, A, amend.id)).toMatchObject({ visibility: 'full', status: 'withdrawn', whatIDid: 'WITHDRAWN-WORDS I lied about Friday.', received: { words: 'Sam’s own received words' } });
    expect((await listActivity(t.db, space.id)).find((i) => i.type === 'amend-withdrawn')).toMatchObject({ actorName: 'Alex', data: {} });
  });

  it('a draft does not exist for the partner: get, receive, list and the activity list have nothing of it; events go to the author only', async () => {
    const { alex, sam, stranger, space } = await makeCouple(t.db);
    const A = { userId: alex.id };
    const S = { userId: sam.id };
    const draft = await createAmend(t.db, A, { whatIDid: 'DRAFT-MARKER words not ready yet' }, { now: NOW });
    await updateAmendDraft(t.db, A, draft.id, { whatIDid: 'DRAFT-MARKER words, still not ready', howItAffectedYou: 'DRAFT-MARKER understanding' }, { now: NOW });

    expect((await listAmends(t.db, A)).map((a) => a.id)).toEqual([draft.id]);
    expect(await listAmends(t.db, S)).toEqual([]);
    for (const attempt of [
      () => getAmend(t.db, S, draft.id),
      () => receiveAmend(t.db, S, draft.id, { words: 'hi' }),
      () => saveHowItAffectedMe(t.db, S, draft.id, { text: 'x' }),
      () => offerAmend(t.db, S, draft.id),
      () => withdrawAmend(t.db, S, draft.id),
      () => updateAmendDraft(t.db, S, draft.id, { whatIDid: 'x' }),
      () => deleteAmendDraft(t.db, S, draft.id),
      () => getAmend(t.db, { userId: stranger.id }, draft.id),
    ]) {
      const result = await refusal(attempt());
      expect(result.code).toBe('not-found');
      expect(result.message).toBe('That amend could not be found.');
    }
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => typeof e.audience === 'object' && e.audience.userId === alex.id)).toBe(true);
    expect(JSON.stringify(events)).not.toMatch(/MARKER/);
    expect(await t.db.select().from(activity).where(eq(activity.spaceId, space.id)).then((rows) => rows.filter((r) => r.type.startsWith('amend-')))).toEqual([]);

    // Deleted: gone for good, links too; the commitments themselves stay.
    await deleteAmendDraft(t.db, A, draft.id);
    expect(await t.db.select().from(amends).where(eq(amends.id, draft.id))).toEqual([]);
    expect((await refusal(getAmend(t.db, A, draft.id))).code).toBe('not-found');
  });

  it('access matrix: anonymous, stranger, partner and author in draft, offered, received and withdrawn states', async () => {
    const { alex, sam, stranger } = await makeCouple(t.db);
    const A = { userId: alex.id };
    const S = { userId: sam.id };
    const X = { userId: stranger.id };
    const make = async (state: 'draft' | 'offered' | 'received' | 'withdrawn') => {
      const amend = await createAmend(t.db, A, { whatIDid: `words of a ${state} amend` }, { now: NOW });
      if (state !== 'draft') await offerAmend(t.db, A, amend.id);
      if (state === 'received') await receiveAmend(t.db, S, amend.id, {});
      if (state === 'withdrawn') await withdrawAmend(t.db, A, amend.id);
      return amend.id;
    };
    /** What a person sees of an amend: the view's shape, or the refusal's code. */
    const view = (viewer: { userId: string } | null, id: string) => getAmend(t.db, viewer, id).then((v) => v.visibility, (e: AppError) => e.code);
    const expectedView: Record<string, Record<string, string>> = {
      draft: { anonymous: 'unauthenticated', stranger: 'not-found', partner: 'not-found', author: 'full' },
      offered: { anonymous: 'unauthenticated', stranger: 'not-found', partner: 'full', author: 'full' },
      received: { anonymous: 'unauthenticated', stranger: 'not-found', partner: 'full', author: 'full' },
      withdrawn: { anonymous: 'unauthenticated', stranger: 'not-found', partner: 'withdrawn', author: 'full' },
    };
    const people = { anonymous: null, stranger: X, partner: S, author: A } as const;
    for (const state of ['draft', 'offered', 'received', 'withdrawn'] as const) {
      const id = await make(state);
      for (const [who, viewer] of Object.entries(people)) {
        expect(await view(viewer, id), `${state} / ${who}`).toBe(expectedView[state]![who]);
      }
    }

    // Each write, by each person, in each state, on a fresh amend in that state so one write cannot change the next.
    const writes = {
      offer: (v: typeof A | null, id: string) => offerAmend(t.db, v, id),
      withdraw: (v: typeof A | null, id: string) => withdrawAmend(t.db, v, id),
      receive: (v: typeof A | null, id: string) => receiveAmend(t.db, v, id, {}),
      affected: (v: typeof A | null, id: string) => saveHowItAffectedMe(t.db, v, id, { text: 'In my words.' }),
      edit: (v: typeof A | null, id: string) => updateAmendDraft(t.db, v, id, { whatIDid: 'new words' }, { now: NOW }),
      delete: (v: typeof A | null, id: string) => deleteAmendDraft(t.db, v, id),
    };
    const expectedWrites: Record<string, Record<string, Record<keyof typeof writes, string>>> = {
      draft: {
        anonymous: { offer: 'unauthenticated', withdraw: 'unauthenticated', receive: 'unauthenticated', affected: 'unauthenticated', edit: 'unauthenticated', delete: 'unauthenticated' },
        stranger: { offer: 'not-found', withdraw: 'not-found', receive: 'not-found', affected: 'not-found', edit: 'not-found', delete: 'not-found' },
        partner: { offer: 'not-found', withdraw: 'not-found', receive: 'not-found', affected: 'not-found', edit: 'not-found', delete: 'not-found' },
        author: { offer: 'ok', withdraw: 'conflict', receive: 'forbidden', affected: 'forbidden', edit: 'ok', delete: 'ok' },
      },
      offered: {
        anonymous: { offer: 'unauthenticated', withdraw: 'unauthenticated', receive: 'unauthenticated', affected: 'unauthenticated', edit: 'unauthenticated', delete: 'unauthenticated' },
        stranger: { offer: 'not-found', withdraw: 'not-found', receive: 'not-found', affected: 'not-found', edit: 'not-found', delete: 'not-found' },
        partner: { offer: 'forbidden', withdraw: 'forbidden', receive: 'ok', affected: 'ok', edit: 'forbidden', delete: 'forbidden' },
        author: { offer: 'conflict', withdraw: 'ok', receive: 'forbidden', affected: 'forbidden', edit: 'conflict', delete: 'conflict' },
      },
      received: {
        anonymous: { offer: 'unauthenticated', withdraw: 'unauthenticated', receive: 'unauthenticated', affected: 'unauthenticated', edit: 'unauthenticated', delete: 'unauthenticated' },
        stranger: { offer: 'not-found', withdraw: 'not-found', receive: 'not-found', affected: 'not-found', edit: 'not-found', delete: 'not-found' },
        partner: { offer: 'forbidden', withdraw: 'forbidden', receive: 'conflict', affected: 'ok', edit: 'forbidden', delete: 'forbidden' },
        author: { offer: 'conflict', withdraw: 'ok', receive: 'forbidden', affected: 'forbidden', edit: 'conflict', delete: 'conflict' },
      },
      withdrawn: {
        anonymous: { offer: 'unauthenticated', withdraw: 'unauthenticated', receive: 'unauthenticated', affected: 'unauthenticated', edit: 'unauthenticated', delete: 'unauthenticated' },
        stranger: { offer: 'not-found', withdraw: 'not-found', receive: 'not-found', affected: 'not-found', edit: 'not-found', delete: 'not-found' },
        partner: { offer: 'forbidden', withdraw: 'forbidden', receive: 'gone', affected: 'gone', edit: 'forbidden', delete: 'forbidden' },
        author: { offer: 'conflict', withdraw: 'conflict', receive: 'forbidden', affected: 'forbidden', edit: 'conflict', delete: 'conflict' },
      },
    };
    for (const state of ['draft', 'offered', 'received', 'withdrawn'] as const) {
      for (const [who, viewer] of Object.entries(people)) {
        const got: Record<string, string> = {};
        for (const [name, write] of Object.entries(writes)) {
          const id = await make(state);
          got[name] = await write(viewer, id).then(() => 'ok', (e: AppError) => e.code);
        }
        expect(got, `${state} / ${who}`).toEqual(expectedWrites[state]![who]);
      }
    }
    expect((await refusal(getAmend(t.db, A, 'not-a-uuid'))).code).toBe('not-found');
    expect((await refusal(createAmend(t.db, null, { whatIDid: 'x' }))).code).toBe('unauthenticated');
    expect(await listAmends(t.db, X)).toEqual([]);
  });

  it('a closed space is read-only: both read what they may, nobody writes; the leaver finds nothing', async () => {
    const { alex, sam } = await makeCouple(t.db);
    const A = { userId: alex.id };
    const S = { userId: sam.id };
    const offered = await createAmend(t.db, A, { whatIDid: 'offered before closing' }, { now: NOW });
    await offerAmend(t.db, A, offered.id);
    const draftOfSam = await createAmend(t.db, S, { whatIDid: 'a draft of the one who stays' }, { now: NOW });

    // Alex leaves; Sam stays with read-only access.
    await leaveSpace(t.db, A, offered.spaceId);
    const view = await getAmend(t.db, S, offered.id);
    expect(view).toMatchObject({ visibility: 'full', readOnly: true, whatIDid: 'offered before closing' });
    expect((await listAmends(t.db, S)).map((a) => a.id).sort()).toEqual([offered.id, draftOfSam.id].sort());
    for (const write of [
      () => receiveAmend(t.db, S, offered.id, { words: 'late' }),
      () => saveHowItAffectedMe(t.db, S, offered.id, { text: 'late' }),
      () => updateAmendDraft(t.db, S, draftOfSam.id, { whatIDid: 'changed' }, { now: NOW }),
      () => offerAmend(t.db, S, draftOfSam.id),
      () => deleteAmendDraft(t.db, S, draftOfSam.id),
      () => createAmend(t.db, S, { whatIDid: 'a new one' }, { now: NOW }),
    ]) {
      const result = await refusal(write());
      expect(result.code).toBe('conflict');
      expect(result.message).toMatch(/closed/);
    }
    expect((await refusal(getAmend(t.db, A, offered.id))).code).toBe('not-found');
    const [row] = await t.db.select().from(amends).where(eq(amends.id, offered.id));
    expect(row).toMatchObject({ receivedAt: null, partnerAffected: null, status: 'offered' });
    expect((await t.db.select().from(amends).where(eq(amends.authorId, sam.id))).map((r) => r.whatIDid)).toEqual(['a draft of the one who stays']);
  });

  it('bad input gets field messages and saves nothing: empty or over-long words, an unknown cadence, a date in the past, someone else’s commitment', async () => {
    const { alex, sam, space, otherSpace, stranger } = await makeCouple(t.db);
    const A = { userId: alex.id };
    const S = { userId: sam.id };
    const countRows = async () => ({
      amends: (await t.db.select().from(amends)).length,
      links: (await t.db.select().from(amendCommitments)).length,
      commitments: (await t.db.select().from(commitments)).length,
    });
    const samsCommitment = await createCommitment(t.db, S, space.id, daily('I will say when I need space'), { now: NOW });
    const strangersCommitment = await createCommitment(t.db, { userId: stranger.id }, otherSpace.id, daily('elsewhere'), { now: NOW });
    const asked = await requestCommitment(t.db, S, space.id, daily('asked of Alex'), NOW);
    const declined = await requestCommitment(t.db, S, space.id, daily('declined by Alex'), NOW);
    await declineCommitment(t.db, A, declined.id, { note: 'not this' }, NOW);
    const before = await countRows();

    const cases: Array<[unknown, Record<string, RegExp>]> = [
      [{ whatIDid: '   ' }, { whatIDid: /Write what you did/ }],
      [{}, { whatIDid: /Write what you did/ }],
      [{ whatIDid: 'x'.repeat(5001) }, { whatIDid: /5000/ }],
      [{ whatIDid: 'ok', howItAffectedYou: 'y'.repeat(5001) }, { howItAffectedYou: /5000/ }],
      [{ whatIDid: 'ok', commitmentIds: [samsCommitment.id] }, { commitmentIds: /made yourself/ }],
      [{ whatIDid: 'ok', commitmentIds: [strangersCommitment.id] }, { commitmentIds: /made yourself/ }],
      [{ whatIDid: 'ok', commitmentIds: [asked.id] }, { commitmentIds: /made yourself/ }],
      [{ whatIDid: 'ok', commitmentIds: [declined.id] }, { commitmentIds: /made yourself/ }],
      [{ whatIDid: 'ok', commitmentIds: ['not-an-id'] }, { commitmentIds: /Choose commitments/ }],
      // The amend is fine, the commitment made in place is not: neither is saved.
      [{ whatIDid: 'ok', newCommitment: { ...daily('I will'), cadence: { kind: 'fortnightly' } } }, { commitmentCadence: /how often/ }],
      [{ whatIDid: 'ok', newCommitment: { ...daily(''), startDate: '2031-06-04' } }, { commitmentText: /Write what you will do/ }],
      [{ whatIDid: 'ok', newCommitment: { ...daily('I will'), startDate: '2031-06-01' } }, { commitmentStartDate: /past/ }],
      [{ whatIDid: '', newCommitment: { ...daily('x'.repeat(501)) } }, { whatIDid: /Write what you did/, commitmentText: /500/ }],
    ];
    for (const [input, expected] of cases) {
      const result = await refusal(createAmend(t.db, A, input, { now: NOW }));
      expect(result.code, JSON.stringify(input).slice(0, 80)).toBe('invalid-input');
      for (const [field, message] of Object.entries(expected)) expect(result.fieldErrors?.[field]?.[0], field).toMatch(message);
    }
    expect(await countRows()).toEqual(before);

    // The same checks on a draft being changed: nothing of the change is kept.
    const draft = await createAmend(t.db, A, { whatIDid: 'KEEP these words' }, { now: NOW });
    const afterCreate = await countRows();
    for (const [input] of cases) expect((await refusal(updateAmendDraft(t.db, A, draft.id, input, { now: NOW }))).code).toBe('invalid-input');
    expect(await countRows()).toEqual(afterCreate);
    expect((await t.db.select().from(amends).where(eq(amends.id, draft.id)))[0]!.whatIDid).toBe('KEEP these words');

    // A commitment made in place on an existing draft is linked; dropping it from the list unlinks it (it stays a commitment).
    const { createdCommitmentId } = await updateAmendDraft(t.db, A, draft.id, { whatIDid: 'KEEP these words', newCommitment: daily('I will answer when you call') }, { now: NOW });
    const linked = await getAmend(t.db, A, draft.id);
    expect(linked.visibility === 'full' && linked.commitments.map((c) => c.id)).toEqual([createdCommitmentId]);
    await updateAmendDraft(t.db, A, draft.id, { whatIDid: 'KEEP these words', commitmentIds: [] }, { now: NOW });
    expect(await t.db.select().from(amendCommitments).where(eq(amendCommitments.amendId, draft.id))).toEqual([]);
    expect(await t.db.select().from(commitments).where(eq(commitments.id, createdCommitmentId!))).toHaveLength(1);

    // The partner's response: over-long words, empty "how it affected me".
    await offerAmend(t.db, A, draft.id);
    expect((await refusal(receiveAmend(t.db, S, draft.id, { words: 'w'.repeat(2001) }))).fieldErrors?.words?.[0]).toMatch(/2000/);
    expect((await refusal(saveHowItAffectedMe(t.db, S, draft.id, { text: '  ' }))).fieldErrors?.text?.[0]).toMatch(/own words/);
    expect((await refusal(saveHowItAffectedMe(t.db, S, draft.id, { text: 'z'.repeat(5001) }))).fieldErrors?.text?.[0]).toMatch(/5000/);
    expect((await t.db.select().from(amends).where(eq(amends.id, draft.id)))[0]).toMatchObject({ receivedAt: null, receivedWords: null, partnerAffected: null });
  });
});
