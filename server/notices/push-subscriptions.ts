/**
 * A person's devices that receive push notices (push_subscriptions). The endpoint is a URL of the
 * browser's push service; Mend will later POST to it, so it must be https (a push service never
 * speaks plain http). Tests stand in for a push service on a loopback http address, allowed only
 * with MEND_PUSH_ALLOW_LOOPBACK_HTTP=1 together with MEND_TEST_MODE=1 (Mend refuses to start with
 * the first alone).
 */
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { pushSubscriptions } from '../../drizzle/schema';
import type { Executor } from '../db/database';
import { invalidInput } from '../domain/errors';

function loopbackHttpAllowed(env: Record<string, string | undefined>): boolean {
  return env.MEND_PUSH_ALLOW_LOOPBACK_HTTP === '1' && env.MEND_TEST_MODE === '1';
}

/** A test-only setting on a server without MEND_TEST_MODE is a mistake worth stopping for. */
export function pushEndpointConfigProblem(env: Record<string, string | undefined> = process.env): string | undefined {
  if (env.MEND_PUSH_ALLOW_LOOPBACK_HTTP && env.MEND_TEST_MODE !== '1') {
    return 'MEND_PUSH_ALLOW_LOOPBACK_HTTP is for test runs only (with MEND_TEST_MODE=1). Remove it.';
  }
  return undefined;
}

function endpointProblem(value: string, env: Record<string, string | undefined>): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'The push endpoint must be a web address.';
  }
  if (url.protocol === 'https:') return undefined;
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol === 'http:' && loopback && loopbackHttpAllowed(env)) return undefined;
  return 'The push endpoint must be an https address.';
}

const base64url = (bytes: number, what: string) =>
  z
    .string({ error: `The subscription has no ${what} key.` })
    .regex(/^[A-Za-z0-9_-]+={0,2}$/, { error: `The subscription's ${what} key is not base64url.` })
    .refine((value) => Buffer.from(value, 'base64url').length === bytes, { error: `The subscription's ${what} key has the wrong length.` });

/** What PushSubscription.toJSON() gives in the browser. */
export const pushSubscriptionInputSchema = z.object({
  endpoint: z.string({ error: 'The subscription has no endpoint.' }).max(2048, { error: 'The push endpoint is too long.' }),
  keys: z.object({ p256dh: base64url(65, 'p256dh'), auth: base64url(16, 'auth') }, { error: 'The subscription has no keys.' }),
});

export async function savePushSubscription(
  db: Executor,
  userId: string,
  input: unknown,
  options: { userAgent?: string; env?: Record<string, string | undefined> } = {},
): Promise<{ id: string; endpoint: string }> {
  const parsed = pushSubscriptionInputSchema.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error.issues[0]?.message ?? 'That push subscription is not valid.');
  const problem = endpointProblem(parsed.data.endpoint, options.env ?? process.env);
  if (problem) throw invalidInput(problem);
  const values = { userId, endpoint: parsed.data.endpoint, p256dh: parsed.data.keys.p256dh, auth: parsed.data.keys.auth, userAgent: (options.userAgent ?? '').slice(0, 300) };
  // One endpoint is one browser profile: if another account subscribed it before, it is this person's now.
  const [row] = await db
    .insert(pushSubscriptions)
    .values(values)
    .onConflictDoUpdate({ target: pushSubscriptions.endpoint, set: { userId, p256dh: values.p256dh, auth: values.auth, userAgent: values.userAgent } })
    .returning({ id: pushSubscriptions.id, endpoint: pushSubscriptions.endpoint });
  return row!;
}

export async function removePushSubscription(db: Executor, userId: string, endpoint: string): Promise<boolean> {
  const removed = await db
    .delete(pushSubscriptions)
    .where(and(eq(pushSubscriptions.userId, userId), eq(pushSubscriptions.endpoint, endpoint)))
    .returning({ id: pushSubscriptions.id });
  return removed.length > 0;
}

export async function listPushSubscriptions(db: Executor, userId: string) {
  return db.select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, userId));
}
