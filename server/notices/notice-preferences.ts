/**
 * A person's notice preferences (notice_preferences): which kinds reach them by email and by push,
 * quiet hours in their time zone, and the name notices use for the app. Without a row, everything is
 * off: nothing leaves the app until the person turns it on.
 *
 * The unsubscribe link in every email carries a token derived from the auth secret and the person's
 * id (so every email, old or new, carries the same working link); only its SHA-256 is stored, so the
 * database alone cannot make a working link.
 */
import { createHash, createHmac } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { noticePreferences } from '../../drizzle/schema';
import type { Database, Executor } from '../db/database';
import { invalidInput } from '../domain/errors';
import { NOTICE_KINDS, type NoticeChannel, type NoticeKind } from './notice-kinds';
import { isValidTimeZone, parseClockTime } from './quiet-hours';

export const DEFAULT_APP_NAME = 'Mend';
export const APP_NAME_MAX_LENGTH = 40;

export interface NoticePreferences {
  email: NoticeKind[];
  push: NoticeKind[];
  quietStart: number | null;
  quietEnd: number | null;
  timeZone: string;
  appName: string;
}

export const DEFAULT_NOTICE_PREFERENCES: NoticePreferences = { email: [], push: [], quietStart: null, quietEnd: null, timeZone: 'UTC', appName: DEFAULT_APP_NAME };

function onlyKnownKinds(list: unknown): NoticeKind[] {
  return Array.isArray(list) ? NOTICE_KINDS.filter((kind) => list.includes(kind)) : [];
}

export async function getNoticePreferences(db: Executor, userId: string): Promise<NoticePreferences> {
  const [row] = await db.select().from(noticePreferences).where(eq(noticePreferences.userId, userId)).limit(1);
  if (!row) return { ...DEFAULT_NOTICE_PREFERENCES };
  return {
    email: onlyKnownKinds(row.kinds?.email),
    push: onlyKnownKinds(row.kinds?.push),
    quietStart: row.quietStart,
    quietEnd: row.quietEnd,
    timeZone: row.timeZone,
    appName: row.appName,
  };
}

export function wantsNotice(prefs: NoticePreferences, kind: NoticeKind, channel: NoticeChannel): boolean {
  return prefs[channel].includes(kind);
}

const clockTime = z
  .string()
  .trim()
  .refine((value) => value === '' || parseClockTime(value) !== null, { error: 'Write a time like 22:00, or leave it empty.' });

/** What the account page's form sends (also usable from tests and scripts). */
export const noticePreferencesInputSchema = z
  .object({
    email: z.array(z.enum(NOTICE_KINDS, { error: 'That is not a kind of notice Mend sends.' })).default([]),
    push: z.array(z.enum(NOTICE_KINDS, { error: 'That is not a kind of notice Mend sends.' })).default([]),
    quietStart: clockTime.default(''),
    quietEnd: clockTime.default(''),
    timeZone: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .refine(isValidTimeZone, { error: 'Choose a time zone from the list.' })
      .default('UTC'),
    appName: z
      .string()
      .trim()
      .max(APP_NAME_MAX_LENGTH, { error: `Keep the name under ${APP_NAME_MAX_LENGTH} characters.` })
      .refine((value) => !/[\r\n<>]/.test(value), { error: 'Use letters, numbers and spaces for the name.' })
      .default(''),
  })
  .refine((value) => (value.quietStart === '') === (value.quietEnd === ''), { error: 'Give both a start and an end for quiet hours, or neither.', path: ['quietEnd'] });

export type NoticePreferencesInput = z.input<typeof noticePreferencesInputSchema>;

export async function saveNoticePreferences(db: Database, userId: string, input: unknown): Promise<NoticePreferences> {
  const parsed = noticePreferencesInputSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0] ?? 'form')] ??= []).push(issue.message);
    throw invalidInput(parsed.error.issues[0]?.message ?? 'Those settings could not be saved.', fieldErrors);
  }
  const v = parsed.data;
  const values = {
    kinds: { email: onlyKnownKinds(v.email), push: onlyKnownKinds(v.push) },
    quietStart: v.quietStart === '' ? null : parseClockTime(v.quietStart),
    quietEnd: v.quietEnd === '' ? null : parseClockTime(v.quietEnd),
    timeZone: v.timeZone,
    appName: v.appName === '' ? DEFAULT_APP_NAME : v.appName,
    updatedAt: new Date(),
  };
  await db
    .insert(noticePreferences)
    .values({ userId, ...values })
    .onConflictDoUpdate({ target: noticePreferences.userId, set: values });
  return getNoticePreferences(db, userId);
}

/* ---------- Unsubscribe ---------- */

export function unsubscribeToken(authSecret: string, userId: string): string {
  return createHmac('sha256', authSecret).update(`mend-unsubscribe:${userId}`).digest('base64url');
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Called before an email goes out: makes sure the link it carries works. */
export async function ensureUnsubscribeToken(db: Executor, authSecret: string, userId: string): Promise<string> {
  const token = unsubscribeToken(authSecret, userId);
  await db
    .insert(noticePreferences)
    .values({ userId, unsubscribeTokenHash: hashToken(token) })
    .onConflictDoUpdate({ target: noticePreferences.userId, set: { unsubscribeTokenHash: hashToken(token) } });
  return token;
}

/** Whether a token from an email link is one Mend issued (for the confirm page). */
export async function isKnownUnsubscribeToken(db: Executor, token: string): Promise<boolean> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return false;
  const [row] = await db.select({ userId: noticePreferences.userId }).from(noticePreferences).where(eq(noticePreferences.unsubscribeTokenHash, hashToken(token))).limit(1);
  return Boolean(row);
}

/** One click from an email: every kind off, on every channel. Returns false for a token Mend does not know. */
export async function unsubscribeWithToken(db: Executor, token: string): Promise<boolean> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return false;
  const updated = await db
    .update(noticePreferences)
    .set({ kinds: { email: [], push: [] }, updatedAt: new Date() })
    .where(eq(noticePreferences.unsubscribeTokenHash, hashToken(token)))
    .returning({ userId: noticePreferences.userId });
  return updated.length > 0;
}
