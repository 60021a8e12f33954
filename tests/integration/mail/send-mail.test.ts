import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { closeMail, mailConfigProblem, sendMail } from '../../../server/mail';
import { startSmtpTestServer, type SmtpTestServer } from '../../support/smtp-test-server';

describe('sendMail', () => {
  let smtp: SmtpTestServer;
  let dataDir: string;
  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'mend-mail-'));
  });
  afterAll(async () => {
    closeMail();
    await smtp.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('sends over SMTP when SMTP_URL is set, from MEND_MAIL_FROM', async () => {
    const env = { SMTP_URL: smtp.url, MEND_MAIL_FROM: 'Mend at home <mend@home.example>', MEND_DATA_DIR: dataDir };
    const delivery = await sendMail({ to: 'Alex@Example.com', subject: 'Hello', text: 'Open https://mend.example/a to continue.' }, env);
    expect(delivery.via).toBe('smtp');
    const mail = await smtp.waitFor((m) => m.subject === 'Hello');
    expect(mail.to).toEqual(['alex@example.com']);
    expect(mail.from).toBe('"Mend at home" <mend@home.example>');
    expect(mail.links).toEqual(['https://mend.example/a']);
    // fromName changes the shown name only, the address stays.
    await sendMail({ to: 'alex@example.com', subject: 'Named', text: 'x', fromName: 'Garden club', headers: { 'List-Unsubscribe': '<https://mend.example/u>' } }, env);
    const named = await smtp.waitFor((m) => m.subject === 'Named');
    expect(named.from).toBe('"Garden club" <mend@home.example>');
    expect(named.headers.get('list')).toMatchObject({ unsubscribe: { url: 'https://mend.example/u' } });
    expect(await readdir(dataDir)).toEqual([]);
  });

  it('writes an .eml file into the outbox of the data directory when SMTP_URL is unset, and logs where without content', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      const before = smtp.messages.length;
      const delivery = await sendMail({ to: 'sam@example.com', subject: 'Your link', text: 'Secret link https://mend.example/reset-password/abc' }, { MEND_DATA_DIR: dataDir });
      expect(delivery.via).toBe('outbox');
      if (delivery.via !== 'outbox') return;
      expect(path.dirname(delivery.file)).toBe(path.join(dataDir, 'outbox'));
      expect(delivery.file).toMatch(/\.eml$/);
      expect((await stat(delivery.file)).mode & 0o777).toBe(0o600);
      const parsed = await simpleParser(await readFile(delivery.file));
      expect(parsed.subject).toBe('Your link');
      expect(parsed.text?.trim()).toBe('Secret link https://mend.example/reset-password/abc');
      expect(parsed.from?.value[0]).toMatchObject({ name: 'Mend', address: 'mend@localhost' });
      expect(log).toHaveBeenCalledTimes(1);
      const line = String(log.mock.calls[0]?.[0]);
      expect(line).toContain(delivery.file);
      expect(line).not.toContain('reset-password');
      expect(line).not.toContain('sam@example.com');
      expect(line).not.toContain('Your link');
      expect(smtp.messages.length).toBe(before);
    } finally {
      log.mockRestore();
    }
  });

  it('explains a malformed SMTP_URL or MEND_MAIL_FROM', () => {
    expect(mailConfigProblem({ SMTP_URL: 'mail.example.com:25' })).toMatch(/SMTP_URL must look like smtp:\/\//);
    expect(mailConfigProblem({ MEND_MAIL_FROM: 'Mend' })).toMatch(/MEND_MAIL_FROM must be an email address/);
    expect(mailConfigProblem({ SMTP_URL: 'smtps://u:p@mail.example.com:465', MEND_MAIL_FROM: 'Mend <m@example.com>' })).toBeUndefined();
  });
});
