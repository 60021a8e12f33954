import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveAuthSecret } from '../../../server/auth-secret';
import { ConfigError, readConfig } from '../../../server/config';

const dirs: string[] = [];
function tempDir() {
  const dir = mkdtempSync(path.join(tmpdir(), 'mend-config-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('configuration', () => {
  it('defaults to port 3000 and a .data directory', () => {
    const config = readConfig({});
    expect(config.port).toBe(3000);
    expect(config.dataDir).toBe(path.resolve('.data'));
    expect(config.databaseUrl).toBeUndefined();
  });

  it('runs as one process with no Redis unless REDIS_URL is set, and then only on PostgreSQL', () => {
    expect(readConfig({})).toMatchObject({ redisUrl: undefined, redisPrefix: 'mend:' });
    expect(readConfig({ REDIS_URL: '' }).redisUrl).toBeUndefined();
    const several = readConfig({ REDIS_URL: 'redis://cache:6379', DATABASE_URL: 'postgres://db/mend', MEND_REDIS_PREFIX: 'mend-prod:' });
    expect(several).toMatchObject({ redisUrl: 'redis://cache:6379', redisPrefix: 'mend-prod:' });
    expect(() => readConfig({ REDIS_URL: 'redis://cache:6379' })).toThrow(/REDIS_URL is set .* but DATABASE_URL is not/);
    expect(() => readConfig({ REDIS_URL: 'http://cache', DATABASE_URL: 'postgres://db/mend' })).toThrow(/REDIS_URL must start with redis:\/\//);
    expect(() => readConfig({ MEND_REDIS_PREFIX: 'has space' })).toThrow(/MEND_REDIS_PREFIX/);
  });

  it('explains what is wrong with a bad value', () => {
    expect(() => readConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => readConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL must start with postgres/);
  });
});

describe('auth secret', () => {
  it('is generated on first start, kept owner-only, and reused', () => {
    const dataDir = tempDir();
    const first = resolveAuthSecret(readConfig({ MEND_DATA_DIR: dataDir }));
    expect(first.source).toBe('generated');
    expect(first.secret.length).toBeGreaterThanOrEqual(32);
    expect(statSync(first.file!).mode & 0o777).toBe(0o600);
    expect(readFileSync(first.file!, 'utf8').trim()).toBe(first.secret);
    const second = resolveAuthSecret(readConfig({ MEND_DATA_DIR: dataDir }));
    expect(second).toMatchObject({ source: 'data-dir', secret: first.secret });
  });

  it('comes from AUTH_SECRET when set', () => {
    const secret = 'x'.repeat(40);
    expect(resolveAuthSecret(readConfig({ AUTH_SECRET: secret, MEND_DATA_DIR: tempDir() }))).toMatchObject({ source: 'environment', secret });
  });

  it('is required in production on PostgreSQL, with a clear message', () => {
    const config = readConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/mend', MEND_DATA_DIR: tempDir() });
    expect(() => resolveAuthSecret(config)).toThrow(/AUTH_SECRET is not set/);
  });
});
