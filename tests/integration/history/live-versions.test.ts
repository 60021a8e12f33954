/**
 * Versions and restores through a real server: the partner's socket.io client hears proposals,
 * signatures, requests for changes and restores; a stranger's client hears nothing; a restore
 * reaches an editor connected to the document room live, as a new logged edit.
 */
import { eq } from 'drizzle-orm';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreementRestorations, documentUpdates } from '../../../drizzle/schema';
import { issueRealtimeToken } from '../../../server/auth/realtime-token';
import type { MendServer } from '../../../server/http-server';
import { createAgreement } from '../../../server/domain/agreements/create-agreement';
import { canonicalText } from '../../../server/domain/history/canonical-text';
import { proposeVersion } from '../../../server/domain/versions/propose-version';
import { requestVersionChanges } from '../../../server/domain/versions/request-version-changes';
import { restoreAgreement } from '../../../server/domain/versions/restore-agreement';
import { signVersion } from '../../../server/domain/versions/sign-version';
import { createSocketIoService } from '../../../server/realtime/socket-io/socket-io-service';
import { createYjsService } from '../../../server/realtime/yjs/yjs-service';
import { makeCouple } from '../../support/fixtures';
import { connectLiveClient, startLiveServer, TEST_AUTH_SECRET, waitForEvent } from '../../support/live-clients';
import { testDatabaseKinds, useTestDatabase } from '../../support/use-test-database';

async function waitUntil(predicate: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000) {
  const started = Date.now();
  while (!(await predicate())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe.each(testDatabaseKinds())('versions live (%s)', (kind) => {
  const t = useTestDatabase(kind);
  let server: MendServer;
  beforeAll(async () => {
    server = await startLiveServer(t.handle, [createYjsService({ log: () => {} }), createSocketIoService({ log: () => {} })]);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('tells the partner, never a stranger, and restores into a connected editor as a new edit', async () => {
    const { alex, sam, stranger, space } = await makeCouple(t.db);
    const agreement = await createAgreement(t.db, { userId: alex.id }, space.id, { title: 'Money' });
    const samClient = await connectLiveClient(server, sam.id);
    const strangerClient = await connectLiveClient(server, stranger.id);

    // Alex writes in a real editor connection.
    const doc = new Y.Doc();
    const token = (await issueRealtimeToken(TEST_AUTH_SECRET, { userId: alex.id, scope: { kind: 'document', documentId: agreement.id } })).token;
    const provider = new WebsocketProvider(`ws://127.0.0.1:${server.port}/realtime/yjs`, agreement.id, doc, {
      params: { token },
      WebSocketPolyfill: WebSocket as never,
      disableBc: true,
    });
    try {
      await new Promise<void>((resolve) => provider.on('sync', (synced: boolean) => synced && resolve()));
      const fragment = doc.getXmlFragment('default');
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText('We share big purchases first.')]);
      fragment.insert(0, [paragraph]);
      await waitUntil(async () => (await t.db.select().from(documentUpdates).where(eq(documentUpdates.documentId, agreement.id))).length > 0, 'the edit to be stored');

      await proposeVersion(t.db, { userId: alex.id }, agreement.id, {});
      expect(await waitForEvent(samClient, 'version-proposed')).toMatchObject({ documentId: agreement.id, number: 1 });
      await requestVersionChanges(t.db, { userId: sam.id }, agreement.id, 1, { comment: 'Over what amount?' });
      await proposeVersion(t.db, { userId: alex.id }, agreement.id, { note: 'Same text: let us talk about the amount' });
      await signVersion(t.db, { userId: sam.id }, agreement.id, 2);
      await signVersion(t.db, { userId: alex.id }, agreement.id, 2);
      expect(await waitForEvent(samClient, 'version-signed', (p: { inEffect?: boolean }) => p.inEffect === true)).toMatchObject({ documentId: agreement.id, number: 2 });

      // Alex changes the text; Sam restores version 2; Alex's editor shows it without reconnecting.
      ((fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'Sometimes: ');
      await waitUntil(async () => (await t.db.select().from(documentUpdates).where(eq(documentUpdates.documentId, agreement.id))).length >= 2, 'the second edit to be stored');
      await restoreAgreement(t.db, { userId: sam.id }, agreement.id, { versionNumber: 2 });
      await waitUntil(() => canonicalText(doc) === 'We share big purchases first.\n', 'the restore to reach the editor');
      expect(await waitForEvent(samClient, 'agreement-restored')).toMatchObject({ documentId: agreement.id, from: 'version 2' });
      const [restoration] = await t.db.select().from(agreementRestorations).where(eq(agreementRestorations.documentId, agreement.id));
      const [logged] = await t.db.select().from(documentUpdates).where(eq(documentUpdates.seq, restoration!.seq!));
      expect(logged?.authorId).toBe(sam.id);

      await new Promise((resolve) => setTimeout(resolve, 200));
      const versionEvents = (events: { event: string }[]) => events.filter((e) => e.event.startsWith('version-') || e.event === 'agreement-restored').map((e) => e.event);
      expect(versionEvents(samClient.received)).toEqual(['version-proposed', 'version-changes-requested', 'version-proposed', 'version-signed', 'version-signed', 'agreement-restored']);
      expect(versionEvents(strangerClient.received)).toEqual([]);
    } finally {
      provider.awareness.destroy();
      provider.destroy();
      doc.destroy();
      samClient.close();
      strangerClient.close();
    }
  });
});
