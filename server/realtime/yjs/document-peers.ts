/**
 * One loaded document's link to the other instances that have it loaded (several instances, bus on
 * Redis; with the in-process bus nothing travels and this costs nothing).
 *
 * - Each update one of this instance's clients sent is published to the others (with its author and
 *   its record number in this instance's log); they apply it and show it to their clients, and do
 *   not store it: every instance stores only what its own clients sent. Awareness is relayed the same
 *   way, so a caret shows across instances.
 * - A newly loading instance joins the channel first (nothing published after that is missed), then
 *   loads from PostgreSQL, then asks the others for what it lacks (`state`): what they have not
 *   written yet comes with it. The room serves nobody before both are in.
 * - An update another instance sent stays "unconfirmed" here until that instance says it stored it
 *   (`stored-through`). If it is still unconfirmed after a while, this instance asks who is alive; when
 *   the sender is gone (killed before writing), the lowest-id live instance stores those updates
 *   itself, with their real authors, and says so (`adopted`), so nothing a partner saw is lost.
 * - Redis pub/sub delivers at most once. So when a burst of edits settles, this instance compares
 *   state vectors with the others once (`catchUp`): an update the bus dropped reaches the partner
 *   then, not at the next load.
 */
import type { RealtimeBus } from '../../bus/realtime-bus';
import {
  decodePeerMessage,
  decodePeerReply,
  decodePeerRequest,
  encodePeerMessage,
  encodePeerReply,
  encodePeerRequest,
  type PeerMessage,
  type PeerRecord,
} from './peer-messages';

/** What the peers need of the room. */
export interface PeerRoom {
  readonly documentId: string;
  /** Apply an update another instance sent (or stored), shown to this instance's clients, not stored here. */
  applyFromPeer(update: Uint8Array, authorId: string | null): void;
  applyPeerAwareness(update: Uint8Array): void;
  stateVector(): Uint8Array;
  missingFor(stateVector: Uint8Array): Uint8Array;
  /** True when the document behind `stateVector` has something this one lacks. */
  lacksFrom(stateVector: Uint8Array): boolean;
  /** Store these updates of a dead instance (those the log lacks) as this instance's own records, with their authors; how many. */
  adopt(records: PeerRecord[]): Promise<number>;
  unstored(): PeerRecord[];
  storedThrough(): number;
}

export interface PeerTiming {
  /** How long a state request waits for the others' replies. */
  requestTimeoutMs: number;
  /** An update of another instance unconfirmed for this long makes this instance ask who is alive. */
  orphanAfterMs: number;
  /** Quiet time after the last edit before the instances compare state vectors once. */
  settleAfterMs?: number;
}

export const defaultPeerTiming: PeerTiming = { requestTimeoutMs: 2000, orphanAfterMs: 3000, settleAfterMs: 1000 };

interface Unconfirmed extends PeerRecord {
  at: number;
}

export class DocumentPeers {
  private room: PeerRoom | null = null;
  private buffered: Array<{ payload: Uint8Array; from: string }> = [];
  private leaveChannel: (() => Promise<void>) | null = null;
  private readonly unconfirmed = new Map<string, Map<number, Unconfirmed>>();
  private timer: NodeJS.Timeout | null = null;
  private settleTimer: NodeJS.Timeout | null = null;
  private checking = false;
  private left = false;
  private catchingUp: Promise<void> | null = null;
  private catchUpAgain = false;

  private constructor(
    private readonly bus: RealtimeBus,
    readonly documentId: string,
    private readonly timing: PeerTiming,
    private readonly log: (line: string) => void,
  ) {}

  /** Joins the document's channel; what arrives before attach() is kept and applied then. */
  static async join(bus: RealtimeBus, documentId: string, timing: PeerTiming, log: (line: string) => void): Promise<DocumentPeers> {
    const peers = new DocumentPeers(bus, documentId, timing, log);
    if (bus.kind === 'in-process') return peers;
    peers.leaveChannel = await bus.joinDocument(documentId, {
      onMessage: (payload, from) => peers.onMessage(payload, from),
      onRequest: (payload) => peers.onRequest(payload),
    });
    return peers;
  }

  get active(): boolean {
    return this.bus.kind !== 'in-process' && !this.left;
  }

  /** The room is built: apply what arrived meanwhile, then ask the others what it lacks. Resolves once their answers are in. */
  async attach(room: PeerRoom): Promise<void> {
    this.room = room;
    const buffered = this.buffered;
    this.buffered = [];
    for (const { payload, from } of buffered) this.onMessage(payload, from);
    await this.catchUp();
  }

  /**
   * Ask every other instance with this document loaded for what this one lacks (at load, after a
   * bus outage, and when another instance's request shows it has something this one has not seen).
   */
  catchUp(): Promise<void> {
    if (this.catchingUp) {
      this.catchUpAgain = true;
      return this.catchingUp;
    }
    this.catchingUp = this.askOthers().finally(() => {
      this.catchingUp = null;
      if (this.catchUpAgain) {
        this.catchUpAgain = false;
        void this.catchUp();
      }
    });
    return this.catchingUp;
  }

  private async askOthers(): Promise<void> {
    if (!this.active || !this.room) return;
    const replies = await this.bus.requestDocument(this.documentId, encodePeerRequest({ kind: 'state', stateVector: this.room.stateVector() }), this.timing.requestTimeoutMs);
    for (const bytes of replies) {
      const reply = decodePeerReply(bytes);
      if (!reply || reply.kind !== 'state' || this.left) continue;
      for (const record of reply.unstored) this.remember(reply.instanceId, record);
      if (reply.missing.length > 0) this.room.applyFromPeer(reply.missing, null);
    }
  }

  publishUpdate(record: number, authorId: string | null, update: Uint8Array): void {
    if (!this.active) return;
    this.bus.publishDocument(this.documentId, encodePeerMessage({ kind: 'update', record, authorId, update }));
    this.settleSoon();
  }

  /** Once edits pause (here or from another instance), compare state vectors with the others. */
  private settleSoon(): void {
    if (!this.active) return;
    if (this.settleTimer) clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(() => {
      this.settleTimer = null;
      if (this.active) void this.catchUp().catch(() => undefined);
    }, this.timing.settleAfterMs ?? 1000);
    this.settleTimer.unref();
  }

  publishStoredUpdate(authorId: string | null, update: Uint8Array): void {
    if (this.active) this.bus.publishDocument(this.documentId, encodePeerMessage({ kind: 'stored-update', authorId, update }));
  }

  publishAwareness(update: Uint8Array): void {
    if (this.active) this.bus.publishDocument(this.documentId, encodePeerMessage({ kind: 'awareness', update }));
  }

  publishStoredThrough(record: number): void {
    if (this.active) this.bus.publishDocument(this.documentId, encodePeerMessage({ kind: 'stored-through', record }));
  }

  async leave(): Promise<void> {
    if (this.left) return;
    this.left = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.settleTimer) clearTimeout(this.settleTimer);
    this.settleTimer = null;
    const leave = this.leaveChannel;
    this.leaveChannel = null;
    await leave?.().catch((error: unknown) => this.log(`realtime: leaving the bus channel of document ${this.documentId} failed: ${(error as Error)?.message ?? error}`));
  }

  private onMessage(payload: Uint8Array, from: string): void {
    if (this.left) return;
    if (!this.room) {
      this.buffered.push({ payload, from });
      return;
    }
    const message: PeerMessage | null = decodePeerMessage(payload);
    if (!message) {
      this.log(`realtime: ignored a malformed message on the bus channel of document ${this.documentId} from instance ${from}`);
      return;
    }
    switch (message.kind) {
      case 'update':
        this.remember(from, message);
        this.room.applyFromPeer(message.update, message.authorId);
        this.settleSoon();
        return;
      case 'stored-update':
        this.room.applyFromPeer(message.update, message.authorId);
        return;
      case 'awareness':
        this.room.applyPeerAwareness(message.update);
        return;
      case 'stored-through':
        this.confirm(from, message.record);
        return;
      case 'adopted':
        this.confirm(message.origin, message.record);
        return;
    }
  }

  private onRequest(payload: Uint8Array): Uint8Array | undefined {
    const request = decodePeerRequest(payload);
    const room = this.room;
    if (!request || !room || this.left) return undefined;
    if (request.kind === 'alive') return encodePeerReply({ kind: 'alive', instanceId: this.bus.instanceId, storedThrough: room.storedThrough() });
    let missing: Uint8Array;
    try {
      missing = room.missingFor(request.stateVector);
      // The asker has seen edits this instance has not (both were cut off, and it came back first): fetch them too.
      if (room.lacksFrom(request.stateVector)) queueMicrotask(() => void this.catchUp().catch(() => undefined));
    } catch {
      return undefined;
    }
    return encodePeerReply({ kind: 'state', instanceId: this.bus.instanceId, missing, unstored: room.unstored() });
  }

  private remember(origin: string, record: PeerRecord): void {
    if (origin === this.bus.instanceId) return;
    let records = this.unconfirmed.get(origin);
    if (!records) this.unconfirmed.set(origin, (records = new Map()));
    if (!records.has(record.record)) records.set(record.record, { ...record, at: Date.now() });
    this.scheduleCheck();
  }

  private confirm(origin: string, through: number): void {
    const records = this.unconfirmed.get(origin);
    if (!records) return;
    for (const number of records.keys()) if (number <= through) records.delete(number);
    if (records.size === 0) this.unconfirmed.delete(origin);
  }

  private scheduleCheck(): void {
    if (this.timer || this.left) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.checkOrphans();
    }, this.timing.orphanAfterMs);
    this.timer.unref();
  }

  /** Updates of an instance that stopped confirming: ask who is alive, and store what a dead one left behind. */
  private async checkOrphans(): Promise<void> {
    if (this.checking || this.left || !this.room) return;
    this.checking = true;
    try {
      const now = Date.now();
      const stale = [...this.unconfirmed].filter(([, records]) => [...records.values()].some((r) => now - r.at >= this.timing.orphanAfterMs));
      // While the bus itself is down nobody can answer: never mistake that for the others being gone.
      if (stale.length === 0 || !this.bus.health().ok) return;
      const replies = await this.bus.requestDocument(this.documentId, encodePeerRequest({ kind: 'alive' }), this.timing.requestTimeoutMs);
      if (!this.bus.health().ok || this.left) return;
      const alive = new Map<string, number>();
      for (const bytes of replies) {
        const reply = decodePeerReply(bytes);
        if (reply?.kind === 'alive') alive.set(reply.instanceId, reply.storedThrough);
      }
      for (const [instanceId, storedThrough] of alive) this.confirm(instanceId, storedThrough);
      // One survivor takes over (the lowest id among the live ones), so nothing is stored twice.
      const taker = [this.bus.instanceId, ...alive.keys()].sort()[0];
      for (const [origin] of stale) {
        if (alive.has(origin)) continue;
        const records = this.unconfirmed.get(origin);
        if (!records || records.size === 0) continue;
        if (taker !== this.bus.instanceId) continue;
        const ordered = [...records.values()].sort((a, b) => a.record - b.record);
        // Kept until stored: a failed attempt (database trouble) is tried again at the next check.
        const adopted = await this.room.adopt(ordered);
        this.unconfirmed.delete(origin);
        this.log(`realtime: instance ${origin} is gone with ${adopted} unsaved update(s) of document ${this.documentId} (of ${ordered.length} unconfirmed); storing them here`);
        this.bus.publishDocument(this.documentId, encodePeerMessage({ kind: 'adopted', origin, record: ordered.at(-1)!.record }));
      }
    } catch (error) {
      this.log(`realtime: checking the other instances of document ${this.documentId} failed: ${(error as Error)?.message ?? error}`);
    } finally {
      this.checking = false;
      if (this.unconfirmed.size > 0) this.scheduleCheck();
    }
  }
}
