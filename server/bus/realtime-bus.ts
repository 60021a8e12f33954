/**
 * The one thing several Mend instances share at run time besides PostgreSQL: a bus that carries
 * what happened on one instance to the others. One process (the default) uses the in-process
 * implementation; with REDIS_URL set, every instance uses the Redis one and sees the others'
 * messages.
 *
 * Two kinds of traffic, kept apart because they differ in shape and volume:
 * - topics: small JSON messages every instance hears (live events, access changed, membership
 *   and session revocation, conversation state). Delivered to every instance, this one included,
 *   exactly once each, so a publisher never needs a separate local path.
 * - documents: binary Yjs traffic (updates, awareness) on one channel per document, heard only by
 *   the *other* instances that have that document loaded, plus a request/reply so a newly loading
 *   instance can ask them for what they have not written to PostgreSQL yet.
 *
 * Nothing on the bus is durable: PostgreSQL is. A message lost while Redis is down is made up for
 * by re-reading the database (documents) or by the next event; the instance keeps serving its own
 * clients meanwhile.
 */

export interface DocumentChannelHandlers {
  /** A payload another instance published for this document. */
  onMessage(payload: Uint8Array, fromInstance: string): void;
  /** Another instance asks (see requestDocument); the reply goes back to it alone. Undefined means "nothing to add". */
  onRequest?(payload: Uint8Array, fromInstance: string): Promise<Uint8Array | undefined> | Uint8Array | undefined;
}

/** Called for a topic message; may return a promise (publish waits for this instance's listeners). */
export type TopicListener = (message: unknown, fromInstance: string) => void | Promise<void>;

export interface BusHealth {
  ok: boolean;
  /** 'in-process', or 'redis' with its state: a person reading /healthz should understand it. */
  detail: string;
}

export interface RealtimeBus {
  /** This instance's id; every message carries its sender's. */
  readonly instanceId: string;
  readonly kind: 'in-process' | 'redis';

  /**
   * Send a JSON-serialisable message to every instance's listeners of this topic, this one's included.
   * This instance's listeners are called at once, synchronously, with the message itself (not a copy),
   * whether or not Redis is up; the other instances get a JSON copy through Redis. The promise
   * settles once this instance's listeners have finished and the message was handed to Redis (or
   * could not be: Redis down, logged). It never rejects: a listener's failure is logged.
   */
  publish(topic: string, message: unknown): Promise<void>;
  subscribe(topic: string, listener: TopicListener): () => void;

  /**
   * Listen to one document's channel while it is loaded here. Resolves once the subscription is
   * live (so nothing published after it is missed). The returned function leaves the channel.
   */
  joinDocument(documentId: string, handlers: DocumentChannelHandlers): Promise<() => Promise<void>>;
  /** Send to the other instances that joined this document's channel. Never delivered back to this instance. */
  publishDocument(documentId: string, payload: Uint8Array): void;
  /**
   * Ask every other instance that joined this document's channel and wait for all their replies
   * (or until timeoutMs). Replies of undefined are left out.
   */
  requestDocument(documentId: string, payload: Uint8Array, timeoutMs: number): Promise<Uint8Array[]>;

  /**
   * The bus came back after an outage (Redis restarted or unreachable for a while): subscriptions are
   * live again, but whatever the other instances published meanwhile was lost. Listeners make up for
   * it: document rooms ask the others for their state again (requestDocument) and re-check access
   * of their open connections; socket.io re-checks its sockets. Never called by the in-process bus.
   */
  onResync(listener: () => void): () => void;

  health(): BusHealth;
  close(): Promise<void>;
}
