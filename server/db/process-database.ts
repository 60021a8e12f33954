/**
 * The database handle of this process. The server entry opens it once; Next's route handlers and
 * server actions run in the same process but as separately bundled modules, so the handle lives on
 * globalThis rather than in a module variable (otherwise two PGlite instances would open one data dir).
 */
import type { Database, DatabaseHandle } from './database';

const KEY = Symbol.for('mend.database');
type Holder = { [KEY]?: DatabaseHandle };

export function setProcessDatabase(handle: DatabaseHandle | undefined): void {
  (globalThis as Holder)[KEY] = handle;
}

export function getProcessDatabaseHandle(): DatabaseHandle {
  const handle = (globalThis as Holder)[KEY];
  if (!handle) {
    throw new Error('The database is not open. Start Mend with `npm start` (server/main.ts), not `next start`.');
  }
  return handle;
}

export function getDb(): Database {
  return getProcessDatabaseHandle().db;
}
