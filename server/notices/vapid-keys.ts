/**
 * The VAPID key pair that identifies this Mend to browsers' push services (RFC 8292). Like the auth
 * secret (server/auth-secret.ts), the first start generates one and keeps it in the data directory
 * (owner-only), so push works with no setup and subscriptions survive restarts: a browser's
 * subscription is bound to the public key it was made with, so a new key pair silently orphans
 * every device. Deployments whose data directory is not durable (several instances on PostgreSQL)
 * set MEND_VAPID_PUBLIC_KEY and MEND_VAPID_PRIVATE_KEY instead.
 *
 * Route handlers and the custom server are different module instances in one process, so the
 * resolved pair is kept on globalThis.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import webPush from 'web-push';

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  subject: string;
}

export const DEFAULT_VAPID_SUBJECT = 'mailto:mend@localhost';

const KEY = Symbol.for('mend.vapid-keys');

function dataDir(env: Record<string, string | undefined>): string {
  // A runtime path, not a build input: without the hint Turbopack traces the whole project.
  return path.resolve(/* turbopackIgnore: true */ env.MEND_DATA_DIR?.trim() || '.data');
}

/** Why the push settings cannot work, in words for the person starting Mend; undefined when fine. */
export function vapidConfigProblem(env: Record<string, string | undefined> = process.env): string | undefined {
  const subject = env.MEND_VAPID_SUBJECT?.trim();
  if (subject && !/^(mailto:[^@\s]+@[^@\s]+|https:\/\/\S+)$/.test(subject)) {
    return 'MEND_VAPID_SUBJECT must be a mailto: address or an https:// URL where push services can reach you.';
  }
  if (Boolean(env.MEND_VAPID_PUBLIC_KEY?.trim()) !== Boolean(env.MEND_VAPID_PRIVATE_KEY?.trim())) {
    return 'Set both MEND_VAPID_PUBLIC_KEY and MEND_VAPID_PRIVATE_KEY, or neither (Mend then keeps a pair in its data directory).';
  }
  return undefined;
}

export function resolveVapidKeys(env: Record<string, string | undefined> = process.env): VapidKeys {
  const holder = globalThis as { [KEY]?: VapidKeys };
  if (holder[KEY]) return holder[KEY];
  const subject = env.MEND_VAPID_SUBJECT?.trim() || DEFAULT_VAPID_SUBJECT;
  const fromEnv = { publicKey: env.MEND_VAPID_PUBLIC_KEY?.trim(), privateKey: env.MEND_VAPID_PRIVATE_KEY?.trim() };
  if (fromEnv.publicKey && fromEnv.privateKey) {
    holder[KEY] = { publicKey: fromEnv.publicKey, privateKey: fromEnv.privateKey, subject };
    return holder[KEY];
  }
  const dir = dataDir(env);
  const file = path.join(dir, 'vapid-keys.json');
  if (existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<VapidKeys>;
    if (stored.publicKey && stored.privateKey) {
      holder[KEY] = { publicKey: stored.publicKey, privateKey: stored.privateKey, subject };
      return holder[KEY];
    }
  }
  mkdirSync(dir, { recursive: true });
  const generated = webPush.generateVAPIDKeys();
  writeFileSync(file, `${JSON.stringify({ publicKey: generated.publicKey, privateKey: generated.privateKey })}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  console.log(`Generated push (VAPID) keys and saved them to ${file} (readable by you only).`);
  holder[KEY] = { ...generated, subject };
  return holder[KEY];
}
