/**
 * `npm start` builds the web app when there is no build, or when the sources changed since the last
 * one (a stamp of their contents is kept next to the build), so the first command on a fresh clone
 * just works and a stale build is never served.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const INPUTS = ['app', 'server', 'drizzle', 'public', 'next.config.js', 'package-lock.json', 'tsconfig.json'];

export function sourceStamp(root: string): string {
  const hash = createHash('sha256');
  const walk = (entry: string) => {
    const full = path.join(root, entry);
    if (!existsSync(full)) return;
    const stats = statSync(full);
    if (stats.isDirectory()) {
      for (const child of readdirSync(full).sort()) walk(path.join(entry, child));
    } else {
      hash.update(entry).update('\0').update(readFileSync(full)).update('\0');
    }
  };
  INPUTS.forEach(walk);
  return hash.digest('hex');
}

export function buildIfNeeded(root: string, log: (line: string) => void = console.log): void {
  const stampFile = path.join(root, '.next', 'mend-source-stamp');
  const stamp = sourceStamp(root);
  const built = existsSync(path.join(root, '.next', 'BUILD_ID'));
  if (built && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return;
  log(built ? 'Sources changed since the last build: building the web app…' : 'No build yet: building the web app (about a minute)…');
  const started = Date.now();
  const result = spawnSync(path.join(root, 'node_modules', '.bin', 'next'), ['build'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) throw new Error('The web app failed to build; see the output above.');
  writeFileSync(stampFile, stamp);
  log(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}
