/**
 * GET /api/push/key → { publicKey }: the VAPID public key a browser subscribes with
 * (pushManager.subscribe's applicationServerKey). Public by nature: push services check that
 * notices are signed by its private half, which never leaves the server.
 */
import { resolveVapidKeys } from '@/server/notices/vapid-keys';
import { jsonOk } from '../../../_lib/json-response';

export function GET(): Response {
  return jsonOk({ publicKey: resolveVapidKeys().publicKey });
}
