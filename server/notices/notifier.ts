/**
 * The notifier: turns what happens in a space into discreet notices for the partner, by email and
 * by push, as each person chose (notice-preferences.ts).
 *
 * It hears the live events every feature already publishes after its change commits
 * (server/events/live-events.ts), decides who should hear about it (only the partner of the person
 * who acted, never the actor; only members of an open space), and records a notice_deliveries row.
 * Rows are then sent by `deliverDue`, right away and on a small timer: a row is not sent during the
 * person's quiet hours, and waits in the database until they end, so a restart loses nothing.
 *
 * At most one notice per person, kind and channel in NOTICE_WINDOW_MS: later events of the same kind
 * inside the window are folded into the notice already sent or waiting (a digest, not a stream).
 * Reminders (a planned conversation about to start, a pause's agreed return time near) have no
 * actor: both participants may get them, found by `remindAboutConversations` on the same timer.
 */
import { and, eq, gt, isNull, ne, or, sql } from 'drizzle-orm';
import webPush from 'web-push';
import { conversations, noticeDeliveries, pushSubscriptions, spaceMembers, spaces, users } from '../../drizzle/schema';
import type { Database } from '../db/database';
import { loadConversation } from '../domain/conversations/load-conversation';
import { onLiveEvent, type LiveEvent } from '../events/live-events';
import { sendMail } from '../mail';
import { noticeEmail, noticePush } from './notice-content';
import { NOTICE_WINDOW_MS, type NoticeChannel, type NoticeKind } from './notice-kinds';
import { ensureUnsubscribeToken, getNoticePreferences, wantsNotice } from './notice-preferences';
import { isQuietTime } from './quiet-hours';
import { resolveVapidKeys } from './vapid-keys';

/** How long before a planned conversation, or an agreed return from a pause, the reminder goes. */
export const REMINDER_LEAD_MS = 15 * 60 * 1000;
/** A notice that could not go for a day (quiet hours all day, mail down) is dropped: it would only be noise. */
const STALE_AFTER_MS = 24 * 60 * 60 * 1000;
const PUSH_TTL_SECONDS = 12 * 60 * 60;

export interface NotifierOptions {
  db: Database;
  /** Derives the unsubscribe token (notice-preferences.ts). */
  authSecret: string;
  /** The app's address for links, without a trailing slash. */
  baseUrl: () => string;
  now?: () => number;
  /** Read for SMTP_URL, MEND_MAIL_FROM, MEND_DATA_DIR and the push settings; tests pass their own. */
  env?: Record<string, string | undefined>;
  log?: (line: string) => void;
  /** How often waiting notices and reminders are looked at. */
  tickMs?: number;
}

export interface Notifier {
  start(): void;
  stop(): Promise<void>;
  /** Runs the timer's work once (reminders, then everything due); tests call it after moving the clock. */
  tick(): Promise<void>;
  /** Resolves when the work started by events so far has finished. */
  idle(): Promise<void>;
}

/** Which kind a live event is, and who acted; null for events that never make a notice. */
export function noticeKindOf(event: LiveEvent): { kind: NoticeKind; actorId: string } | null {
  if (event.audience !== 'space' || !event.spaceId) return null;
  const p = event.payload;
  const actor = (value: unknown) => (typeof value === 'string' && value ? value : null);
  const by = (kind: NoticeKind, actorId: string | null) => (actorId ? { kind, actorId } : null);
  switch (event.event) {
    case 'note-shared':
      return by('note-shared', actor(p.actorId));
    case 'version-proposed':
      return by('version-to-sign', actor(p.by));
    case 'amend-offered':
      return by('amend-offered', actor(p.actorId));
    case 'commitment-check-ins-revealed':
      return by('check-in-waiting', actor(p.actorId));
    case 'conversation-proposed':
    case 'conversation-time-proposed':
      return by('conversation-proposed', actor(p.actorId));
    default:
      return null;
  }
}

/** The other members of an open space (never the actor, never a closed space or a deleted account). */
async function partnersOf(db: Database, spaceId: string, actorId: string): Promise<string[]> {
  const rows = await db
    .select({ userId: spaceMembers.userId })
    .from(spaceMembers)
    .innerJoin(spaces, eq(spaces.id, spaceMembers.spaceId))
    .innerJoin(users, eq(users.id, spaceMembers.userId))
    .where(and(eq(spaceMembers.spaceId, spaceId), isNull(spaces.closedAt), isNull(spaceMembers.endedAt), isNull(users.deletedAt), ne(spaceMembers.userId, actorId)));
  return rows.map((row) => row.userId);
}

async function isOpenMember(db: Database, spaceId: string, userId: string): Promise<boolean> {
  const rows = await partnersOf(db, spaceId, '00000000-0000-0000-0000-000000000000');
  return rows.includes(userId);
}

/**
 * Records a notice for one person, kind and channel unless they did not ask for it, or one is
 * already waiting or was sent within the window. Returns whether a row was recorded.
 */
export async function recordNotice(db: Database, userId: string, kind: NoticeKind, channel: NoticeChannel, now: Date, since?: Date): Promise<boolean> {
  const prefs = await getNoticePreferences(db, userId);
  if (!wantsNotice(prefs, kind, channel)) return false;
  if (channel === 'push') {
    const [device] = await db.select({ id: pushSubscriptions.id }).from(pushSubscriptions).where(eq(pushSubscriptions.userId, userId)).limit(1);
    if (!device) return false;
  }
  const windowStart = new Date(now.getTime() - NOTICE_WINDOW_MS);
  const [recent] = await db
    .select({ id: noticeDeliveries.id })
    .from(noticeDeliveries)
    .where(
      and(
        eq(noticeDeliveries.userId, userId),
        eq(noticeDeliveries.kind, kind),
        eq(noticeDeliveries.channel, channel),
        or(isNull(noticeDeliveries.sentAt), gt(noticeDeliveries.sentAt, windowStart), since ? gt(noticeDeliveries.createdAt, since) : undefined),
      ),
    )
    .limit(1);
  if (recent) return false;
  await db.insert(noticeDeliveries).values({ userId, kind, channel, createdAt: now });
  return true;
}

export function createNotifier(options: NotifierOptions): Notifier {
  const { db } = options;
  const now = options.now ?? (() => Date.now());
  const env = options.env ?? process.env;
  const log = options.log ?? ((line: string) => console.log(line));
  const tickMs = options.tickMs ?? 60_000;
  const inFlight = new Set<Promise<unknown>>();
  let timer: NodeJS.Timeout | undefined;
  let stopListening: (() => void) | undefined;
  let delivering: Promise<void> | null = null;
  let deliverAgain = false;

  function track(work: Promise<unknown>): void {
    const tracked = work.catch((error) => log(`notices: ${(error as Error)?.stack ?? error}`)).finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  }

  async function onEvent(event: LiveEvent): Promise<void> {
    const decided = noticeKindOf(event);
    if (!decided || !event.spaceId) return;
    const at = new Date(now());
    let recorded = false;
    for (const userId of await partnersOf(db, event.spaceId, decided.actorId)) {
      for (const channel of ['email', 'push'] as const) {
        if (await recordNotice(db, userId, decided.kind, channel, at)) recorded = true;
      }
    }
    if (recorded) await deliverDue();
  }

  /** Reminders have no actor: each participant of a planned conversation or an agreed pause may get one. */
  async function remindAboutConversations(): Promise<boolean> {
    const t = now();
    let recorded = false;
    const open = await db.select().from(conversations).where(isNull(conversations.endedAt));
    for (const row of open) {
      const { state } = await loadConversation(db, row, t);
      const reminders: { kind: NoticeKind; at: number }[] = [];
      if (state.phase === 'scheduled' && state.scheduledFor !== null) reminders.push({ kind: 'conversation-reminder', at: state.scheduledFor });
      if (state.pause && state.pause.returnAgreed && state.pause.endedAt === null) reminders.push({ kind: 'pause-return-near', at: state.pause.returnAt });
      for (const reminder of reminders) {
        if (reminder.at <= t || reminder.at - t > REMINDER_LEAD_MS) continue;
        for (const userId of state.participants) {
          if (!(await isOpenMember(db, row.spaceId, userId))) continue;
          // `since`: one reminder per planned time, even when two are planned within the window.
          for (const channel of ['email', 'push'] as const) {
            if (await recordNotice(db, userId, reminder.kind, channel, new Date(t), new Date(reminder.at - REMINDER_LEAD_MS))) recorded = true;
          }
        }
      }
    }
    return recorded;
  }

  /** Sends every waiting notice that may go now. One run at a time; a call during a run asks for another. */
  function deliverDue(): Promise<void> {
    if (delivering) {
      deliverAgain = true;
      return delivering;
    }
    delivering = (async () => {
      do {
        deliverAgain = false;
        await deliverOnce();
      } while (deliverAgain);
    })().finally(() => {
      delivering = null;
    });
    return delivering;
  }

  async function deliverOnce(): Promise<void> {
    const at = new Date(now());
    const waiting = await db.select().from(noticeDeliveries).where(isNull(noticeDeliveries.sentAt)).orderBy(noticeDeliveries.createdAt).limit(200);
    for (const row of waiting) {
      const prefs = await getNoticePreferences(db, row.userId);
      const kind = row.kind as NoticeKind;
      if (!wantsNotice(prefs, kind, row.channel) || at.getTime() - row.createdAt.getTime() > STALE_AFTER_MS) {
        await db.delete(noticeDeliveries).where(eq(noticeDeliveries.id, row.id));
        continue;
      }
      if (isQuietTime(prefs, at)) continue;
      // Claim the row before sending, so two runs (or two instances) never send it twice.
      const claimed = await db
        .update(noticeDeliveries)
        .set({ sentAt: at })
        .where(and(eq(noticeDeliveries.id, row.id), isNull(noticeDeliveries.sentAt)))
        .returning({ id: noticeDeliveries.id });
      if (!claimed.length) continue;
      // Two events at the same moment may both have recorded a row: only one of them goes.
      const [alreadySent] = await db
        .select({ id: noticeDeliveries.id })
        .from(noticeDeliveries)
        .where(
          and(
            eq(noticeDeliveries.userId, row.userId),
            eq(noticeDeliveries.kind, row.kind),
            eq(noticeDeliveries.channel, row.channel),
            ne(noticeDeliveries.id, row.id),
            gt(noticeDeliveries.sentAt, new Date(at.getTime() - NOTICE_WINDOW_MS)),
          ),
        )
        .limit(1);
      if (alreadySent) {
        await db.delete(noticeDeliveries).where(eq(noticeDeliveries.id, row.id));
        continue;
      }
      try {
        if (row.channel === 'email') await sendEmailNotice(row.userId, prefs.appName);
        else await sendPushNotice(row.userId, prefs.appName);
      } catch (error) {
        // Not sent: the row waits for the next run (until it is a day old).
        await db.update(noticeDeliveries).set({ sentAt: null }).where(eq(noticeDeliveries.id, row.id));
        log(`notices: a ${row.channel} notice could not be sent and will be tried again: ${(error as Error)?.message ?? error}`);
      }
    }
  }

  async function sendEmailNotice(userId: string, appName: string): Promise<void> {
    const [user] = await db.select({ email: users.email, deletedAt: users.deletedAt }).from(users).where(eq(users.id, userId)).limit(1);
    if (!user || user.deletedAt) return;
    const token = await ensureUnsubscribeToken(db, options.authSecret, userId);
    const base = options.baseUrl();
    const email = noticeEmail(appName, { open: `${base}/`, unsubscribe: `${base}/notices/unsubscribe?token=${encodeURIComponent(token)}` });
    await sendMail({ to: user.email, subject: email.subject, text: email.text, headers: email.headers, fromName: appName }, env);
  }

  async function sendPushNotice(userId: string, appName: string): Promise<void> {
    const devices = await db.select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, userId));
    const payload = JSON.stringify(noticePush(appName, `${options.baseUrl()}/`));
    const vapid = resolveVapidKeys(env);
    for (const device of devices) {
      await sendPush(device, payload, vapid).catch((error) => log(`notices: a push notice could not be sent: ${(error as Error)?.message ?? error}`));
    }
  }

  async function sendPush(device: typeof pushSubscriptions.$inferSelect, payload: string, vapid: ReturnType<typeof resolveVapidKeys>): Promise<void> {
    // web-push encrypts (RFC 8291) and signs (RFC 8292); the request is made here so that the same
    // code reaches a real push service over https and a test's stand-in on a loopback address.
    const request = webPush.generateRequestDetails({ endpoint: device.endpoint, keys: { p256dh: device.p256dh, auth: device.auth } }, payload, {
      vapidDetails: { subject: vapid.subject, publicKey: vapid.publicKey, privateKey: vapid.privateKey },
      TTL: PUSH_TTL_SECONDS,
      urgency: 'normal',
    });
    const response = await fetch(request.endpoint, { method: request.method, headers: request.headers as Record<string, string>, body: request.body ? new Uint8Array(request.body) : undefined, signal: AbortSignal.timeout(15_000) });
    await response.arrayBuffer().catch(() => undefined);
    if (response.status === 404 || response.status === 410) {
      // The browser dropped this subscription (unsubscribed, data cleared): forget it.
      await db.delete(pushSubscriptions).where(eq(pushSubscriptions.id, device.id));
      return;
    }
    if (!response.ok) throw new Error(`the push service answered ${response.status}`);
  }

  async function tick(): Promise<void> {
    await remindAboutConversations();
    await deliverDue();
  }

  return {
    start() {
      // With several instances every one hears each event: the one where it happened records the notice.
      stopListening = onLiveEvent((event, { publishedHere }) => {
        if (publishedHere && noticeKindOf(event)) track(onEvent(event));
      });
      timer = setInterval(() => track(tick()), tickMs);
      timer.unref();
      // Notices that were waiting when the server last stopped go as soon as they may.
      track(tick());
    },
    async stop() {
      stopListening?.();
      clearInterval(timer);
      await Promise.allSettled([...inFlight]);
    },
    tick,
    async idle() {
      while (inFlight.size) await Promise.allSettled([...inFlight]);
      if (delivering) await delivering;
    },
  };
}

/** The rows of one person, newest first (tests and docs use it to show what is stored: never content). */
export async function listNoticeDeliveries(db: Database, userId: string) {
  return db.select().from(noticeDeliveries).where(eq(noticeDeliveries.userId, userId)).orderBy(sql`${noticeDeliveries.createdAt} desc`);
}
