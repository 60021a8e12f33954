/**
 * Discreet notices, end to end on the server: a real SMTP server and a stand-in push service receive
 * what the notifier sends after a partner's step, and the tests read it as a mail program or a
 * device would (parsed email, decrypted push payload). Nothing private may be in either.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noticeDeliveries, pushSubscriptions } from '../../../drizzle/schema';
import { readConfig } from '../../../server/config';
import { setProcessDatabase } from '../../../server/db/process-database';
import { actOnConversation } from '../../../server/domain/conversations/act-on-conversation';
import { proposeConversation } from '../../../server/domain/conversations/propose-conversation';
import { createNote } from '../../../server/domain/notes/create-note';
import { shareNote } from '../../../server/domain/notes/share-note';
import { NOTE_EVENTS } from '../../../server/domain/notes/note-live-events';
import { AMEND_EVENTS } from '../../../server/domain/amends/amend-live-events';
import { COMMITMENT_EVENTS } from '../../../server/domain/commitments/commitment-live-events';
import { leaveSpace } from '../../../server/domain/spaces/leave-space';
import { publishLiveEvent } from '../../../server/events/live-events';
import { acceptInvite } from '../../../server/domain/spaces/accept-invite';
import { createInvite } from '../../../server/domain/spaces/create-invite';
import { createSpace } from '../../../server/domain/spaces/create-space';
import { closeMail } from '../../../server/mail';
import { NOTICE_KINDS } from '../../../server/notices/notice-kinds';
import { getNoticePreferences, saveNoticePreferences, type NoticePreferencesInput } from '../../../server/notices/notice-preferences';
import { createNotifier, listNoticeDeliveries, noticeKindOf, type Notifier } from '../../../server/notices/notifier';
import { pushEndpointConfigProblem, savePushSubscription } from '../../../server/notices/push-subscriptions';
import { resolveVapidKeys } from '../../../server/notices/vapid-keys';
import { GET as unsubscribePage, POST as unsubscribePost } from '../../../app/notices/unsubscribe/route';
import { makeUser } from '../../support/fixtures';
import { startPushTestService, makePushSubscriber, type PushTestService } from '../../support/push-test-service';
import { startSmtpTestServer, type ReceivedMail, type SmtpTestServer } from '../../support/smtp-test-server';
import { testDatabaseKinds, useTestDatabase } from '../../support/use-test-database';

const NEUTRAL = 'Something new is waiting for you in';
const HOUR = 60 * 60 * 1000;

/** Everything a mail program shows or keeps: every header, the subject, both bodies. */
function everythingIn(mail: ReceivedMail): string {
  return [mail.subject, mail.from, mail.text, mail.html, JSON.stringify([...mail.headers])].join('\n');
}

describe.each(testDatabaseKinds())('discreet notices on %s', (kind) => {
  const t = useTestDatabase(kind);
  let smtp: SmtpTestServer;
  let push: PushTestService;
  let dataDir: string;
  let notifier: Notifier;
  let clock = Date.parse('2026-12-02T12:00:00Z');
  const logs: string[] = [];
  const authSecret = randomBytes(32).toString('base64url');
  const env = () => ({ SMTP_URL: smtp.url, MEND_DATA_DIR: dataDir, MEND_PUSH_ALLOW_LOOPBACK_HTTP: '1', MEND_TEST_MODE: '1' });

  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    push = await startPushTestService();
    dataDir = await mkdtemp(path.join(tmpdir(), 'mend-notices-'));
    setProcessDatabase(t.handle);
    notifier = createNotifier({ db: t.db, authSecret, baseUrl: () => 'http://mend.test', env: env(), now: () => clock, log: (line) => logs.push(line), tickMs: HOUR });
    notifier.start();
  });
  afterAll(async () => {
    await notifier.stop();
    setProcessDatabase(undefined);
    closeMail();
    await smtp.close();
    await push.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** A couple with names and words that must never appear in a notice. */
  async function couple() {
    const author = await makeUser(t.db, 'Thaddeus');
    const partner = await makeUser(t.db, 'Rosalind');
    const space = await createSpace(t.db, author.id, 'Harbour Lane');
    const { token } = await createInvite(t.db, { userId: author.id }, space.id);
    await acceptInvite(t.db, partner.id, token);
    return { author, partner, space };
  }

  async function shareANote(authorId: string) {
    const note = await createNote(t.db, { userId: authorId }, { feelings: [{ family: 'fear', word: 'afraid', intensity: 4 }], whatINeed: 'a slow walk by the canal' });
    await shareNote(t.db, { userId: authorId }, note.id);
    await notifier.idle();
  }

  const everyKindOn: NoticePreferencesInput = { email: [...NOTICE_KINDS], push: [...NOTICE_KINDS] };

  it('sends nothing and stores nothing until a person turns a notice on', async () => {
    const { author, partner } = await couple();
    expect(await getNoticePreferences(t.db, partner.id)).toMatchObject({ email: [], push: [], quietStart: null, quietEnd: null, appName: 'Mend' });
    await shareANote(author.id);
    expect(await listNoticeDeliveries(t.db, partner.id)).toEqual([]);
    expect(smtp.to(partner.email)).toEqual([]);
  });

  it('tells the partner by email that something is waiting, with nothing private in any header or body, and never the actor', async () => {
    const { author, partner } = await couple();
    await saveNoticePreferences(t.db, partner.id, { email: ['note-shared'], appName: 'Garden club' });
    // The actor asked for everything: they still hear nothing about their own step.
    await saveNoticePreferences(t.db, author.id, everyKindOn);
    await shareANote(author.id);
    const mail = await smtp.waitFor((m) => m.to.includes(partner.email));
    expect(mail.subject).toBe(`${NEUTRAL} Garden club`);
    expect(mail.from).toContain('Garden club');
    expect(mail.text).toContain(`${NEUTRAL} Garden club.`);
    const everything = everythingIn(mail).toLowerCase();
    for (const secret of ['thaddeus', 'harbour lane', 'afraid', 'fear', 'canal', 'slow walk', 'note', 'shared']) expect(everything).not.toContain(secret);
    expect(mail.links[0]).toBe('http://mend.test/');
    expect(mail.links[1]).toMatch(/^http:\/\/mend\.test\/notices\/unsubscribe\?token=[A-Za-z0-9_-]{40,}$/);
    // mailparser gathers List-* headers under 'list': List-Unsubscribe and List-Unsubscribe-Post (RFC 8058).
    expect(mail.headers.get('list')).toEqual({ unsubscribe: { url: mail.links[1] }, 'unsubscribe-post': { name: 'List-Unsubscribe=One-Click' } });
    expect(smtp.to(author.email)).toEqual([]);
    expect(await listNoticeDeliveries(t.db, author.id)).toEqual([]);
    const [row] = await listNoticeDeliveries(t.db, partner.id);
    expect(row).toMatchObject({ kind: 'note-shared', channel: 'email' });
    expect(row!.sentAt).not.toBeNull();
  });

  it('sends at most one email per kind in three hours: later notes fold into it', async () => {
    const { author, partner } = await couple();
    await saveNoticePreferences(t.db, partner.id, { email: ['note-shared'] });
    await shareANote(author.id);
    await smtp.waitFor((m) => m.to.includes(partner.email));
    await shareANote(author.id);
    clock += 2 * HOUR;
    await shareANote(author.id);
    await notifier.tick();
    expect(smtp.to(partner.email)).toHaveLength(1);
    expect(await listNoticeDeliveries(t.db, partner.id)).toHaveLength(1);
    clock += HOUR + 60_000;
    await shareANote(author.id);
    await smtp.waitFor((m) => m.to.includes(partner.email) && smtp.to(partner.email).length === 2);
    expect(smtp.to(partner.email)).toHaveLength(2);
  });

  it('holds a notice through quiet hours in the person’s own time zone and sends it when they end', async () => {
    const { author, partner } = await couple();
    await saveNoticePreferences(t.db, partner.id, { email: ['note-shared'], quietStart: '22:00', quietEnd: '07:00', timeZone: 'Europe/Paris' });
    clock = Date.parse('2026-12-03T22:30:00Z'); // 23:30 in Paris
    await shareANote(author.id);
    const [waiting] = await listNoticeDeliveries(t.db, partner.id);
    expect(waiting).toMatchObject({ kind: 'note-shared', channel: 'email', sentAt: null });
    clock = Date.parse('2026-12-04T05:30:00Z'); // 06:30 in Paris: still quiet
    await notifier.tick();
    expect(smtp.to(partner.email)).toEqual([]);
    clock = Date.parse('2026-12-04T06:01:00Z'); // 07:01 in Paris
    await notifier.tick();
    const mail = await smtp.waitFor((m) => m.to.includes(partner.email));
    expect(mail.subject).toBe(`${NEUTRAL} Mend`);
    const [sent] = await listNoticeDeliveries(t.db, partner.id);
    expect(sent!.sentAt?.getTime()).toBe(clock);
  });

  it('turns every notice off from the unsubscribe link: a page with a button, then one POST', async () => {
    const { author, partner } = await couple();
    await saveNoticePreferences(t.db, partner.id, everyKindOn);
    await shareANote(author.id);
    const mail = await smtp.waitFor((m) => m.to.includes(partner.email));
    const link = mail.links[1]!;
    const page = await unsubscribePage(new Request(link));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<button type="submit">Turn off all notices</button>');
    // Following the link changed nothing yet (mail scanners open links).
    expect((await getNoticePreferences(t.db, partner.id)).email).toHaveLength(NOTICE_KINDS.length);
    // What a mail program's one-click unsubscribe sends (RFC 8058).
    const done = await unsubscribePost(new Request(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' }));
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('All notices are off');
    expect(await getNoticePreferences(t.db, partner.id)).toMatchObject({ email: [], push: [] });
    const wrong = await unsubscribePost(new Request(`http://mend.test/notices/unsubscribe?token=${'x'.repeat(43)}`, { method: 'POST' }));
    expect(wrong.status).toBe(404);
    clock += 4 * HOUR;
    await shareANote(author.id);
    expect(smtp.to(partner.email)).toHaveLength(1);
  });

  it('reminds both participants shortly before a planned conversation, once', async () => {
    const { author, partner } = await couple();
    await saveNoticePreferences(t.db, partner.id, { email: ['conversation-reminder'] });
    await saveNoticePreferences(t.db, author.id, { email: ['conversation-reminder'] });
    const proposed = await proposeConversation(t.db, { userId: author.id }, (await t.db.query.spaceMembers.findFirst({ where: (m, { eq: is }) => is(m.userId, author.id) }))!.spaceId, { topic: 'Money', turnMinutes: 3 }, { now: clock, pauseMinimumSeconds: 1200 });
    const at = clock + 2 * HOUR;
    await actOnConversation(t.db, { userId: partner.id }, { type: 'propose-time', conversationId: proposed.conversation.id, at }, { now: clock });
    await notifier.tick();
    expect(smtp.to(partner.email)).toEqual([]);
    clock = at - 10 * 60 * 1000;
    await notifier.tick();
    await smtp.waitFor((m) => m.to.includes(partner.email));
    await smtp.waitFor((m) => m.to.includes(author.email));
    for (const mail of [...smtp.to(partner.email), ...smtp.to(author.email)]) expect(everythingIn(mail)).not.toContain('Money');
    clock += 60_000;
    await notifier.tick();
    expect(smtp.to(partner.email)).toHaveLength(1);
    expect(smtp.to(author.email)).toHaveLength(1);
    clock = at + 60_000;
  });

  it('pushes an encrypted notice that decrypts to the neutral words only, and forgets a subscription the push service says is gone', async () => {
    const { author, partner } = await couple();
    const subscriber = makePushSubscriber(`${push.origin}/push/${randomBytes(8).toString('hex')}`);
    await savePushSubscription(t.db, partner.id, subscriber.subscription, { env: env(), userAgent: 'Test browser' });
    await saveNoticePreferences(t.db, partner.id, { push: ['note-shared'] });
    const before = push.requests.length;
    await shareANote(author.id);
    const [request] = (await push.waitForRequests(before + 1)).slice(before);
    expect(request!.path).toBe(new URL(subscriber.subscription.endpoint).pathname);
    expect(request!.headers['content-encoding']).toBe('aes128gcm');
    expect(request!.headers.authorization).toMatch(new RegExp(`^vapid t=[^,]+, k=${resolveVapidKeys(env()).publicKey}$`));
    // The ciphertext itself carries none of it, and decrypted it is the neutral sentence and a link.
    expect(request!.body.toString('latin1')).not.toContain('Something');
    const plaintext = subscriber.decrypt(request!.body);
    expect(JSON.parse(plaintext)).toEqual({ title: 'Mend', body: `${NEUTRAL} Mend`, url: 'http://mend.test/' });
    for (const secret of ['Thaddeus', 'Harbour', 'afraid', 'fear', 'canal', 'note']) expect(plaintext).not.toContain(secret);
    // No email was asked for, so none went.
    expect(smtp.to(partner.email)).toEqual([]);

    push.answer(410);
    clock += 4 * HOUR;
    await shareANote(author.id);
    await push.waitForRequests(before + 2);
    await notifier.idle();
    expect(await t.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, partner.id))).toEqual([]);
    push.answer(201);
    // With no device left, push notices are no longer recorded.
    clock += 4 * HOUR;
    await shareANote(author.id);
    expect(await t.db.select().from(noticeDeliveries).where(and(eq(noticeDeliveries.userId, partner.id), eq(noticeDeliveries.channel, 'push')))).toHaveLength(2);
  });

  it('accepts only https push endpoints, or loopback http with the test-only setting', async () => {
    const person = await makeUser(t.db, 'Pushy');
    const subscriber = makePushSubscriber('http://127.0.0.1:9/push/x');
    await expect(savePushSubscription(t.db, person.id, subscriber.subscription, { env: {} })).rejects.toMatchObject({ code: 'invalid-input', message: 'The push endpoint must be an https address.' });
    await expect(savePushSubscription(t.db, person.id, { ...subscriber.subscription, endpoint: 'http://push.example.com/x' }, { env: env() })).rejects.toMatchObject({ message: 'The push endpoint must be an https address.' });
    await expect(savePushSubscription(t.db, person.id, { endpoint: 'https://push.example.com/x', keys: { p256dh: 'abc', auth: 'def' } }, { env: {} })).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(savePushSubscription(t.db, person.id, subscriber.subscription, { env: { MEND_PUSH_ALLOW_LOOPBACK_HTTP: '1' } })).rejects.toMatchObject({ message: 'The push endpoint must be an https address.' });
    expect(pushEndpointConfigProblem({ MEND_PUSH_ALLOW_LOOPBACK_HTTP: '1' })).toContain('for test runs only');
    expect(pushEndpointConfigProblem({ MEND_PUSH_ALLOW_LOOPBACK_HTTP: '1', MEND_TEST_MODE: '1' })).toBeUndefined();
    const saved = await savePushSubscription(t.db, person.id, { ...subscriber.subscription, endpoint: 'https://push.example.com/x' }, { env: {} });
    expect(saved.endpoint).toBe('https://push.example.com/x');
  });

  it('tells no one about a space that has closed', async () => {
    const { author, partner, space } = await couple();
    await saveNoticePreferences(t.db, partner.id, everyKindOn);
    await saveNoticePreferences(t.db, author.id, everyKindOn);
    await leaveSpace(t.db, { userId: author.id }, space.id);
    // An event that still names the closed space (published late, or by a second instance) reaches no one.
    publishLiveEvent({ spaceId: space.id, audience: 'space', event: NOTE_EVENTS.shared, payload: { noteId: 'x', actorId: author.id, actorName: 'Thaddeus' } });
    await notifier.idle();
    expect(await listNoticeDeliveries(t.db, partner.id)).toEqual([]);
    expect(await listNoticeDeliveries(t.db, author.id)).toEqual([]);
  });

  it('knows each feature’s event by the name the feature publishes', () => {
    const space = { spaceId: 'space', audience: 'space' as const };
    expect(noticeKindOf({ ...space, event: NOTE_EVENTS.shared, payload: { actorId: 'a' } })).toEqual({ kind: 'note-shared', actorId: 'a' });
    expect(noticeKindOf({ ...space, event: AMEND_EVENTS.offered, payload: { amendId: 'x', actorId: 'a', actorName: 'A' } })).toEqual({ kind: 'amend-offered', actorId: 'a' });
    expect(noticeKindOf({ ...space, event: COMMITMENT_EVENTS.checkInsRevealed, payload: { actorId: 'a' } })).toEqual({ kind: 'check-in-waiting', actorId: 'a' });
    expect(noticeKindOf({ ...space, event: 'version-proposed', payload: { documentId: 'd', number: 2, by: 'a' } })).toEqual({ kind: 'version-to-sign', actorId: 'a' });
    // Events that are not for the partner, or are to one person's own devices, make no notice.
    expect(noticeKindOf({ ...space, event: NOTE_EVENTS.acknowledged, payload: { actorId: 'a' } })).toBeNull();
    expect(noticeKindOf({ spaceId: 'space', audience: { userId: 'a' }, event: COMMITMENT_EVENTS.ownCheckInSaved, payload: {} })).toBeNull();
  });

  it('refuses preferences that are not valid, with a message a person can read', async () => {
    const person = await makeUser(t.db, 'Chooser');
    await expect(saveNoticePreferences(t.db, person.id, { email: ['everything'] })).rejects.toMatchObject({ code: 'invalid-input', message: 'That is not a kind of notice Mend sends.' });
    await expect(saveNoticePreferences(t.db, person.id, { quietStart: '25:00', quietEnd: '07:00' })).rejects.toMatchObject({ message: 'Write a time like 22:00, or leave it empty.' });
    await expect(saveNoticePreferences(t.db, person.id, { quietStart: '22:00' })).rejects.toMatchObject({ message: 'Give both a start and an end for quiet hours, or neither.' });
    await expect(saveNoticePreferences(t.db, person.id, { timeZone: 'Mars/Olympus' })).rejects.toMatchObject({ message: 'Choose a time zone from the list.' });
    expect(await getNoticePreferences(t.db, person.id)).toMatchObject({ email: [], push: [] });
  });

  it('refuses to start with push or link settings that cannot work', () => {
    expect(() => readConfig({ MEND_VAPID_SUBJECT: 'me' })).toThrow('MEND_VAPID_SUBJECT must be a mailto: address or an https:// URL');
    expect(() => readConfig({ MEND_VAPID_PUBLIC_KEY: 'abc' })).toThrow('Set both MEND_VAPID_PUBLIC_KEY and MEND_VAPID_PRIVATE_KEY, or neither');
    expect(() => readConfig({ MEND_PUBLIC_URL: 'mend dot org' })).toThrow('MEND_PUBLIC_URL must be the address people open Mend at');
    expect(() => readConfig({ MEND_PUSH_ALLOW_LOOPBACK_HTTP: '1' })).toThrow('for test runs only');
    expect(readConfig({ MEND_VAPID_SUBJECT: 'mailto:care@example.org', MEND_PUBLIC_URL: 'https://mend.example.org' }).port).toBe(3000);
  });
});
