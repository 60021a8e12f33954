/**
 * Starts Mend as a real process (`server/main.ts`) on a free port with its own database, for
 * end-to-end tests and benchmarks, and stops it by its own pid.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface MendProcess {
  url: string;
  child: ChildProcess;
  dataDir: string;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function startMendProcess(options: { databaseUrl?: string; dataDir?: string; env?: Record<string, string>; timeoutMs?: number } = {}): Promise<MendProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'mend-data-'));
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'server', 'main.ts')], {
    cwd: projectRoot,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      MEND_DATA_DIR: dataDir,
      DATABASE_URL: options.databaseUrl ?? '',
      AUTH_SECRET: process.env.AUTH_SECRET || randomBytes(32).toString('base64url'),
      NODE_ENV: 'production',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout!.on('data', (chunk) => (log += chunk));
  child.stderr!.on('data', (chunk) => (log += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Mend did not start in time:\n${log}`)), options.timeoutMs ?? 180_000);
    const onData = () => {
      const match = /Mend is running at (http:\/\/\S+)/.exec(log);
      if (match) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Mend exited with code ${code} before starting:\n${log}`));
    });
  });
  return {
    url,
    child,
    dataDir,
    output: () => log,
    stop(signal: NodeJS.Signals = 'SIGTERM') {
      return new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
        const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
        child.once('exit', (code) => {
          clearTimeout(killer);
          if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
          resolve(code);
        });
        child.kill(signal);
      });
    },
  };
}
