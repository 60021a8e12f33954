/**
 * The bus on Redis pub/sub (REDIS_URL set): every instance keeps one publisher and one subscriber
 * connection (ioredis). Channels, all under the deployment's prefix (MEND_REDIS_PREFIX):
 *
 * - `<prefix>topic`: every topic message, JSON { t: topic, f: sender, m: message };
 * - `<prefix>doc:<documentId>`: one per document, binary frames (document-frames.ts); an instance
 *   subscribes while it has the document loaded, so a document's traffic reaches only those;
 * - `<prefix>reply:<instanceId>`: replies to this instance's document requests.
 *
 * Redis echoes a message to its publisher too when it is subscribed; those are dropped by sender id,
 * because this instance's listeners got the message directly (so it works with Redis down as well).
 *
 * A request for a document counts its receivers from PUBLISH's answer (connections subscribed to
 * the channel, this one included when it has joined) and waits for exactly that many replies, or
 * the timeout: an instance that joined but has nothing to add answers "nothing", so the usual case
 * never waits for the timeout.
 *
 * Redis down: publishing fails at once (no queue grows), this instance's listeners still hear its own
 * messages, and one loud line is logged (not one per retry). ioredis reconnects by itself and
 * subscribes again; once both connections are back, one line says so and the resync listeners run.
 */
import { randomUUID } from 'node:crypto';
import { Redis, type RedisOptions } from 'ioredis';
import { decodeFrame, encodeFrame, FrameKind } from './document-frames';
import { LocalTopics } from './local-topics';
import type { BusHealth, DocumentChannelHandlers, RealtimeBus, TopicListener } from './realtime-bus';

export interface RedisBusOptions {
  url: string;
  /** Every channel and key starts with it, so deployments (and test runs) on one Redis stay apart. */
  prefix: string;
  instanceId?: string;
  log?: (line: string) => void;
  /** How long start waits for Redis before going on without it (it keeps retrying). */
  startTimeoutMs?: number;
  /** How long joinDocument waits for its subscription while Redis is down before going on. */
  subscribeTimeoutMs?: number;
}

interface PendingRequest {
  expected: number | null;
  answered: number;
  replies: Uint8Array[];
  finish: () => void;
}

/** What @socket.io/redis-adapter needs: a publisher whose failures are caught, and the subscriber. */
export interface SocketIoRedisClients {
  pubClient: unknown;
  subClient: Redis;
  key: string;
}

function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || 6379}${parsed.pathname && parsed.pathname !== '/' ? parsed.pathname : ''}`;
  } catch {
    return 'the configured address';
  }
}

export class RedisRealtimeBus implements RealtimeBus {
  readonly instanceId: string;
  readonly kind = 'redis' as const;
  readonly prefix: string;
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly log: (line: string) => void;
  private readonly topics: LocalTopics;
  private readonly topicChannel: string;
  private readonly replyChannel: string;
  private readonly where: string;
  private readonly subscribeTimeoutMs: number;
  private readonly documents = new Map<string, Set<DocumentChannelHandlers>>();
  /** Document channels Redis confirmed: PUBLISH counts this instance among the receivers for them. */
  private readonly confirmed = new Set<string>();
  private readonly pending = new Map<number, PendingRequest>();
  private readonly resyncListeners = new Set<() => void>();
  private nextRequestId = 1;
  private downSince: number | null = null;
  private everReady = false;
  private closed = false;
  private recovering = false;
  private lastProblem = '';

  constructor(options: RedisBusOptions) {
    this.instanceId = options.instanceId ?? randomUUID();
    this.prefix = options.prefix;
    this.log = options.log ?? ((line) => console.error(line));
    this.topics = new LocalTopics(this.log);
    this.topicChannel = `${this.prefix}topic`;
    this.replyChannel = `${this.prefix}reply:${this.instanceId}`;
    this.where = describeUrl(options.url);
    this.subscribeTimeoutMs = options.subscribeTimeoutMs ?? 2000;
    const common: RedisOptions = {
      // Back within a second of Redis returning; never give up.
      retryStrategy: (times) => Math.min(100 * times, 1000),
      connectTimeout: 5000,
      lazyConnect: false,
    };
    // The publisher refuses commands while disconnected instead of queueing them without bound.
    this.pub = new Redis(options.url, { ...common, enableOfflineQueue: false, maxRetriesPerRequest: 1, connectionName: `mend-pub-${this.instanceId}` });
    // The subscriber queues (un)subscriptions made while Redis is away; ioredis re-subscribes on reconnect.
    this.sub = new Redis(options.url, { ...common, enableOfflineQueue: true, maxRetriesPerRequest: null, autoResubscribe: true, connectionName: `mend-sub-${this.instanceId}` });
    for (const client of [this.pub, this.sub]) {
      client.on('error', (error: Error) => this.noteDown(error.message));
      client.on('close', () => this.noteDown('connection closed'));
      client.on('ready', () => void this.noteMaybeUp());
    }
    this.sub.on('messageBuffer', (channel: Buffer, message: Buffer) => this.onMessage(channel.toString('utf8'), message));
    void this.sub.subscribe(this.topicChannel, this.replyChannel).catch((error: Error) => this.noteDown(error.message));
  }

  /** Resolves once both connections are up, or after timeoutMs (logged; the bus keeps retrying). */
  async started(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.pub.status === 'ready' && this.sub.status === 'ready' && this.everReady) {
        // A ping on the subscriber answers after its subscriptions: topics are heard from now on.
        await this.sub.ping().catch(() => undefined);
        return true;
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    this.noteDown(this.lastProblem || `no answer within ${timeoutMs} ms`);
    return false;
  }

  private noteDown(problem: string): void {
    if (this.closed) return;
    this.lastProblem = problem;
    if (this.downSince !== null) return;
    if (!this.everReady && problem === 'connection closed') return;
    this.downSince = Date.now();
    this.confirmed.clear();
    // Pending requests cannot be answered now: settle them with what they have.
    for (const request of this.pending.values()) request.finish();
    this.log(
      `REDIS UNREACHABLE at ${this.where} (${problem}). This instance goes on serving its own clients, ` +
        'but other instances will not see its changes, nor it theirs, until Redis is back. Retrying every second.',
    );
  }

  private async noteMaybeUp(): Promise<void> {
    if (this.closed || this.pub.status !== 'ready' || this.sub.status !== 'ready') return;
    const first = !this.everReady;
    this.everReady = true;
    if ((this.downSince === null && !first) || this.recovering) return;
    // Both connections report 'ready': only the first report does the catching up.
    this.recovering = true;
    // Subscriptions are sent again by ioredis before 'ready'; the ping answers after them.
    const pinged = await this.sub.ping().then(
      () => true,
      () => false,
    );
    this.recovering = false;
    if (!pinged || this.closed || this.pub.status !== 'ready' || this.sub.status !== 'ready') return;
    for (const documentId of this.documents.keys()) this.confirmed.add(this.documentChannel(documentId));
    if (this.downSince === null) return;
    const seconds = Math.round((Date.now() - this.downSince) / 1000);
    this.downSince = null;
    this.log(`Redis is back at ${this.where} after about ${seconds} s: this instance hears the others again and catches up.`);
    for (const listener of [...this.resyncListeners]) {
      try {
        listener();
      } catch (error) {
        this.log(`bus: a resync listener failed: ${(error as Error)?.stack ?? error}`);
      }
    }
  }

  private documentChannel(documentId: string): string {
    return `${this.prefix}doc:${documentId}`;
  }

  private onMessage(channel: string, message: Buffer): void {
    if (channel === this.topicChannel) return this.onTopicMessage(message);
    if (channel === this.replyChannel) return this.onReply(message);
    const docPrefix = `${this.prefix}doc:`;
    if (channel.startsWith(docPrefix)) return this.onDocumentFrame(channel.slice(docPrefix.length), message);
  }

  private onTopicMessage(message: Buffer): void {
    let parsed: { t?: unknown; f?: unknown; m?: unknown };
    try {
      parsed = JSON.parse(message.toString('utf8')) as typeof parsed;
    } catch {
      return;
    }
    if (typeof parsed.t !== 'string' || typeof parsed.f !== 'string' || parsed.f === this.instanceId) return;
    void this.topics.deliver(parsed.t, parsed.m, parsed.f);
  }

  private onDocumentFrame(documentId: string, data: Buffer): void {
    const frame = decodeFrame(data);
    if (!frame || frame.from === this.instanceId) return;
    const handlers = [...(this.documents.get(documentId) ?? [])];
    if (frame.kind === FrameKind.message) {
      for (const handler of handlers) {
        try {
          handler.onMessage(frame.payload, frame.from);
        } catch (error) {
          this.log(`bus: handling a message for document ${documentId} failed: ${(error as Error)?.stack ?? error}`);
        }
      }
      return;
    }
    if (frame.kind !== FrameKind.request) return;
    // Every instance subscribed to the channel answers exactly once, "nothing" included: the asker counts replies.
    void (async () => {
      let answer: Uint8Array | undefined;
      for (const handler of handlers) {
        if (!handler.onRequest) continue;
        try {
          answer = await handler.onRequest(frame.payload, frame.from);
        } catch (error) {
          this.log(`bus: answering a request for document ${documentId} failed: ${(error as Error)?.stack ?? error}`);
        }
        if (answer !== undefined) break;
      }
      const reply = encodeFrame({
        kind: answer === undefined ? FrameKind.emptyReply : FrameKind.reply,
        from: this.instanceId,
        requestId: frame.requestId,
        payload: answer ?? new Uint8Array(0),
      });
      await this.send(`${this.prefix}reply:${frame.from}`, reply);
    })();
  }

  private onReply(data: Buffer): void {
    const frame = decodeFrame(data);
    if (!frame || (frame.kind !== FrameKind.reply && frame.kind !== FrameKind.emptyReply)) return;
    const request = this.pending.get(frame.requestId);
    if (!request) return;
    request.answered += 1;
    if (frame.kind === FrameKind.reply) request.replies.push(new Uint8Array(frame.payload));
    if (request.expected !== null && request.answered >= request.expected) request.finish();
  }

  /** PUBLISH, or null when Redis is away (noted once); never throws. */
  private async send(channel: string, data: Buffer | string): Promise<number | null> {
    if (this.closed || this.pub.status !== 'ready') return null;
    try {
      return await this.pub.publish(channel, data);
    } catch (error) {
      this.noteDown((error as Error).message);
      return null;
    }
  }

  publish(topic: string, message: unknown): Promise<void> {
    const local = this.topics.deliver(topic, message, this.instanceId);
    let body: string;
    try {
      body = JSON.stringify({ t: topic, f: this.instanceId, m: message });
    } catch (error) {
      this.log(`bus: a ${topic} message could not be sent to the other instances: ${(error as Error).message}`);
      return local;
    }
    return Promise.all([local, this.send(this.topicChannel, body)]).then(() => undefined);
  }

  subscribe(topic: string, listener: TopicListener): () => void {
    return this.topics.subscribe(topic, listener);
  }

  async joinDocument(documentId: string, handlers: DocumentChannelHandlers): Promise<() => Promise<void>> {
    const channel = this.documentChannel(documentId);
    let set = this.documents.get(documentId);
    const first = !set;
    if (!set) this.documents.set(documentId, (set = new Set()));
    set.add(handlers);
    if (first) {
      const subscribed = this.sub.subscribe(channel).then(
        () => {
          if (this.documents.has(documentId)) this.confirmed.add(channel);
          return true;
        },
        (error: Error) => {
          this.noteDown(error.message);
          return false;
        },
      );
      // With Redis away the subscription waits in ioredis's queue; the document is served meanwhile.
      await Promise.race([subscribed, new Promise((resolve) => setTimeout(resolve, this.subscribeTimeoutMs).unref())]);
    }
    let left = false;
    return async () => {
      if (left) return;
      left = true;
      const current = this.documents.get(documentId);
      if (!current) return;
      current.delete(handlers);
      if (current.size > 0) return;
      this.documents.delete(documentId);
      this.confirmed.delete(channel);
      if (this.closed) return;
      await Promise.race([this.sub.unsubscribe(channel).catch(() => undefined), new Promise((resolve) => setTimeout(resolve, this.subscribeTimeoutMs).unref())]);
    };
  }

  publishDocument(documentId: string, payload: Uint8Array): void {
    void this.send(this.documentChannel(documentId), encodeFrame({ kind: FrameKind.message, from: this.instanceId, requestId: 0, payload }));
  }

  requestDocument(documentId: string, payload: Uint8Array, timeoutMs: number): Promise<Uint8Array[]> {
    const channel = this.documentChannel(documentId);
    const requestId = this.nextRequestId;
    this.nextRequestId = this.nextRequestId >= 0xffffffff ? 1 : this.nextRequestId + 1;
    return new Promise<Uint8Array[]>((resolve) => {
      const timer = setTimeout(() => request.finish(), timeoutMs);
      timer.unref();
      const request: PendingRequest = {
        expected: null,
        answered: 0,
        replies: [],
        finish: () => {
          if (!this.pending.has(requestId)) return;
          this.pending.delete(requestId);
          clearTimeout(timer);
          resolve(request.replies);
        },
      };
      this.pending.set(requestId, request);
      const selfCounted = this.confirmed.has(channel);
      void this.send(channel, encodeFrame({ kind: FrameKind.request, from: this.instanceId, requestId, payload })).then((receivers) => {
        if (receivers === null) return request.finish();
        request.expected = Math.max(0, receivers - (selfCounted ? 1 : 0));
        if (request.answered >= request.expected) request.finish();
      });
    });
  }

  onResync(listener: () => void): () => void {
    this.resyncListeners.add(listener);
    return () => this.resyncListeners.delete(listener);
  }

  health(): BusHealth {
    const up = this.pub.status === 'ready' && this.sub.status === 'ready' && this.downSince === null && this.everReady;
    if (up) return { ok: true, detail: `redis at ${this.where}: connected` };
    const since = this.downSince ? `for about ${Math.round((Date.now() - this.downSince) / 1000)} s` : 'since start';
    return { ok: false, detail: `redis at ${this.where}: unreachable ${since}; this instance serves its own clients only and keeps retrying` };
  }

  /**
   * The connections for socket.io's Redis adapter (one pair per instance for everything). The
   * adapter publishes without handling failures; a wrapper catches them, so Redis going away can
   * never become an unhandled rejection that stops the process.
   */
  socketIoClients(): SocketIoRedisClients {
    const pub = this.pub;
    const noteDown = (message: string) => this.noteDown(message);
    const wrapper = {
      publish: (channel: string, message: string | Buffer) => {
        if (pub.status !== 'ready') return Promise.resolve(0);
        return pub.publish(channel, message).catch((error: Error) => {
          noteDown(error.message);
          return 0;
        });
      },
      send_command: (command: string, args: unknown[], callback: (error: Error | null, result?: unknown) => void) => {
        if (pub.status !== 'ready') return callback(new Error('Redis is unreachable'));
        pub.call(command, ...(args as string[])).then(
          (result) => callback(null, result),
          (error: Error) => callback(error),
        );
      },
      on: (event: string, listener: (...args: unknown[]) => void) => {
        pub.on(event, listener);
        return wrapper;
      },
      off: (event: string, listener: (...args: unknown[]) => void) => {
        pub.off(event, listener);
        return wrapper;
      },
      listenerCount: (event: string) => pub.listenerCount(event),
    };
    return { pubClient: wrapper, subClient: this.sub, key: `${this.prefix}socket.io` };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const request of this.pending.values()) request.finish();
    this.pub.disconnect();
    this.sub.disconnect();
  }
}

/** Connects the Redis bus; waits up to startTimeoutMs for Redis, then goes on without it (logged). */
export async function startRedisBus(options: RedisBusOptions): Promise<RedisRealtimeBus> {
  const bus = new RedisRealtimeBus(options);
  await bus.started(options.startTimeoutMs ?? 5000);
  return bus;
}
