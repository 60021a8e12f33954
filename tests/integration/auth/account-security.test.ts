import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { twoFactor, users } from '../../../drizzle/schema';
import { checkSession, startSession } from '../../../server/auth/sessions';
import {
  beginTwoFactorSetup,
  confirmTwoFactorSetup,
  decryptSecret,
  disableTwoFactor,
  twoFactorEnabled,
  unusedRecoveryCodeCount,
} from '../../../server/auth/two-factor';
import { changeName, changePassword, confirmEmailChange, requestEmailChange } from '../../../server/domain/accounts/account-settings';
import { passwordResetLinkState, requestPasswordReset, resetPassword } from '../../../server/domain/accounts/password-reset';
import { registerUser } from '../../../server/domain/accounts/register-user';
import { verifyCredentials } from '../../../server/domain/accounts/verify-credentials';
import { closeMail } from '../../../server/mail/mail';
import { startSmtpTestServer, type ReceivedMail, type SmtpTestServer } from '../../support/smtp-test-server';
import { testDatabaseKinds, useTestDatabase } from '../../support/use-test-database';

const BASE = 'https://mend.test';
const MINUTE = 60_000;

function tokenFrom(mail: ReceivedMail, pathPrefix: string): string {
  const link = mail.links.find((l) => l.startsWith(`${BASE}${pathPrefix}`));
  if (!link) throw new Error(`no ${pathPrefix} link in: ${mail.text}`);
  return link.slice(`${BASE}${pathPrefix}`.length);
}

describe.each(testDatabaseKinds())('account security on %s', (kind) => {
  const t = useTestDatabase(kind);
  let smtp: SmtpTestServer;
  const saved = { SMTP_URL: process.env.SMTP_URL, AUTH_SECRET: process.env.AUTH_SECRET, MEND_PUBLIC_URL: process.env.MEND_PUBLIC_URL };
  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    process.env.SMTP_URL = smtp.url;
    process.env.AUTH_SECRET = 'test-auth-secret-that-is-long-enough-0123456789';
  });
  afterAll(async () => {
    closeMail();
    await smtp.close();
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  let n = 0;
  async function person(password = 'correct horse battery') {
    n += 1;
    const email = `person${n}-${kind}@example.com`;
    const user = await registerUser(t.db, { name: `Person ${n}`, email, password });
    return { ...user, password };
  }
  const signIn = (email: string, password: string, code?: string, now?: Date) =>
    verifyCredentials(t.db, { email, password, code, clientAddress: '10.1.0.1' }, now);

  describe('password reset', () => {
    it('sends a link that works once, ends every session and does not sign anyone in', async () => {
      const alex = await person();
      const phone = await startSession(t.db, alex.id, 'phone');
      const laptop = await startSession(t.db, alex.id, 'laptop');
      const request = await requestPasswordReset(t.db, { email: alex.email.toUpperCase(), clientAddress: '10.0.0.1', linkBase: BASE });
      expect(request.outcome).toBe('answered');
      const mail = await smtp.waitFor((m) => m.to.includes(alex.email) && m.subject === 'Choosing a new password for Mend');
      const token = tokenFrom(mail, '/reset-password/');
      expect(mail.text).not.toContain(alex.name);
      expect(await passwordResetLinkState(t.db, token)).toBe('valid');

      expect(await resetPassword(t.db, { token, newPassword: 'a brand new password' })).toBe('changed');
      expect(await checkSession(t.db, { sessionId: phone, userId: alex.id })).toBe(false);
      expect(await checkSession(t.db, { sessionId: laptop, userId: alex.id })).toBe(false);
      expect(await signIn(alex.email, alex.password)).toEqual({ ok: false, reason: 'mismatch' });
      expect(await signIn(alex.email, 'a brand new password')).toMatchObject({ ok: true });

      // Used once: a second click (or a copy of the link) changes nothing.
      expect(await resetPassword(t.db, { token, newPassword: 'someone else tries' })).toBe('used');
      expect(await passwordResetLinkState(t.db, token)).toBe('used');
      expect(await signIn(alex.email, 'a brand new password')).toMatchObject({ ok: true });
      // The account is told, calmly, and nothing else.
      await smtp.waitFor((m) => m.to.includes(alex.email) && m.subject === 'Your Mend password was changed');
    });

    it('expires 30 minutes after it was sent, and only the newest link works', async () => {
      const sam = await person();
      const sent = new Date('2026-12-01T10:00:00Z');
      await requestPasswordReset(t.db, { email: sam.email, clientAddress: '10.0.0.2', linkBase: BASE }, sent);
      const first = tokenFrom(await smtp.waitFor((m) => m.to.includes(sam.email)), '/reset-password/');
      expect(await resetPassword(t.db, { token: first, newPassword: 'too late password' }, new Date(sent.getTime() + 30 * MINUTE + 1000))).toBe('expired');
      expect(await passwordResetLinkState(t.db, first, new Date(sent.getTime() + 31 * MINUTE))).toBe('expired');

      await requestPasswordReset(t.db, { email: sam.email, clientAddress: '10.0.0.2', linkBase: BASE }, sent);
      const second = tokenFrom(await smtp.waitFor((m) => m.to.includes(sam.email) && !m.text.includes(first)), '/reset-password/');
      expect(second).not.toBe(first);
      // A newer link replaces the older one.
      expect(await resetPassword(t.db, { token: first, newPassword: 'old link password' }, sent)).toBe('used');
      expect(await resetPassword(t.db, { token: second, newPassword: 'just in time pass' }, new Date(sent.getTime() + 29 * MINUTE))).toBe('changed');
      expect(await resetPassword(t.db, { token: 'not-a-token', newPassword: 'whatever password' })).toBe('unknown');
    });

    it('answers the same, in about the same time, for an address with no account, and sends nothing', async () => {
      const kim = await person();
      const timed = async (email: string, address: string) => {
        const started = performance.now();
        const result = await requestPasswordReset(t.db, { email, clientAddress: address, linkBase: BASE });
        const ms = performance.now() - started;
        if (result.outcome === 'answered') await result.delivery;
        return { result, ms };
      };
      const known = await timed(kim.email, '10.0.0.3');
      const unknown = await timed(`nobody-${kind}@example.com`, '10.0.0.4');
      expect(unknown.result.outcome).toBe(known.result.outcome);
      expect(known.ms).toBeGreaterThanOrEqual(395);
      expect(unknown.ms).toBeGreaterThanOrEqual(395);
      expect(Math.abs(known.ms - unknown.ms)).toBeLessThan(150);
      expect(smtp.to(`nobody-${kind}@example.com`)).toEqual([]);
      expect(smtp.to(kim.email)).toHaveLength(1);
    });

    it('is throttled per address typed, whether or not it has an account', async () => {
      for (const email of [(await person()).email, `ghost-${kind}@example.com`]) {
        const now = new Date('2026-12-01T12:00:00Z');
        for (let i = 0; i < 4; i += 1) {
          const result = await requestPasswordReset(t.db, { email, clientAddress: `10.2.0.${i}`, linkBase: BASE }, now, 0);
          expect(result.outcome).toBe('answered');
        }
        const paused = await requestPasswordReset(t.db, { email, clientAddress: '10.2.0.9', linkBase: BASE }, now, 0);
        expect(paused).toEqual({ outcome: 'paused', waitMs: 5 * MINUTE });
      }
    });

    it('without SMTP_URL, the email is written to the outbox of the data directory', async () => {
      const dataDir = await mkdtemp(path.join(os.tmpdir(), 'mend-outbox-'));
      const before = { SMTP_URL: process.env.SMTP_URL, MEND_DATA_DIR: process.env.MEND_DATA_DIR };
      const log = vi.spyOn(console, 'log').mockImplementation(() => {});
      try {
        delete process.env.SMTP_URL;
        process.env.MEND_DATA_DIR = dataDir;
        const lee = await person();
        const result = await requestPasswordReset(t.db, { email: lee.email, clientAddress: '10.0.0.5', linkBase: BASE });
        if (result.outcome === 'answered') await result.delivery;
        const files = await readdir(path.join(dataDir, 'outbox'));
        expect(files).toHaveLength(1);
        const parsed = await simpleParser(await readFile(path.join(dataDir, 'outbox', files[0]!)));
        expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value[0]?.address : null).toBe(lee.email);
        expect(parsed.text).toMatch(new RegExp(`${BASE}/reset-password/[A-Za-z0-9_-]{43}`));
        expect(log.mock.calls.map((c) => String(c[0])).join('\n')).toContain(path.join(dataDir, 'outbox'));
        expect(smtp.to(lee.email)).toEqual([]);
      } finally {
        log.mockRestore();
        process.env.SMTP_URL = before.SMTP_URL;
        if (before.MEND_DATA_DIR === undefined) delete process.env.MEND_DATA_DIR;
        else process.env.MEND_DATA_DIR = before.MEND_DATA_DIR;
        await rm(dataDir, { recursive: true, force: true });
      }
    });
  });

  describe('changing name, password and email', () => {
    it('changes the name', async () => {
      const pat = await person();
      await changeName(t.db, pat.id, '  Pat  ');
      const [row] = await t.db.select({ name: users.name }).from(users).where(eq(users.id, pat.id));
      expect(row?.name).toBe('Pat');
      await expect(changeName(t.db, pat.id, '   ')).rejects.toMatchObject({ code: 'invalid-input' });
    });

    it('a password change needs the current password, signs out every other device and tells the address', async () => {
      const jo = await person();
      const here = await startSession(t.db, jo.id, 'here');
      const elsewhere = await startSession(t.db, jo.id, 'elsewhere');
      const input = { userId: jo.id, newPassword: 'my new password!', keepSessionId: here, clientAddress: '10.0.1.1' };
      await expect(changePassword(t.db, { ...input, currentPassword: 'not my password' })).rejects.toMatchObject({
        fieldErrors: { currentPassword: ['That password is not right.'] },
      });
      expect(await signIn(jo.email, jo.password)).toMatchObject({ ok: true });
      expect(smtp.to(jo.email)).toEqual([]);

      expect(await changePassword(t.db, { ...input, currentPassword: jo.password })).toBe(1);
      expect(await checkSession(t.db, { sessionId: here, userId: jo.id })).toBe(true);
      expect(await checkSession(t.db, { sessionId: elsewhere, userId: jo.id })).toBe(false);
      expect(await signIn(jo.email, jo.password)).toEqual({ ok: false, reason: 'mismatch' });
      expect(await signIn(jo.email, 'my new password!')).toMatchObject({ ok: true });
      const mail = await smtp.waitFor((m) => m.to.includes(jo.email));
      expect(mail.subject).toBe('Your Mend password was changed');
      expect(mail.text).not.toContain('my new password!');
      expect(mail.links).toEqual([]);
    });

    it('an email change needs the password and the link from the new address, opened by the same person', async () => {
      const ana = await person();
      const other = await person();
      const newEmail = `ana-new-${kind}@example.com`;
      const ask = { userId: ana.id, newEmail, linkBase: BASE, clientAddress: '10.0.2.1' };
      await expect(requestEmailChange(t.db, { ...ask, password: 'wrong password' })).rejects.toMatchObject({ code: 'invalid-input' });
      expect(smtp.to(newEmail)).toEqual([]);

      // A reset link sent to the old address before the change.
      await requestPasswordReset(t.db, { email: ana.email, clientAddress: '10.0.2.2', linkBase: BASE });
      const resetToken = tokenFrom(await smtp.waitFor((m) => m.to.includes(ana.email) && m.subject.startsWith('Choosing')), '/reset-password/');

      await requestEmailChange(t.db, { ...ask, password: ana.password });
      const confirm = await smtp.waitFor((m) => m.to.includes(newEmail));
      expect(confirm.subject).toBe('Confirm your new email address for Mend');
      const token = tokenFrom(confirm, '/account/confirm-email/');
      const notice = await smtp.waitFor((m) => m.to.includes(ana.email) && m.subject === 'A change of email address was requested for Mend');
      expect(notice.text).not.toContain(newEmail);
      expect(notice.links).toEqual([]);
      const emailOf = async (id: string) => (await t.db.select({ email: users.email }).from(users).where(eq(users.id, id)))[0]?.email;
      expect(await emailOf(ana.id)).toBe(ana.email);

      // Opened in someone else's session: nothing happens, and the link still works for Ana.
      expect(await confirmEmailChange(t.db, { token, viewerUserId: other.id })).toEqual({ outcome: 'not-yours' });
      expect(await emailOf(ana.id)).toBe(ana.email);
      expect(await emailOf(other.id)).toBe(other.email);

      expect(await confirmEmailChange(t.db, { token, viewerUserId: ana.id })).toEqual({ outcome: 'changed', email: newEmail });
      expect(await emailOf(ana.id)).toBe(newEmail);
      expect(await confirmEmailChange(t.db, { token, viewerUserId: ana.id })).toEqual({ outcome: 'used' });
      expect(await signIn(newEmail, ana.password)).toMatchObject({ ok: true });
      // The reset link that went to the old address no longer works.
      expect(await resetPassword(t.db, { token: resetToken, newPassword: 'hijack attempt!' })).toBe('used');
    });

    it('an email change link expires after 24 hours; an address already in use gets a note instead of a link', async () => {
      const ben = await person();
      const taken = await person();
      const sent = new Date('2026-12-01T08:00:00Z');
      const newEmail = `ben-new-${kind}@example.com`;
      await requestEmailChange(t.db, { userId: ben.id, password: ben.password, newEmail, linkBase: BASE, clientAddress: '10.0.3.1' }, sent);
      const token = tokenFrom(await smtp.waitFor((m) => m.to.includes(newEmail)), '/account/confirm-email/');
      expect(await confirmEmailChange(t.db, { token, viewerUserId: ben.id }, new Date(sent.getTime() + 24 * 60 * MINUTE + 1000))).toEqual({ outcome: 'expired' });

      await requestEmailChange(t.db, { userId: ben.id, password: ben.password, newEmail: taken.email, linkBase: BASE, clientAddress: '10.0.3.1' });
      const note = await smtp.waitFor((m) => m.to.includes(taken.email));
      expect(note.subject).toBe('Your email address and Mend');
      expect(note.links).toEqual([]);
    });
  });

  describe('two-step sign-in', () => {
    it('setup, sign-in needs the code, replay refused, recovery codes work once, turning off needs a code', async () => {
      const kit = await person();
      const t0 = new Date();
      await expect(beginTwoFactorSetup(t.db, kit.id, 'not the password', t0)).rejects.toMatchObject({ code: 'invalid-input' });
      const setup = await beginTwoFactorSetup(t.db, kit.id, kit.password, t0);
      expect(setup.uri).toMatch(/^otpauth:\/\/totp\/Mend:/);
      expect(setup.qrDataUrl).toMatch(/^data:image\/png;base64,/);
      // Stored encrypted: neither the secret nor its encoding appear in the row.
      const [stored] = await t.db.select().from(twoFactor).where(eq(twoFactor.userId, kit.id));
      expect(stored?.secretEncrypted).not.toContain(setup.secret);
      expect(decryptSecret(stored!.secretEncrypted)).toBe(setup.secret);
      // Not in force until confirmed.
      expect(await twoFactorEnabled(t.db, kit.id)).toBe(false);
      expect(await signIn(kit.email, kit.password)).toMatchObject({ ok: true });

      const epoch = (d: Date) => Math.floor(d.getTime() / 1000);
      await expect(confirmTwoFactorSetup(t.db, kit.id, '000000', t0)).rejects.toMatchObject({ code: 'invalid-input' });
      const recovery = await confirmTwoFactorSetup(t.db, kit.id, await generate({ secret: setup.secret, epoch: epoch(t0) }), t0);
      expect(recovery).toHaveLength(10);
      expect(new Set(recovery).size).toBe(10);
      expect(await twoFactorEnabled(t.db, kit.id)).toBe(true);

      // The password alone is no longer enough, and no session is made.
      const t1 = new Date(t0.getTime() + 60_000);
      expect(await signIn(kit.email, kit.password, undefined, t1)).toEqual({ ok: false, reason: 'code-needed' });
      expect(await signIn(kit.email, 'wrong password', undefined, t1)).toEqual({ ok: false, reason: 'mismatch' });
      expect(await signIn(kit.email, kit.password, '123456', t1)).toEqual({ ok: false, reason: 'code-mismatch' });
      const code = await generate({ secret: setup.secret, epoch: epoch(t1) });
      expect(await signIn(kit.email, kit.password, code, t1)).toMatchObject({ ok: true });
      // The same code again (someone looking over a shoulder) is refused.
      expect(await signIn(kit.email, kit.password, code, t1)).toEqual({ ok: false, reason: 'code-mismatch' });
      // A wrong password with a right code gets nothing either.
      const t2 = new Date(t0.getTime() + 120_000);
      expect(await signIn(kit.email, 'wrong password', await generate({ secret: setup.secret, epoch: epoch(t2) }), t2)).toEqual({ ok: false, reason: 'mismatch' });

      // A recovery code works once, in any case and with or without dashes.
      expect(await signIn(kit.email, kit.password, recovery[0]!.toUpperCase().replace(/-/g, ' '), t2)).toMatchObject({ ok: true });
      expect(await signIn(kit.email, kit.password, recovery[0]!, t2)).toEqual({ ok: false, reason: 'code-mismatch' });
      expect(await unusedRecoveryCodeCount(t.db, kit.id)).toBe(9);

      // Turning it off needs the password and a current code (or a recovery code).
      const t3 = new Date(t0.getTime() + 180_000);
      await expect(disableTwoFactor(t.db, kit.id, { password: kit.password, code: '000000' }, t3)).rejects.toMatchObject({ fieldErrors: { code: ['That code is not right.'] } });
      await expect(disableTwoFactor(t.db, kit.id, { password: 'wrong password', code: recovery[1]! }, t3)).rejects.toMatchObject({
        fieldErrors: { password: ['That password is not right.'] },
      });
      expect(await twoFactorEnabled(t.db, kit.id)).toBe(true);
      await disableTwoFactor(t.db, kit.id, { password: kit.password, code: await generate({ secret: setup.secret, epoch: epoch(t3) }) }, t3);
      expect(await twoFactorEnabled(t.db, kit.id)).toBe(false);
      expect(await unusedRecoveryCodeCount(t.db, kit.id)).toBe(0);
      expect(await signIn(kit.email, kit.password, undefined, t3)).toMatchObject({ ok: true });
    });

    it('codes are throttled like passwords', async () => {
      const lou = await person();
      const t0 = new Date();
      const setup = await beginTwoFactorSetup(t.db, lou.id, lou.password, t0);
      await confirmTwoFactorSetup(t.db, lou.id, await generate({ secret: setup.secret, epoch: Math.floor(t0.getTime() / 1000) }), t0);
      const now = new Date(t0.getTime() + 60_000);
      // Wrong codes spread over many addresses still count against the account.
      for (let i = 0; i < 5; i += 1) {
        expect(await verifyCredentials(t.db, { email: lou.email, password: lou.password, code: '000000', clientAddress: `10.9.0.${i}` }, now)).toEqual({
          ok: false,
          reason: 'code-mismatch',
        });
      }
      expect(await verifyCredentials(t.db, { email: lou.email, password: lou.password, code: '000001', clientAddress: '10.9.1.1' }, now)).toEqual({
        ok: false,
        reason: 'code-mismatch',
      });
      const right = await generate({ secret: setup.secret, epoch: Math.floor(now.getTime() / 1000) });
      expect(await verifyCredentials(t.db, { email: lou.email, password: lou.password, code: right, clientAddress: '10.9.1.2' }, now)).toMatchObject({
        ok: false,
        reason: 'paused',
      });
    });
  });
});
