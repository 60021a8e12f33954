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

export interface BusHealth {
  ok: boolean;
  /** 'in-process', or 'redis' with its state: a person reading /healthz should understand it. */
  detail: string;
}

export interface RealtimeBus {
  /** This instance's id; every message carries its sender's. */
  readonly instanceId: string;
  readonly kind: 'in-process' | 'redis';

  /** Send a JSON-serialisable message to every instance's listeners of this topic, this one's included. */
  publish(topic: string, message: unknown): Promise<void>;
  subscribe(topic: string, listener: (message: unknown, fromInstance: string) => void): () => void;

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

  health(): BusHealth;
  close(): Promise<void>;
}
