/**
 * Starts one Mend process for the browser tests: on a fresh PostgreSQL database when
 * TEST_DATABASE_URL is set (as in CI), otherwise on a fresh embedded PGlite data directory.
 * Its URL reaches the tests as MEND_E2E_BASE_URL; everything is removed afterwards.
 * Conversation pauses last 6 seconds here instead of 20 minutes, so a whole session fits in a test
 * (MEND_TEST_MODE=1 says this is a test run; without it Mend refuses the shorter pause);
 * tests/e2e/conversations.spec.ts also starts a server with the default to show the 20 minutes hold.
 */
import { buildIfNeeded } from '../../server/build-if-needed';
import { startMendProcess, projectRoot } from '../support/mend-process';
import { createTestDatabaseUrl } from '../support/test-database';

export default async function globalSetup(): Promise<() => Promise<void>> {
  buildIfNeeded(projectRoot);
  const database = process.env.TEST_DATABASE_URL ? await createTestDatabaseUrl() : null;
  const mend = await startMendProcess({ databaseUrl: database?.url, env: { MEND_QUICK_EXIT_URL: 'about:blank#left-mend', MEND_PAUSE_MINIMUM_SECONDS: '6', MEND_SIGN_UPS_PER_HOUR: '10000', MEND_TEST_MODE: '1', ...(process.env.MEND_E2E_ENV ? JSON.parse(process.env.MEND_E2E_ENV) : {}) } });
  process.env.MEND_E2E_BASE_URL = mend.url;
  console.log(`E2E: Mend at ${mend.url} on ${database ? 'PostgreSQL' : 'PGlite'}`);
  return async () => {
    await mend.stop();
    await database?.drop();
  };
}
