import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { listDocumentUpdates, loadDocumentState } from '../../../server/documents/document-store';
import { defaultPersistenceTiming } from '../../../server/documents/persistence-scheduler';
import { findRoomSlot } from '../../../server/realtime/yjs/room-registry';
import { makeCouple } from '../../support/fixtures';
import { testDatabaseKinds, useTestDatabase } from '../../support/use-test-database';
import { connectClient, documentToken, makeDocument, sleep, useRealtimeServer, waitFor } from './realtime-harness';

describe.each(testDatabaseKinds())('when the database refuses writes, on %s', (kind) => {
  const t = useTestDatabase(kind);
  const realtime = useRealtimeServer(t, { timing: { ...defaultPersistenceTiming, retryBaseMs: 50, retryMaxMs: 200 } });

  it('keeps every update in memory, retries, and writes them all once the database recovers', async () => {
    const { alex, sam, space } = await makeCouple(t.db);
    const documentId = await makeDocument(t.db, { spaceId: space.id, createdBy: alex.id });
    const a = connectClient(realtime.wsOrigin, documentId, await documentToken(alex.id, documentId));
    const b = connectClient(realtime.wsOrigin, documentId, await documentToken(sam.id, documentId));
    realtime.clients.push(a, b);
    await Promise.all([a.synced, b.synced]);

    // A real refusal from the database itself: every new row now violates a constraint.
    await t.db.execute(sql`alter table document_updates add constraint outage_for_test check (false) not valid`);
    try {
      for (let i = 0; i < 20; i++) a.text.insert(a.text.length, `line ${i}. `);
      // Editing goes on for both people meanwhile.
      await waitFor(() => b.text.toString() === a.text.toString(), 5000, 'partner to see the edits');
      await sleep(800);
      expect(await listDocumentUpdates(t.db, documentId)).toHaveLength(0);
      expect(realtime.logs.some((line) => line.includes(`saving document ${documentId} failed`) && line.includes('kept in memory'))).toBe(true);
      // Everyone leaves: the document must stay in memory rather than unload with unsaved changes.
      a.destroy();
      b.destroy();
      await sleep(500);
      expect(findRoomSlot(documentId)?.room?.loaded).toBe(true);
    } finally {
      await t.db.execute(sql`alter table document_updates drop constraint if exists outage_for_test`);
    }
    await waitFor(() => findRoomSlot(documentId) === undefined, 5000, 'the room to write everything and unload');
    expect(await listDocumentUpdates(t.db, documentId)).toHaveLength(20);
    const { state } = await loadDocumentState(t.db, documentId);
    const stored = new Y.Doc();
    Y.applyUpdate(stored, state);
    expect(stored.getText('body').toString()).toBe(Array.from({ length: 20 }, (_, i) => `line ${i}. `).join(''));
  });
});
