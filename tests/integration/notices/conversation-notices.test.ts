/**
 * A conversation proposed over the live connection reaches the partner as a notice: the whole path
 * from a socket.io client through the conversation feature's live event to the notifier started as
 * a server service (noticesService), and an email at a real SMTP server. The topic never appears.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MendServer } from '../../../server/http-server';
import { closeMail } from '../../../server/mail';
import { saveNoticePreferences } from '../../../server/notices/notice-preferences';
import { noticesService } from '../../../server/notices/notices-service';
import { conversationFeature, type ConversationAck } from '../../../server/realtime/socket-io/conversation-feature';
import { createSocketIoService } from '../../../server/realtime/socket-io/socket-io-service';
import { makeCouple } from '../../support/fixtures';
import { connectLiveClient, startLiveServer, type RecordingClient } from '../../support/live-clients';
import { startSmtpTestServer, type SmtpTestServer } from '../../support/smtp-test-server';
import { testDatabaseKinds, useTestDatabase } from '../../support/use-test-database';

describe.each(testDatabaseKinds())('conversation notices on %s', (kind) => {
  const t = useTestDatabase(kind);
  let smtp: SmtpTestServer;
  let server: MendServer;
  let dataDir: string;
  const clients: RecordingClient[] = [];

  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    dataDir = await mkdtemp(path.join(tmpdir(), 'mend-conversation-notices-'));
    server = await startLiveServer(t.handle, [
      createSocketIoService({ features: [conversationFeature()] }),
      noticesService({ env: { SMTP_URL: smtp.url, MEND_DATA_DIR: dataDir, MEND_PUBLIC_URL: 'https://mend.example.org' } }),
    ]);
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await server.close();
    closeMail();
    await smtp.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('tells the partner a conversation was proposed, and not the one who proposed it', async () => {
    const { alex, sam } = await makeCouple(t.db);
    await saveNoticePreferences(t.db, sam.id, { email: ['conversation-proposed'] });
    await saveNoticePreferences(t.db, alex.id, { email: ['conversation-proposed'] });
    const client = await connectLiveClient(server, alex.id);
    clients.push(client);
    const ack = (await client.socket.timeout(5000).emitWithAck('conversation-action-to-server', { type: 'propose', topic: 'The money we lent my brother', turnMinutes: 3 })) as ConversationAck;
    expect(ack.ok).toBe(true);
    const mail = await smtp.waitFor((m) => m.to.includes(sam.email));
    expect(mail.subject).toBe('Something new is waiting for you in Mend');
    expect(mail.links[0]).toBe('https://mend.example.org/');
    expect([mail.subject, mail.text, JSON.stringify([...mail.headers])].join('\n')).not.toMatch(/money|brother|Alex|conversation/i);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.to(alex.email)).toEqual([]);
  });
});
