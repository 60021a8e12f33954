/**
 * One instance killed (SIGKILL) under a live socket.io client behind a TCP front (a load balancer
 * with no stickiness): the stock client reconnects by itself, lands on the other instance with a fresh
 * token, and is in the space again: presence and the open conversation are there.
 */
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationAck } from '../../../server/realtime/socket-io/conversation-feature';
import { LIVE_NAMESPACE, LIVE_SOCKET_PATH } from '../../../server/realtime/socket-io/live-protocol';
import { makeCouple } from '../../support/fixtures';
import { startMendCluster, type MendCluster } from '../../support/mend-cluster';
import { connectSocket, socketToken, type ClusterSocket } from '../../support/cluster-clients';
import { backendOf, startTcpFront, type TcpFront } from '../../support/tcp-front';
import { scaleOutTestsCanRun } from '../../support/test-redis';

const canRun = scaleOutTestsCanRun();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
type People = { people: { name: string }[] };

describe.skipIf(!canRun)('an instance killed under a live client', () => {
  let cluster: MendCluster;
  let front: TcpFront;
  const sockets: { close(): void }[] = [];

  beforeAll(async () => {
    cluster = await startMendCluster({ instances: 2 });
    front = await startTcpFront(cluster.instances.map((instance) => backendOf(instance.url)));
  }, 180_000);
  afterAll(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await front?.close();
    await cluster?.stop();
  }, 60_000);

  it('reconnects through the front to the other instance, in the space, with the conversation', async () => {
    const [first, second] = cluster.instances as [(typeof cluster.instances)[0], (typeof cluster.instances)[0]];
    const { alex, sam } = await makeCouple(cluster.database.db);
    // Sam is connected straight to the second instance; Alex goes through the front (to the first).
    const s: ClusterSocket = await connectSocket(second.url, await socketToken(cluster.authSecret, sam.id));
    sockets.push(s);
    const presence: string[][] = [];
    let tokens = 0;
    const a: Socket = io(`${front.url}${LIVE_NAMESPACE}`, {
      path: LIVE_SOCKET_PATH,
      transports: ['websocket'],
      forceNew: true,
      reconnectionDelay: 100,
      reconnectionDelayMax: 500,
      // As the app does: a fresh token for every (re)connection.
      auth: (send) => {
        tokens += 1;
        void socketToken(cluster.authSecret, alex.id).then((token) => send({ token }));
      },
    });
    sockets.push({ close: () => a.close() });
    a.on('presence-changed', (p: People) => presence.push(p.people.map((x) => x.name)));
    await new Promise<void>((resolve) => a.once('connect', () => resolve()));
    expect(front.counts.get(backendOf(first.url).port)).toBe(1);
    const ack = (await a.timeout(8000).emitWithAck('conversation-action-to-server', { type: 'propose', topic: 'After the restart', turnMinutes: 2 })) as ConversationAck;
    expect(ack.ok).toBe(true);

    await first.stop('SIGKILL');
    presence.length = 0;
    const reconnected = new Promise<void>((resolve) => a.io.once('reconnect', () => resolve()));
    await Promise.race([reconnected, sleep(15_000).then(() => Promise.reject(new Error('the client did not reconnect')))]);
    expect(front.counts.get(backendOf(second.url).port)).toBeGreaterThanOrEqual(1);
    expect(tokens).toBeGreaterThanOrEqual(2);
    // In the space again, on the second instance: both are here, and the conversation is where it was.
    const started = Date.now();
    while (!presence.some((names) => names.join() === 'Alex,Sam')) {
      if (Date.now() - started > 10_000) throw new Error(`no presence after reconnecting: ${JSON.stringify(presence)}`);
      await sleep(50);
    }
    const state = (await a.timeout(8000).emitWithAck('conversation-state-request-to-server')) as { ok: boolean; conversation: { topic: string } | null };
    expect(state).toMatchObject({ ok: true, conversation: { topic: 'After the restart' } });
  }, 90_000);
});
