/**
 * Mend's one way to send an email: `sendMail(message)`.
 *
 * With SMTP_URL set, messages go out through nodemailer over SMTP. Without it (the embedded default,
 * one machine and no mail server), each message is written as an .eml file into
 * `<MEND_DATA_DIR>/outbox/` and the server log says where, so nothing is lost and the person running
 * Mend can open it in any mail program. The log line names the file only: an email may carry a
 * password reset link, and logs are often read by more people than the mailbox.
 *
 * Configuration is read from the environment on each send (not once at start) because Next's bundled
 * route handlers and server actions run in the same process as the custom server but are separate
 * module instances; the SMTP transport is kept on globalThis so the process has one connection pool.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';

export type MailMessage = {
  to: string;
  subject: string;
  /** The plain-text body; every Mend email has one, so it reads the same in any mail program. */
  text: string;
  html?: string;
  /**
   * Replaces the display name of MEND_MAIL_FROM (the address stays): lets a person see a neutral
   * name of their choosing in their inbox instead of "Mend".
   */
  fromName?: string;
  /** Extra headers, for example List-Unsubscribe. */
  headers?: Record<string, string>;
};

export type MailDelivery = { via: 'smtp'; messageId: string } | { via: 'outbox'; file: string };

export const DEFAULT_MAIL_FROM = 'Mend <mend@localhost>';

type MailSettings = { smtpUrl: string | undefined; from: string; dataDir: string };

export function mailSettings(env: Record<string, string | undefined> = process.env): MailSettings {
  return {
    smtpUrl: env.SMTP_URL?.trim() || undefined,
    from: env.MEND_MAIL_FROM?.trim() || DEFAULT_MAIL_FROM,
    // The data directory is only known at run time: tell Turbopack not to trace the project through it.
    dataDir: path.resolve(/* turbopackIgnore: true */ env.MEND_DATA_DIR?.trim() || '.data'),
  };
}

/** Why SMTP_URL or MEND_MAIL_FROM cannot work, in words for the person starting Mend; undefined when fine. */
export function mailConfigProblem(env: Record<string, string | undefined> = process.env): string | undefined {
  const { smtpUrl, from } = mailSettings(env);
  if (smtpUrl && !/^smtps?:\/\/[^/]+/.test(smtpUrl)) {
    return 'SMTP_URL must look like smtp://user:password@host:587 or smtps://user:password@host:465.';
  }
  if (!/@[^@\s>]+>?\s*$/.test(from)) {
    return 'MEND_MAIL_FROM must be an email address, optionally with a name: Mend <mend@example.org>.';
  }
  return undefined;
}

type MailGlobal = { transport?: { url: string; transporter: Transporter } };
const mailGlobal = globalThis as typeof globalThis & { __mendMail?: MailGlobal };
function state(): MailGlobal {
  mailGlobal.__mendMail ??= {};
  return mailGlobal.__mendMail;
}

function smtpTransport(url: string): Transporter {
  const current = state().transport;
  if (current?.url === url) return current.transporter;
  current?.transporter.close();
  const transporter = nodemailer.createTransport(url);
  state().transport = { url, transporter };
  return transporter;
}

function fromAddress(from: string, fromName: string | undefined): string | { name: string; address: string } {
  if (!fromName) return from;
  const address = /<([^>]+)>\s*$/.exec(from)?.[1] ?? from.trim();
  return { name: fromName, address };
}

export async function sendMail(message: MailMessage, env: Record<string, string | undefined> = process.env): Promise<MailDelivery> {
  const settings = mailSettings(env);
  const mail = {
    from: fromAddress(settings.from, message.fromName),
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    headers: message.headers,
  };
  if (settings.smtpUrl) {
    const info = await smtpTransport(settings.smtpUrl).sendMail(mail);
    return { via: 'smtp', messageId: info.messageId };
  }
  // The stream transport composes the exact RFC 5322 message SMTP would have carried.
  const composed = await nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' }).sendMail(mail);
  const outbox = path.join(settings.dataDir, 'outbox');
  await mkdir(outbox, { recursive: true, mode: 0o700 });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = path.join(outbox, `${stamp}-${randomBytes(4).toString('hex')}.eml`);
  // Owner-only: a reset link in this file is as good as the password.
  await writeFile(file, composed.message as Buffer, { mode: 0o600 });
  console.log(`Email written to ${file} (SMTP_URL is not set, so mail stays in the outbox).`);
  return { via: 'outbox', file };
}

/** Closes the SMTP connection pool, if one was opened (tests, shutdown). */
export function closeMail(): void {
  state().transport?.transporter.close();
  state().transport = undefined;
}
