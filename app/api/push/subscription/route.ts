/**
 * POST   /api/push/subscription  { endpoint, keys: { p256dh, auth } } → 201 { endpoint }
 * DELETE /api/push/subscription  { endpoint }                          → 200 { removed }
 * GET    /api/push/subscription?endpoint=…                            → 200 { subscribed }
 *
 * This device's push subscription for the signed-in person (server/notices/push-subscriptions.ts).
 * 401 when not signed in. Only Mend's own pages may call it (same-origin), and bodies are JSON, so
 * another site cannot subscribe a device to someone's notices.
 */
import { z } from 'zod';
import { getDb } from '@/server/db/process-database';
import { listPushSubscriptions, removePushSubscription, savePushSubscription } from '@/server/notices/push-subscriptions';
import { getViewerSession } from '../../../_lib/viewer';
import { jsonError, jsonFromError, jsonOk } from '../../../_lib/json-response';
import { comesFromMendItself } from '../../../_lib/same-origin';

async function readJson(request: Request): Promise<unknown> {
  if (!(request.headers.get('content-type') ?? '').includes('application/json')) return undefined;
  try {
    return await request.json();
  } catch {
    return undefined;
  }
}

export async function GET(request: Request): Promise<Response> {
  const session = await getViewerSession();
  if (!session) return jsonError(401, 'Please sign in to continue.');
  const endpoint = new URL(request.url).searchParams.get('endpoint') ?? '';
  const mine = await listPushSubscriptions(getDb(), session.userId);
  return jsonOk({ subscribed: mine.some((row) => row.endpoint === endpoint), devices: mine.length });
}

export async function POST(request: Request): Promise<Response> {
  if (!comesFromMendItself(request)) return jsonError(403, 'Notices can only be turned on from Mend’s own pages.');
  const session = await getViewerSession();
  if (!session) return jsonError(401, 'Please sign in to continue.');
  const body = await readJson(request);
  if (body === undefined) return jsonError(400, 'Send the subscription as JSON.');
  try {
    const saved = await savePushSubscription(getDb(), session.userId, body, { userAgent: request.headers.get('user-agent') ?? '' });
    return jsonOk({ endpoint: saved.endpoint }, 201);
  } catch (error) {
    return jsonFromError(error);
  }
}

const removeSchema = z.object({ endpoint: z.string().min(1).max(2048) });

export async function DELETE(request: Request): Promise<Response> {
  if (!comesFromMendItself(request)) return jsonError(403, 'Notices can only be turned off from Mend’s own pages.');
  const session = await getViewerSession();
  if (!session) return jsonError(401, 'Please sign in to continue.');
  const parsed = removeSchema.safeParse(await readJson(request));
  if (!parsed.success) return jsonError(400, 'Send the endpoint to remove as JSON: { "endpoint": "…" }.');
  const removed = await removePushSubscription(getDb(), session.userId, parsed.data.endpoint);
  return jsonOk({ removed });
}
