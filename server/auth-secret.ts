/**
 * The secret that signs session cookies and realtime tokens. With none configured, the first start
 * generates one and keeps it in the data directory (owner-only), so a new user needs no setup and
 * sessions survive restarts. A production deployment on PostgreSQL must configure its own: a data
 * directory there is usually not durable, and a secret that changes on every deploy signs everyone out.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, type Config } from './config';

export type SecretSource = 'environment' | 'data-dir' | 'generated';

export function resolveAuthSecret(config: Config): { secret: string; source: SecretSource; file?: string } {
  if (config.authSecret) return { secret: config.authSecret, source: 'environment' };
  if (config.production && config.databaseUrl) {
    throw new ConfigError(
      'Mend cannot start: AUTH_SECRET is not set. In production with DATABASE_URL, set AUTH_SECRET to a random ' +
        'string of at least 32 characters (for example: `openssl rand -base64 48`).',
    );
  }
  const file = path.join(config.dataDir, 'auth-secret');
  if (existsSync(file)) {
    const secret = readFileSync(file, 'utf8').trim();
    if (secret.length >= 32) return { secret, source: 'data-dir', file };
  }
  mkdirSync(config.dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return { secret, source: 'generated', file };
}
