import { afterAll, beforeAll } from 'vitest';
import type { Database, DatabaseHandle, DatabaseKind } from '../../server/db/database';
import { createTestDatabase } from './test-database';

export { testDatabaseKinds } from './test-database';

/** A fresh database for the enclosing describe block, opened before its tests and dropped after. */
export function useTestDatabase(kind: DatabaseKind): { readonly db: Database; readonly handle: DatabaseHandle } {
  let handle: DatabaseHandle | undefined;
  beforeAll(async () => {
    handle = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await handle?.close();
  });
  return {
    get db() {
      if (!handle) throw new Error('test database not open yet');
      return handle.db;
    },
    get handle() {
      if (!handle) throw new Error('test database not open yet');
      return handle;
    },
  };
}
