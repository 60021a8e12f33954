/**
 * Commitments through the real domain functions on PGlite and PostgreSQL: the lifecycle with every
 * step kept, asking for one, a clause link that notices when the clause changes, check-ins from both
 * sides revealed at the right moment, the due-this-week list, bad input, and the access matrix.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { commitmentCheckIns, commitments, commitmentSteps, commitmentVersions } from '../../../drizzle/schema';
import { listActivity } from '../../../server/domain/activity/record-activity';
import { createAgreement } from '../../../server/domain/agreements/create-agreement';
import { acceptCommitment } from '../../../server/domain/commitments/accept-commitment';
import { changeCommitment } from '../../../server/domain/commitments/change-commitment';
import { checkInOnCommitment } from '../../../server/domain/commitments/check-in-on-commitment';
import { completeCommitment } from '../../../server/domain/commitments/complete-commitment';
import { createCommitment } from '../../../server/domain/commitments/create-commitment';
import { declineCommitment } from '../../../server/domain/commitments/decline-commitment';
import { getCommitment } from '../../../server/domain/commitments/get-commitment';
import { listClausesOfAgreement } from '../../../server/domain/commitments/list-clauses-of-agreement';
import { listCommitments } from '../../../server/domain/commitments/list-commitments';
import { listDueThisWeek } from '../../../server/domain/commitments/list-due-this-week';
import { pauseCommitment } from '../../../server/domain/commitments/pause-commitment';
import { requestCommitment } from '../../../server/domain/commitments/request-commitment';
import { resumeCommitment } from '../../../server/domain/commitments/resume-commitment';
import { AppError } from '../../../server/domain/errors';
import { eraseUnrevealedCheckIns } from '../../../server/domain/commitments/erase-unrevealed-check-ins';
import { turnNextStepIntoCommitment } from '../../../server/domain/commitments/turn-next-step-into-commitment';
import { actOnConversation } from '../../../server/domain/conversations/act-on-conversation';
import { proposeConversation } from '../../../server/domain/conversations/propose-conversation';
import { leaveSpace } from '../../../server/domain/spaces/leave-space';
import { makeCouple } from '../../support/fixtures';
import { testDatabaseKinds, useTestDatabase } from '../../support/use-test-database';
import { editAgreement } from '../history/agreement-editing-db';

/** Wednesday 4 June 2031, 10:00 in London: a fixed clock, so periods and weeks are known. */
const NOW = new Date('2031-06-04T09:00:00Z');
const at = (iso: string) => new Date(iso);
const ZONE = 'Europe/London';
const daily = (text: string, extra: Record<string, unknown> = {}) => ({ text, cadence: { kind: 'daily' }, startDate: '2031-06-04', timeZone: ZONE, ...extra });

async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string; fieldErrors?: Record<string, string[]> }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, message: error.message, fieldErrors: error.fieldErrors };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe.each(testDatabaseKinds())('commitments (%s)', (kind) => {
  const t = useTestDatabase(kind);

  it('lifecycle: create, change, pause, resume, complete; every step and wording kept, every step in the activity list', async () => {
    const { alex, sam, space } = await makeCouple(t.db);
    const A = { userId: alex.id };
    const created = await createCommitment(t.db, A, space.id, daily('I will put my phone away at dinner'), { now: NOW });
    expect(created).toMatchObject({ ownerId: alex.id, status: 'active', timeZone: ZONE, startDate: '2031-06-04' });

    await changeCommitment(t.db, A, created.id, { text: 'I will put my phone in the drawer at dinner', note: 'clearer' }, at('2031-06-05T09:00:00Z'));
    await pauseCommitment(t.db, A, created.id, { note: 'travelling' }, at('2031-06-06T09:00:00Z'));
    expect((await refusal(checkInOnCommitment(t.db, A, created.id, { periodStart: '2031-06-06', value: 'kept' }, at('2031-06-06T10:00:00Z')))).message).toMatch(/paused/);
    await resumeCommitment(t.db, A, created.id, {}, at('2031-06-09T09:00:00Z'));
    await completeCommitment(t.db, A, created.id, { note: 'It is a habit now.' }, at('2031-06-20T09:00:00Z'));

    const view = await getCommitment(t.db, { userId: sam.id }, created.id, at('2031-06-20T10:00:00Z'));
    expect(view.status).toBe('completed');
    expect(view.text).toBe('I will put my phone in the drawer at dinner');
    expect(view.versions.map((v) => [v.number, v.text])).toEqual([
      [1, 'I will put my phone away at dinner'],
      [2, 'I will put my phone in the drawer at dinner'],
    ]);
    expect(view.steps.map((s) => [s.type, s.note])).toEqual([
      ['created', null],
      ['changed', 'clearer'],
      ['paused', 'travelling'],
      ['resumed', null],
      ['completed', 'It is a habit now.'],
    ]);
    const types = (await listActivity(t.db, space.id)).map((a) => a.type);
    for (const type of ['commitment-created', 'commitment-changed', 'commitment-paused', 'commitment-resumed', 'commitment-completed']) expect(types).toContain(type);
    // Complete is final.
    expect((await refusal(resumeCommitment(t.db, A, created.id))).code).toBe('conflict');
    expect((await refusal(changeCommitment(t.db, A, created.id, { text: 'again' }))).code).toBe('conflict');

    const listed = await listCommitments(t.db, { userId: sam.id }, { ownerId: alex.id });
    expect(listed.map((c) => [c.id, c.text, c.version, c.mine])).toEqual([[created.id, 'I will put my phone in the drawer at dinner', 2, false]]);
    expect(await listCommitments(t.db, { userId: sam.id }, { status: 'active' })).toEqual([]);
  });

  it('bad input gets field messages and saves nothing', async () => {
    const { alex, space } = await makeCouple(t.db);
    const A = { userId: alex.id };
    const cases: Array<[Record<string, unknown>, string]> = [
      [daily(''), 'text'],
      [daily('x'.repeat(501)), 'text'],
      [daily('I will', { cadence: { kind: 'fortnightly' } }), 'cadence'],
      [daily('I will', { cadence: { kind: 'weekly', days: [] } }), 'cadence'],
      [daily('I will', { cadence: { kind: 'every', days: 0 } }), 'cadence'],
      [daily('I will', { startDate: '2031-06-03' }), 'startDate'],
      [daily('I will', { startDate: '2031-02-30' }), 'startDate'],
      [daily('I will', { reviewDate: '2031-06-01' }), 'reviewDate'],
      [daily('I will', { cadence: { kind: 'once', by: '2031-06-01' } }), 'cadence'],
      [daily('I will', { timeZone: 'Mars/Olympus' }), 'timeZone'],
    ];
    for (const [input, field] of cases) {
      const result = await refusal(createCommitment(t.db, A, space.id, input, { now: NOW }));
      expect(result.code, JSON.stringify(input)).toBe('invalid-input');
      expect(Object.keys(result.fieldErrors ?? {}), JSON.stringify(input)).toContain(field);
    }
    expect(await t.db.select().from(commitments).where(eq(commitments.spaceId, space.id))).toEqual([]);
  });

  it('asking for a commitment: the other accepts (it becomes theirs, in their zone) or declines with a note', async () => {
    const { alex, sam, space } = await makeCouple(t.db);
    const asked = await requestCommitment(t.db, { userId: sam.id }, space.id, daily('I will tell you when I am running late'), NOW);
    expect(asked).toMatchObject({ ownerId: alex.id, requestedBy: sam.id, status: 'requested' });
    // The one who asked cannot answer it; nobody can check in on it yet.
    expect((await refusal(acceptCommitment(t.db, { userId: sam.id }, asked.id))).code).toBe('forbidden');
    expect((await refusal(checkInOnCommitment(t.db, { userId: alex.id }, asked.id, { periodStart: '2031-06-04', value: 'kept' }, NOW))).message).toMatch(/not been accepted/);
    // Accepted two days later from Auckland: it starts then, in Alex's zone.
    await acceptCommitment(t.db, { userId: alex.id }, asked.id, { timeZone: 'Pacific/Auckland' }, at('2031-06-06T01:00:00Z'));
    const [row] = await t.db.select().from(commitments).where(eq(commitments.id, asked.id));
    expect(row).toMatchObject({ status: 'active', ownerId: alex.id, timeZone: 'Pacific/Auckland', startDate: '2031-06-06' });

    const second = await requestCommitment(t.db, { userId: sam.id }, space.id, daily('I will call every evening'), NOW);
    await declineCommitment(t.db, { userId: alex.id }, second.id, { note: 'Every evening is too much; could we say three times a week?' }, NOW);
    const declined = await getCommitment(t.db, { userId: sam.id }, second.id, NOW);
    expect(declined.status).toBe('declined');
    expect(declined.steps.at(-1)).toMatchObject({ type: 'declined', note: 'Every evening is too much; could we say three times a week?' });
    expect((await refusal(acceptCommitment(t.db, { userId: alex.id }, second.id))).code).toBe('conflict');
    const types = (await listActivity(t.db, space.id)).map((a) => a.type);
    expect(types).toEqual(expect.arrayContaining(['commitment-requested', 'commitment-accepted', 'commitment-declined']));
  });

  it('a clause link keeps the clause as linked and says when it changed or was removed', async () => {
    const { alex, sam, space } = await makeCouple(t.db);
    const agreement = await createAgreement(t.db, { userId: alex.id }, space.id, { title: 'Phones' });
    await editAgreement(t.db, agreement.id, alex.id, (editor) => {
      editor.addParagraph('We keep phones off the table at dinner.');
      editor.addParagraph('We say where we are going.');
      editor.addBulletList(['Texts are answered the same day', 'No deleting messages']);
    });
    const clauses = await listClausesOfAgreement(t.db, { userId: sam.id }, agreement.id);
    expect(clauses.map((c) => c.text)).toEqual(['We keep phones off the table at dinner.', 'We say where we are going.', 'Texts are answered the same day\nNo deleting messages']);
    const dinner = clauses[0]!;
    const list = clauses[2]!;

    const linked = await createCommitment(t.db, { userId: alex.id }, space.id, daily('I will leave my phone in the hall', { clause: { documentId: agreement.id, client: dinner.client, clock: dinner.clock } }), { now: NOW });
    const linkedToList = await createCommitment(t.db, { userId: alex.id }, space.id, daily('I will answer texts', { clause: { documentId: agreement.id, client: list.client, clock: list.clock } }), { now: NOW });
    expect((await getCommitment(t.db, { userId: sam.id }, linked.id, NOW)).clause).toEqual({
      documentId: agreement.id,
      agreementTitle: 'Phones',
      textWhenLinked: 'We keep phones off the table at dinner.',
      state: 'same',
      textNow: 'We keep phones off the table at dinner.',
    });

    // A paragraph added above and words typed into the clause: the same clause, changed.
    await editAgreement(t.db, agreement.id, sam.id, (editor) => {
      editor.addParagraph('Our phones', 0, 'heading');
      editor.typeInto(1, 'We keep phones off the table at dinner'.length, ' and in bed');
    });
    const changed = (await getCommitment(t.db, { userId: alex.id }, linked.id, NOW)).clause!;
    expect(changed).toMatchObject({ state: 'changed', textWhenLinked: 'We keep phones off the table at dinner.', textNow: 'We keep phones off the table at dinner and in bed.' });
    expect((await getCommitment(t.db, { userId: alex.id }, linkedToList.id, NOW)).clause!.state).toBe('same');

    await editAgreement(t.db, agreement.id, sam.id, (editor) => editor.removeParagraph(1));
    expect((await getCommitment(t.db, { userId: alex.id }, linked.id, NOW)).clause).toMatchObject({ state: 'removed', textNow: null, textWhenLinked: 'We keep phones off the table at dinner.' });

    // A removed clause, an unknown block, or another space's agreement cannot be linked.
    const { alex: other, space: otherSpace } = await makeCouple(t.db);
    const foreign = await createAgreement(t.db, { userId: other.id }, otherSpace.id, { title: 'Theirs' });
    for (const clause of [
      { documentId: agreement.id, client: dinner.client, clock: dinner.clock },
      { documentId: agreement.id, client: 1, clock: 999 },
      { documentId: foreign.id, client: dinner.client, clock: dinner.clock },
    ]) {
      const result = await refusal(createCommitment(t.db, { userId: alex.id }, space.id, daily('I will', { clause }), { now: NOW }));
      expect(result.fieldErrors?.clause?.[0]).toMatch(/no longer in the agreement/);
    }
    expect((await refusal(listClausesOfAgreement(t.db, { userId: other.id }, agreement.id))).code).toBe('not-found');
  });

  it('check-ins from both: each sees the other’s view only once both gave theirs or the period ended', async () => {
    const { alex, sam, space } = await makeCouple(t.db);
    const A = { userId: alex.id };
    const S = { userId: sam.id };
    const c = await createCommitment(t.db, A, space.id, daily('I will walk with you after dinner'), { now: NOW });
    const activityTypes = async () => (await listActivity(t.db, space.id)).map((a) => a.type);

    // Alex first: hidden from Sam, and nothing in the activity list says it exists.
    expect(await checkInOnCommitment(t.db, A, c.id, { periodStart: '2031-06-04', value: 'partly', note: 'ALEXNOTE short walk' }, at('2031-06-04T19:00:00Z'))).toBe('hidden-until-both');
    const samBefore = await getCommitment(t.db, S, c.id, at('2031-06-04T19:05:00Z'));
    expect(samBefore.current).toMatchObject({ start: '2031-06-04', mine: null, partners: null, partnersWaitsForMine: true });
    expect(JSON.stringify(samBefore)).not.toContain('ALEXNOTE');
    expect(JSON.stringify(samBefore)).not.toContain('partly');
    expect(await activityTypes()).not.toContain('commitment-checked-in');
    const alexOwn = await getCommitment(t.db, A, c.id, at('2031-06-04T19:05:00Z'));
    expect(alexOwn.current).toMatchObject({ mine: { value: 'partly', note: 'ALEXNOTE short walk' }, partners: null });
    expect((await refusal(checkInOnCommitment(t.db, A, c.id, { periodStart: '2031-06-04', value: 'kept' }, at('2031-06-04T19:10:00Z')))).message).toMatch(/already/);

    // Sam gives theirs: both see both, and the activity list says so (without the values).
    expect(await checkInOnCommitment(t.db, S, c.id, { periodStart: '2031-06-04', value: 'kept', note: 'It meant a lot' }, at('2031-06-04T20:00:00Z'))).toBe('revealed-to-both');
    expect((await getCommitment(t.db, S, c.id, at('2031-06-04T20:01:00Z'))).current).toMatchObject({ mine: { value: 'kept' }, partners: { value: 'partly', note: 'ALEXNOTE short walk' } });
    expect((await getCommitment(t.db, A, c.id, at('2031-06-04T20:01:00Z'))).current).toMatchObject({ mine: { value: 'partly' }, partners: { value: 'kept', note: 'It meant a lot' } });
    const revealed = (await listActivity(t.db, space.id)).find((a) => a.type === 'commitment-checked-in')!;
    expect(revealed.data).toEqual({ commitmentId: c.id, text: 'I will walk with you after dinner', both: true });

    // The next day only Alex checks in: hidden from Sam until midnight in London, then shown.
    await checkInOnCommitment(t.db, A, c.id, { periodStart: '2031-06-05', value: 'not-yet', note: 'ALEXSECOND' }, at('2031-06-05T21:00:00Z'));
    const lateEvening = await getCommitment(t.db, S, c.id, at('2031-06-05T22:59:59Z'));
    expect(lateEvening.current).toMatchObject({ start: '2031-06-05', partners: null });
    expect(JSON.stringify(lateEvening)).not.toContain('ALEXSECOND');
    const nextMorning = await getCommitment(t.db, S, c.id, at('2031-06-05T23:00:00Z'));
    const thursday = nextMorning.weeks.flatMap((w) => w.periods).find((p) => p.start === '2031-06-05')!;
    expect(thursday).toMatchObject({ ended: true, mine: null, partners: { value: 'not-yet', note: 'ALEXSECOND' }, partnersWaitsForMine: false });
    expect(nextMorning.catchUp.map((p) => p.start)).toEqual(['2031-06-05']);

    // Sam catches up on the ended day: shown at once, recorded as a single check-in.
    expect(await checkInOnCommitment(t.db, S, c.id, { periodStart: '2031-06-05', value: 'partly' }, at('2031-06-06T08:00:00Z'))).toBe('revealed-to-both');
    expect(await checkInOnCommitment(t.db, S, c.id, { periodStart: '2031-06-06', value: 'kept' }, at('2031-06-07T08:00:00Z'))).toBe('shown-period-ended');

    // Periods that have not started, are not periods, or are over eight weeks old are refused.
    expect((await refusal(checkInOnCommitment(t.db, S, c.id, { periodStart: '2031-06-09', value: 'kept' }, at('2031-06-07T08:00:00Z')))).message).toMatch(/not started/);
    expect((await refusal(checkInOnCommitment(t.db, S, c.id, { periodStart: '2031-06-03', value: 'kept' }, at('2031-06-07T08:00:00Z')))).fieldErrors).toHaveProperty('periodStart');
    expect((await refusal(checkInOnCommitment(t.db, S, c.id, { periodStart: '2031-06-07', value: 'kept' }, at('2031-08-20T08:00:00Z')))).message).toMatch(/eight weeks/);
    expect((await refusal(checkInOnCommitment(t.db, S, c.id, { periodStart: '2031-06-07', value: 'great' }, at('2031-06-07T08:00:00Z')))).fieldErrors).toHaveProperty('value');
    expect((await refusal(checkInOnCommitment(t.db, S, c.id, { periodStart: '2031-06-07', value: 'kept', note: 'x'.repeat(1001) }, at('2031-06-07T08:00:00Z')))).fieldErrors).toHaveProperty('note');

    // The chart: each period's two views side by side, as each may see them; nothing counted.
    const chart = (await getCommitment(t.db, A, c.id, at('2031-06-07T09:00:00Z'))).weeks;
    expect(chart.map((w) => w.monday)).toEqual(['2031-06-02']);
    expect(chart[0]!.periods.map((p) => [p.start, p.mine?.value ?? null, p.partners?.value ?? null])).toEqual([
      ['2031-06-04', 'partly', 'kept'],
      ['2031-06-05', 'not-yet', 'partly'],
      ['2031-06-06', null, 'kept'],
      ['2031-06-07', null, null],
    ]);
  });

  it('due this week: active commitments of the open space with a period this week, and whether I gave my view', async () => {
    const { alex, sam, space } = await makeCouple(t.db);
    const c = await createCommitment(t.db, { userId: alex.id }, space.id, daily('I will walk with you'), { now: NOW });
    await createCommitment(t.db, { userId: alex.id }, space.id, daily('I will start later', { startDate: '2031-06-20' }), { now: NOW });
    const weekly = await createCommitment(t.db, { userId: sam.id }, space.id, daily('I will cook on Saturdays', { cadence: { kind: 'weekly', days: [6] } }), { now: NOW });
    await checkInOnCommitment(t.db, { userId: alex.id }, c.id, { periodStart: '2031-06-04', value: 'kept' }, NOW);
    const due = await listDueThisWeek(t.db, { userId: sam.id }, NOW);
    expect(due.map((d) => [d.text, d.mine, d.periods.map((p) => `${p.start}${p.checkedIn ? ' done' : ''}`)])).toEqual([
      ['I will walk with you', false, ['2031-06-04', '2031-06-05', '2031-06-06', '2031-06-07', '2031-06-08']],
      ['I will cook on Saturdays', true, ['2031-06-07']],
    ]);
    // Alex's own check-in shows as given to Alex only.
    expect((await listDueThisWeek(t.db, { userId: alex.id }, NOW)).find((d) => d.commitmentId === c.id)!.periods[0]!.checkedIn).toBe(true);
    expect(JSON.stringify(due)).not.toContain('kept');
    await pauseCommitment(t.db, { userId: sam.id }, weekly.id, {}, NOW);
    expect((await listDueThisWeek(t.db, { userId: sam.id }, NOW)).map((d) => d.commitmentId)).toEqual([c.id]);
    expect(await listDueThisWeek(t.db, null, NOW)).toEqual([]);
  });

  it('access: anonymous, stranger, partner and owner, in each state; a closed space is read-only; the leaver loses it', async () => {
    const { alex, sam, stranger, space } = await makeCouple(t.db);
    const A = { userId: alex.id };
    const S = { userId: sam.id };
    const X = { userId: stranger.id };
    const active = await createCommitment(t.db, A, space.id, daily('I will be home by ten'), { now: NOW });
    const requested = await requestCommitment(t.db, S, space.id, daily('I will say when I am upset'), NOW);

    for (const id of [active.id, requested.id]) {
      expect((await refusal(getCommitment(t.db, null, id, NOW))).code).toBe('unauthenticated');
      expect((await refusal(getCommitment(t.db, X, id, NOW))).code).toBe('not-found');
      expect((await refusal(checkInOnCommitment(t.db, X, id, { periodStart: '2031-06-04', value: 'kept' }, NOW))).code).toBe('not-found');
      expect((await refusal(pauseCommitment(t.db, X, id, {}, NOW))).code).toBe('not-found');
    }
    expect((await refusal(getCommitment(t.db, A, 'not-a-uuid', NOW))).code).toBe('not-found');
    expect((await refusal(createCommitment(t.db, X, space.id, daily('I will'), { now: NOW }))).code).toBe('not-found');
    expect(await listCommitments(t.db, X)).toEqual([]);
    // The partner sees it and may check in, but may not pause, change or complete it.
    expect((await getCommitment(t.db, S, active.id, NOW)).mine).toBe(false);
    for (const step of [() => pauseCommitment(t.db, S, active.id, {}, NOW), () => completeCommitment(t.db, S, active.id, {}, NOW), () => changeCommitment(t.db, S, active.id, { text: 'other words' }, NOW)]) {
      expect((await refusal(step())).code).toBe('forbidden');
    }
    expect(await checkInOnCommitment(t.db, S, active.id, { periodStart: '2031-06-04', value: 'kept' }, NOW)).toBe('hidden-until-both');

    // Sam leaves: the space closes. Alex reads everything, changes nothing; Sam finds nothing.
    await leaveSpace(t.db, S, space.id);
    const readable = await getCommitment(t.db, A, active.id, NOW);
    expect(readable.readOnly).toBe(true);
    expect((await listCommitments(t.db, A)).map((c) => c.id).sort()).toEqual([active.id, requested.id].sort());
    for (const write of [
      () => checkInOnCommitment(t.db, A, active.id, { periodStart: '2031-06-04', value: 'kept' }, NOW),
      () => pauseCommitment(t.db, A, active.id, {}, NOW),
      () => acceptCommitment(t.db, A, requested.id, {}, NOW),
      () => createCommitment(t.db, A, space.id, daily('I will'), { now: NOW }),
    ]) {
      const result = await refusal(write());
      expect(result.code).toBe('conflict');
      expect(result.message).toMatch(/closed/);
    }
    expect(await listDueThisWeek(t.db, A, NOW)).toEqual([]);
    expect((await refusal(getCommitment(t.db, S, active.id, NOW))).code).toBe('not-found');
    // Nothing was half-saved by the refused writes.
    expect(await t.db.select().from(commitmentCheckIns).where(eq(commitmentCheckIns.personId, alex.id))).toEqual([]);
    expect((await t.db.select().from(commitmentSteps).where(eq(commitmentSteps.commitmentId, active.id))).map((s) => s.type)).toEqual(['created']);
    expect(await t.db.select().from(commitmentVersions).where(eq(commitmentVersions.commitmentId, requested.id))).toHaveLength(1);
  });

  it('a conversation’s next step becomes a commitment once next steps are being written, for its participants only', async () => {
    const { alex, sam, stranger, space } = await makeCouple(t.db);
    let clock = NOW.getTime();
    const { conversation } = await proposeConversation(t.db, { userId: alex.id }, space.id, { topic: 'Evenings', turnMinutes: 2 }, { now: (clock += 1000), pauseMinimumSeconds: 1200 });
    const step = (userId: string, action: Record<string, unknown>) => actOnConversation(t.db, { userId }, { ...action, conversationId: conversation.id } as never, { now: (clock += 1000) });
    await step(sam.id, { type: 'accept' });
    await step(alex.id, { type: 'arrive' });
    const input = daily('I will cook on Saturdays', { cadence: { kind: 'weekly', days: [6] } });
    expect((await refusal(turnNextStepIntoCommitment(t.db, { userId: sam.id }, conversation.id, input, new Date(clock)))).message).toMatch(/once you are writing them/);
    await step(alex.id, { type: 'check-in', feelings: ['hopeful'], intensity: 2 });
    await step(sam.id, { type: 'check-in', feelings: ['tired'], intensity: 2 });
    await step(alex.id, { type: 'move-to-next-steps' });
    expect((await refusal(turnNextStepIntoCommitment(t.db, { userId: stranger.id }, conversation.id, input, new Date(clock)))).code).toBe('not-found');
    const made = await turnNextStepIntoCommitment(t.db, { userId: sam.id }, conversation.id, input, new Date(clock));
    expect(made).toMatchObject({ ownerId: sam.id, status: 'active', sourceConversationId: conversation.id, cadence: { kind: 'weekly', days: [6] } });
    expect((await getCommitment(t.db, { userId: alex.id }, made.id, new Date(clock))).sourceConversationId).toBe(conversation.id);
  });

  it('erasing a person’s unrevealed check-ins takes only those the partner cannot see yet', async () => {
    const { alex, sam, space } = await makeCouple(t.db);
    const c = await createCommitment(t.db, { userId: alex.id }, space.id, daily('I will walk with you'), { now: NOW });
    await checkInOnCommitment(t.db, { userId: alex.id }, c.id, { periodStart: '2031-06-04', value: 'kept' }, at('2031-06-04T10:00:00Z'));
    await checkInOnCommitment(t.db, { userId: sam.id }, c.id, { periodStart: '2031-06-04', value: 'kept' }, at('2031-06-04T11:00:00Z'));
    await checkInOnCommitment(t.db, { userId: alex.id }, c.id, { periodStart: '2031-06-05', value: 'partly' }, at('2031-06-06T10:00:00Z'));
    await checkInOnCommitment(t.db, { userId: alex.id }, c.id, { periodStart: '2031-06-06', value: 'not-yet', note: 'PRIVATE' }, at('2031-06-06T11:00:00Z'));
    expect(await eraseUnrevealedCheckIns(t.db, { userId: alex.id, spaceId: space.id, now: at('2031-06-06T12:00:00Z') })).toBe(1);
    const left = await t.db.select().from(commitmentCheckIns).where(eq(commitmentCheckIns.commitmentId, c.id));
    expect(left.map((row) => `${row.periodStart} ${row.personId === alex.id ? 'alex' : 'sam'}`).sort()).toEqual(['2031-06-04 alex', '2031-06-04 sam', '2031-06-05 alex']);
  });
});
