/**
 * `npm test`: type-check, unit and integration tests (vitest), then browser tests (Playwright).
 * Integration tests run on embedded PGlite always, and on PostgreSQL too when TEST_DATABASE_URL is set.
 * Prints one closing line: "tests: N passed, N failed, N skipped".
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { chromiumAvailable, howToGetChromium } from './support/chromium';
import { projectRoot } from './support/mend-process';

const bin = (name: string) => path.join(projectRoot, 'node_modules', '.bin', name);
const extraArgs = process.argv.slice(2);
const started = Date.now();
let failed = false;
const totals = { passed: 0, failed: 0, skipped: 0 };

function run(label: string, command: string, args: string[]): boolean {
  console.log(`\n── ${label} ──`);
  const result = spawnSync(command, args, { cwd: projectRoot, stdio: 'inherit', env: process.env });
  return result.status === 0;
}

rmSync(path.join(projectRoot, 'test-results'), { recursive: true, force: true });
mkdirSync(path.join(projectRoot, 'test-results'), { recursive: true });

if (!run('Type check', bin('tsc'), ['--noEmit', '-p', '.'])) {
  failed = true;
  totals.failed += 1;
}

const vitestJson = path.join(projectRoot, 'test-results', 'vitest-results.json');
const vitestOk = run('Unit and integration tests' + (process.env.TEST_DATABASE_URL ? ' (PGlite and PostgreSQL)' : ' (PGlite)'), bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestJson}`,
  ...extraArgs,
]);
if (existsSync(vitestJson)) {
  const report = JSON.parse(readFileSync(vitestJson, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
  totals.skipped += report.numPendingTests + report.numTodoTests;
}
if (!vitestOk) {
  failed = true;
  if (totals.failed === 0) totals.failed += 1;
}

if (process.env.MEND_SKIP_E2E === '1') {
  console.log('\nBrowser tests skipped (MEND_SKIP_E2E=1).');
} else if (!chromiumAvailable() && process.env.CI !== 'true') {
  console.log(`\n${howToGetChromium}`);
} else {
  const e2eJson = path.join(projectRoot, 'test-results', 'e2e-results.json');
  const e2eOk = run('Browser tests (Chromium)', bin('playwright'), ['test']);
  if (existsSync(e2eJson)) {
    const report = JSON.parse(readFileSync(e2eJson, 'utf8')) as { stats: { expected: number; unexpected: number; skipped: number; flaky: number } };
    totals.passed += report.stats.expected + report.stats.flaky;
    totals.failed += report.stats.unexpected;
    totals.skipped += report.stats.skipped;
  }
  if (!e2eOk) {
    failed = true;
    if (!existsSync(e2eJson)) totals.failed += 1;
  }
}

console.log(`\nFinished in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failed ? 1 : 0);
