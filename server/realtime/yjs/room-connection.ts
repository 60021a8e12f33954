/**
 * One WebSocket to one document room. It owns the socket and its limits (message size, rate, output
 * backlog), holds messages that arrive while the door is still deciding, and knows who is on the
 * other end once admitted. The identity comes only from the verified token and the database, never
 * from anything the client says; it is what the update log records as the author.
 */
import { WebSocket } from 'ws';
import { CloseCode } from './close-codes';
import { fullBucket, takeMessageToken, type RateBucket, type RealtimeLimits } from './limits';

export interface ConnectionIdentity {
  userId: string;
  /** The signed-in session (device) whose token opened this connection: signing it out closes the connection. */
  sessionId: string | null;
  spaceId: string | null;
  /** 'read': the server applies none of this connection's document updates (awareness still flows). */
  mode: 'edit' | 'read';
  /** Shown to others as this connection's presence, whatever the client says (users.name). */
  name: string;
  /** The person's seat colour (server/domain/spaces/member-colour.ts). */
  colour: string;
}

/** What a connection hands its messages to once admitted (a DocumentRoom). */
export interface MessageSink {
  receive(connection: RoomConnection, message: Uint8Array): void;
  leave(connection: RoomConnection): void;
}

export class RoomConnection {
  /** Recognised by this marker, not instanceof: rooms are reached from other module instances too. */
  readonly kind = 'room-connection' as const;
  identity: ConnectionIdentity | null = null;
  /** Awareness client ids this connection introduced, removed for everyone when it leaves. */
  readonly awarenessClientIds = new Set<number>();
  private sink: MessageSink | null = null;
  private queue: Uint8Array[] = [];
  private readonly bucket: RateBucket;
  private closedFlag = false;
  /** Cleared at each keepalive ping, set again by the pong; still clear at the next ping means the peer is gone. */
  private answeredPing = true;

  constructor(
    readonly socket: WebSocket,
    readonly documentId: string,
    private readonly limits: RealtimeLimits,
    private readonly log: (line: string) => void,
  ) {
    this.bucket = fullBucket(limits, Date.now());
    // ws refuses frames over maxPayload itself and closes with 1009; Mend's documented code for
    // "too large" is 4413, so that one code is translated on this socket only.
    const close = socket.close.bind(socket);
    socket.close = (code?: number, reason?: string | Buffer) => close(code === 1009 ? CloseCode.tooLarge : code, code === 1009 ? 'message too large' : reason);
    socket.on('pong', () => {
      this.answeredPing = true;
    });
  }

  /**
   * Called every keepalive interval: a peer that did not answer the previous ping (a laptop that
   * slept, a network that dropped without a FIN) is dropped, so its caret leaves the room and the
   * room can unload; the others get a fresh ping.
   */
  keepAlive(): void {
    if (this.socket.readyState !== WebSocket.OPEN) return;
    if (!this.answeredPing) {
      this.log(`realtime: dropping a connection to document ${this.documentId} that stopped answering pings`);
      this.closedFlag = true;
      this.queue = [];
      this.socket.terminate();
      this.sink?.leave(this);
      return;
    }
    this.answeredPing = false;
    this.socket.ping();
  }

  get closed(): boolean {
    return this.closedFlag || this.socket.readyState !== WebSocket.OPEN;
  }

  /** Called for every frame: limits first, then the room (or the queue while the door decides). */
  receive(data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): void {
    if (this.closedFlag) return;
    const bytes = toBytes(data);
    if (!isBinary) return this.refuse(CloseCode.malformed, 'text frames are not part of the protocol');
    if (bytes.length > this.limits.maxMessageBytes) return this.refuse(CloseCode.tooLarge, 'message too large');
    if (!takeMessageToken(this.bucket, this.limits, Date.now())) return this.refuse(CloseCode.tooManyMessages, 'too many messages');
    if (this.sink) {
      this.sink.receive(this, bytes);
      return;
    }
    if (this.queue.length >= this.limits.maxQueuedBeforeAdmission) return this.refuse(CloseCode.tooManyMessages, 'too many messages before admission');
    this.queue.push(bytes);
  }

  /** The door said yes and the room is loaded: deliver what arrived meanwhile, in order. */
  admit(identity: ConnectionIdentity, sink: MessageSink): void {
    this.identity = identity;
    this.sink = sink;
    const queued = this.queue;
    this.queue = [];
    for (const message of queued) {
      if (this.closedFlag) return;
      sink.receive(this, message);
    }
  }

  send(message: Uint8Array): void {
    if (this.closed) return;
    if (this.socket.bufferedAmount > this.limits.maxBufferedBytes) {
      this.refuse(CloseCode.tryAgainLater, 'not reading fast enough');
      return;
    }
    this.socket.send(message, { binary: true });
  }

  /** Close with a code and log why (refusals and bad input are worth a line; normal closes are not). */
  refuse(code: number, reason: string): void {
    if (this.closedFlag) return;
    this.log(`realtime: closing a connection to document ${this.documentId}${this.identity ? ` (user ${this.identity.userId})` : ''} with ${code}: ${reason}`);
    this.close(code, reason);
  }

  close(code: number, reason: string): void {
    if (this.closedFlag) return;
    this.closedFlag = true;
    this.queue = [];
    try {
      this.socket.close(code, reason);
    } catch {
      this.socket.terminate();
    }
    // Leave now rather than on the close handshake: the room must stop sending at once.
    this.sink?.leave(this);
  }

  /** The socket is gone (closed by either side). */
  closedBySocket(): void {
    this.closedFlag = true;
    this.queue = [];
    this.sink?.leave(this);
  }
}

function toBytes(data: Buffer | ArrayBuffer | Buffer[]): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return data;
}
