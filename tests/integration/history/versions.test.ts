import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { activity, agreementRestorations, documentUpdates } from '../../../drizzle/schema';
import { Editor } from '../../unit/history/agreement-editing';
import { onLiveEvent, type LiveEvent } from '../../../server/events/live-events';
import { createAgreement } from '../../../server/domain/agreements/create-agreement';
import { listTimeline } from '../../../server/domain/history/list-timeline';
import { exportAgreementMarkdown } from '../../../server/domain/versions/export-agreement';
import { getAgreementVersions } from '../../../server/domain/versions/get-agreement-versions';
import { proposeVersion } from '../../../server/domain/versions/propose-version';
import { requestVersionChanges } from '../../../server/domain/versions/request-version-changes';
import { restoreAgreement } from '../../../server/domain/versions/restore-agreement';
import { signVersion } from '../../../server/domain/versions/sign-version';
import { verifyAgreementHistory, verifyStoredChain } from '../../../server/domain/versions/verify-agreement-history';
import { makeCouple } from '../../support/fixtures';
import { testDatabaseKinds, useTestDatabase } from '../../support/use-test-database';
import { editAgreement } from './agreement-editing-db';

describe.each(testDatabaseKinds())('agreement versions on %s', (kind) => {
  const t = useTestDatabase(kind);
  let events: LiveEvent[] = [];
  let stop: () => void = () => {};
  beforeEach(() => {
    events = [];
    // Only this feature's events: creating an agreement publishes its own.
    stop = onLiveEvent((event) => {
      if (event.event.startsWith('version-') || event.event === 'agreement-restored') events.push(event);
    });
  });
  afterEach(() => stop());

  async function setUp() {
    const couple = await makeCouple(t.db);
    const agreement = await createAgreement(t.db, { userId: couple.alex.id }, couple.space.id, { title: 'Phones' });
    await editAgreement(t.db, agreement.id, couple.alex.id, (e) => e.addParagraph('We keep our phones unlocked.'));
    await editAgreement(t.db, agreement.id, couple.alex.id, (e) => e.addParagraph('We tell each other about new contacts.'));
    return { ...couple, agreement, alexV: { userId: couple.alex.id }, samV: { userId: couple.sam.id } };
  }

  it('proposes, signs by both and puts the version in effect, live and in the activity list', async () => {
    const s = await setUp();
    const version = await proposeVersion(t.db, s.alexV, s.agreement.id, { note: 'First go' });
    expect(version.number).toBe(1);
    expect(events).toContainEqual(expect.objectContaining({ spaceId: s.space.id, audience: 'space', event: 'version-proposed', payload: expect.objectContaining({ number: 1 }) }));
    let versions = await getAgreementVersions(t.db, s.samV, s.agreement.id);
    expect(versions.proposal).toMatchObject({ number: 1, state: 'open', note: 'First go' });
    expect(versions.inEffect).toBeNull();

    expect(await signVersion(t.db, s.samV, s.agreement.id, 1)).toEqual({ inEffect: false });
    await expect(signVersion(t.db, s.samV, s.agreement.id, 1)).rejects.toMatchObject({ code: 'conflict' });
    expect(await signVersion(t.db, s.alexV, s.agreement.id, 1)).toEqual({ inEffect: true });
    versions = await getAgreementVersions(t.db, s.alexV, s.agreement.id);
    expect(versions.inEffect).toMatchObject({ number: 1 });
    expect(versions.changedSinceSigned).toBe(false);
    expect(versions.versions[0]?.state).toBe('in-effect');
    expect(events.map((e) => e.event)).toEqual(['version-proposed', 'version-signed', 'version-signed']);
    const types = (await t.db.select({ type: activity.type }).from(activity).where(eq(activity.spaceId, s.space.id))).map((a) => a.type);
    expect(types.filter((type) => type.startsWith('version'))).toEqual(['version-proposed', 'version-signed', 'version-signed']);
    // The same text cannot be proposed again while it is in effect.
    await expect(proposeVersion(t.db, s.samV, s.agreement.id, {})).rejects.toMatchObject({ code: 'conflict' });
    expect((await verifyAgreementHistory(t.db, s.samV, s.agreement.id)).ok).toBe(true);

    // An edit after signing shows both "changed since you both signed".
    await editAgreement(t.db, s.agreement.id, s.alex.id, (e) => e.typeInto(0, 0, 'Mostly: '));
    versions = await getAgreementVersions(t.db, s.samV, s.agreement.id);
    expect(versions.changedSinceSigned).toBe(true);
    expect(versions.inEffect).toMatchObject({ number: 1 });
  });

  it('lets the partner ask for changes, which closes the proposal', async () => {
    const s = await setUp();
    await proposeVersion(t.db, s.alexV, s.agreement.id, {});
    await expect(requestVersionChanges(t.db, s.alexV, s.agreement.id, 1, { comment: 'hm' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(requestVersionChanges(t.db, s.samV, s.agreement.id, 1, { comment: '   ' })).rejects.toMatchObject({ code: 'invalid-input' });
    await requestVersionChanges(t.db, s.samV, s.agreement.id, 1, { comment: 'Can we say which contacts?' });
    const versions = await getAgreementVersions(t.db, s.alexV, s.agreement.id);
    expect(versions.versions[0]).toMatchObject({ state: 'changes-requested', changeRequest: { comment: 'Can we say which contacts?', requestedBy: s.sam.id } });
    expect(versions.proposal).toBeNull();
    await expect(signVersion(t.db, s.alexV, s.agreement.id, 1)).rejects.toMatchObject({ code: 'conflict' });
    expect(events.map((e) => e.event)).toContain('version-changes-requested');
    // A new proposal of the same text is allowed: the request was about the conversation, not a lock.
    expect((await proposeVersion(t.db, s.alexV, s.agreement.id, { note: 'Same text, see my reply' })).number).toBe(2);
  });

  it('marks a proposal stale when the agreement changes before both sign, and refuses to sign it', async () => {
    const s = await setUp();
    await proposeVersion(t.db, s.alexV, s.agreement.id, {});
    await signVersion(t.db, s.alexV, s.agreement.id, 1);
    await editAgreement(t.db, s.agreement.id, s.sam.id, (e) => e.addParagraph('And no phones in bed.'));
    const versions = await getAgreementVersions(t.db, s.samV, s.agreement.id);
    expect(versions.proposal).toMatchObject({ number: 1, state: 'stale' });
    await expect(signVersion(t.db, s.samV, s.agreement.id, 1)).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('changed after version 1') });
    await proposeVersion(t.db, s.samV, s.agreement.id, {});
    const after = await getAgreementVersions(t.db, s.samV, s.agreement.id);
    expect(after.versions.map((v) => [v.number, v.state])).toEqual([
      [2, 'open'],
      [1, 'superseded'],
    ]);
  });

  it('restores a signed version as a new edit labelled in the timeline, never rewriting the log', async () => {
    const s = await setUp();
    await proposeVersion(t.db, s.alexV, s.agreement.id, {});
    await signVersion(t.db, s.samV, s.agreement.id, 1);
    await signVersion(t.db, s.alexV, s.agreement.id, 1);
    const signedText = (await getAgreementVersions(t.db, s.alexV, s.agreement.id)).currentContent;
    await editAgreement(t.db, s.agreement.id, s.alex.id, (e) => e.removeParagraph(1));
    await editAgreement(t.db, s.agreement.id, s.alex.id, (e) => e.addParagraph('Only on weekdays.'));
    expect((await getAgreementVersions(t.db, s.samV, s.agreement.id)).changedSinceSigned).toBe(true);

    expect(await restoreAgreement(t.db, s.samV, s.agreement.id, { versionNumber: 1 })).toEqual({ restored: true, label: 'version 1' });
    const versions = await getAgreementVersions(t.db, s.samV, s.agreement.id);
    expect(versions.currentContent).toBe(signedText);
    expect(versions.changedSinceSigned).toBe(false);
    const [restoration] = await t.db.select().from(agreementRestorations).where(eq(agreementRestorations.documentId, s.agreement.id));
    expect(restoration).toMatchObject({ restoredFromVersion: 1, restoredBy: s.sam.id, seq: 5 });
    const timeline = await listTimeline(t.db, s.agreement.id);
    expect(timeline.sessions[0]).toMatchObject({ authorId: s.sam.id, authorIds: [s.sam.id], firstSeq: 5, lastSeq: 5, restoredFrom: 'version 1' });
    // The restore re-inserts paragraphs, but what it changed is counted in words as a person reads them.
    expect(timeline.sessions[0]!.words).toEqual({ added: 7, removed: 3 });
    // Alex's edits after the signatures are an entry of their own, not part of the first session.
    expect(timeline.sessions.slice(1).map((x) => [x.authorId, x.firstSeq, x.lastSeq])).toEqual([
      [s.alex.id, 3, 4],
      [s.alex.id, 1, 2],
    ]);
    expect(events.map((e) => e.event)).toContain('agreement-restored');
    await expect(restoreAgreement(t.db, s.samV, s.agreement.id, { versionNumber: 1 })).rejects.toMatchObject({ code: 'conflict' });
    // Restoring a plain point of the log works too.
    await restoreAgreement(t.db, s.alexV, s.agreement.id, { seq: 1 });
    expect((await getAgreementVersions(t.db, s.alexV, s.agreement.id)).currentContent).toBe('We keep our phones unlocked.\n');
  });

  it('detects a version text or a signature changed by hand in the database', async () => {
    const s = await setUp();
    await proposeVersion(t.db, s.alexV, s.agreement.id, {});
    await signVersion(t.db, s.samV, s.agreement.id, 1);
    await signVersion(t.db, s.alexV, s.agreement.id, 1);
    expect(await verifyStoredChain(t.db, s.agreement.id)).toMatchObject({ ok: true, records: 3 });

    await t.db.execute(sql`update agreement_signatures set signed_at = signed_at + interval '1 day' where document_id = ${s.agreement.id} and chain_position = 3`);
    expect(await verifyStoredChain(t.db, s.agreement.id)).toMatchObject({ ok: false, firstBroken: { position: 3, kind: 'signature', problem: 'hash-mismatch' } });

    await t.db.execute(sql`update agreement_versions set content = 'We never share anything.' where document_id = ${s.agreement.id}`);
    const result = await verifyAgreementHistory(t.db, s.samV, s.agreement.id);
    expect(result).toMatchObject({ ok: false, firstBroken: { position: 1, kind: 'version', number: 1, problem: 'hash-mismatch' } });
    expect(result.message).toContain('record 1');
  });

  it('detects the newest records deleted by hand, which the chain alone cannot show', async () => {
    const s = await setUp();
    await proposeVersion(t.db, s.alexV, s.agreement.id, {});
    await signVersion(t.db, s.samV, s.agreement.id, 1);
    await signVersion(t.db, s.alexV, s.agreement.id, 1);
    await t.db.execute(sql`delete from agreement_signatures where document_id = ${s.agreement.id} and chain_position = 3`);
    expect(await verifyStoredChain(t.db, s.agreement.id)).toMatchObject({ ok: false, firstBroken: { position: 3, kind: 'signature', number: 1, problem: 'missing-record' } });
  });

  it('exports the current text and a signed version as Markdown with signatures and hashes', async () => {
    const s = await setUp();
    await proposeVersion(t.db, s.alexV, s.agreement.id, { note: 'Ready' });
    await signVersion(t.db, s.samV, s.agreement.id, 1);
    const current = await exportAgreementMarkdown(t.db, s.samV, s.agreement.id, null);
    expect(current.filename).toBe('phones-current.md');
    expect(current.markdown).toContain('We keep our phones unlocked.\n\nWe tell each other about new contacts.\n');
    const version = await exportAgreementMarkdown(t.db, s.alexV, s.agreement.id, 1);
    expect(version.filename).toBe('phones-version-1.md');
    expect(version.markdown).toMatch(/Signed by Sam on .* \(record hash `[0-9a-f]{64}`\)/);
    expect(version.markdown).toContain('Proposed by Alex');
    await expect(exportAgreementMarkdown(t.db, s.alexV, s.agreement.id, 9)).rejects.toMatchObject({ code: 'not-found' });
  });

  it('gives anonymous people and strangers nothing, and the partner everything', async () => {
    const s = await setUp();
    const strangerV = { userId: s.stranger.id };
    const calls: Array<(viewer: { userId: string } | null) => Promise<unknown>> = [
      (v) => getAgreementVersions(t.db, v, s.agreement.id),
      (v) => proposeVersion(t.db, v, s.agreement.id, {}),
      (v) => signVersion(t.db, v, s.agreement.id, 1),
      (v) => requestVersionChanges(t.db, v, s.agreement.id, 1, { comment: 'x' }),
      (v) => restoreAgreement(t.db, v, s.agreement.id, { seq: 1 }),
      (v) => verifyAgreementHistory(t.db, v, s.agreement.id),
      (v) => exportAgreementMarkdown(t.db, v, s.agreement.id, null),
    ];
    for (const call of calls) {
      await expect(call(null)).rejects.toMatchObject({ code: 'unauthenticated' });
      await expect(call(strangerV)).rejects.toMatchObject({ code: 'not-found' });
    }
    expect(events).toEqual([]);
    await proposeVersion(t.db, s.samV, s.agreement.id, {});
    await signVersion(t.db, s.alexV, s.agreement.id, 1);
    expect((await exportAgreementMarkdown(t.db, s.samV, s.agreement.id, 1)).markdown).toContain('Signed by Alex');
  });
});

describe.each(testDatabaseKinds())('the timeline of a long history on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('pages through sessions newest first without losing or repeating any', async () => {
    const { alex, sam, space } = await makeCouple(t.db);
    const agreement = await createAgreement(t.db, { userId: alex.id }, space.id, { title: 'Long' });
    // 60 sessions of 40 keystrokes, alternating authors, an hour apart.
    const editors = [new Editor(alex.id), new Editor(sam.id)];
    const rows: Array<{ documentId: string; seq: number; update: Uint8Array; authorId: string; createdAt: Date }> = [];
    const start = Date.UTC(2026, 0, 1);
    for (let session = 0; session < 60; session++) {
      const editor = editors[session % 2]!;
      for (let key = 0; key < 40; key++) {
        editor.pending = [];
        if (editor.fragment.length === 0 || key === 0) editor.addParagraph('');
        editor.typeInto(editor.fragment.length - 1, 1000, 'x');
        const update = Y.mergeUpdates(editor.pending);
        for (const other of editors) if (other !== editor) Y.applyUpdate(other.doc, update, 'server');
        rows.push({ documentId: agreement.id, seq: rows.length + 1, update, authorId: editor.authorId, createdAt: new Date(start + session * 3_600_000 + key * 1000) });
      }
    }
    for (let i = 0; i < rows.length; i += 500) await t.db.insert(documentUpdates).values(rows.slice(i, i + 500));
    const seen: Array<[number, number]> = [];
    let before: number | undefined;
    let pages = 0;
    for (;;) {
      const page = await listTimeline(t.db, agreement.id, { beforeSeq: before, limit: 7 });
      pages++;
      for (const session of page.sessions) {
        expect(session.updateCount).toBe(40);
        // Forty keystrokes into a new paragraph make one word.
        expect(session.words).toEqual({ added: 1, removed: 0 });
        seen.push([session.firstSeq, session.lastSeq]);
      }
      if (page.nextBeforeSeq === null) break;
      before = page.nextBeforeSeq;
    }
    expect(pages).toBe(9);
    expect(seen).toEqual(Array.from({ length: 60 }, (_, i) => [2400 - 40 * i - 39, 2400 - 40 * i]));
  });
});
