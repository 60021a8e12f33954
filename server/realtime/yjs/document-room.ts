/**
 * One loaded document: it owns the Y.Doc, its awareness (who is here, carets) and its connections.
 * It speaks the sync protocol with each connection, records every update it applies (with the
 * author of the connection or server edit that caused it) for the persistence scheduler, and unloads
 * itself once the last connection has left and everything is written.
 *
 * Updates are recorded from the Y.Doc's own 'update' event rather than from the bytes a client sent:
 * the event carries exactly what was integrated, so an update that depends on state the server does
 * not have is never logged before it applies. Such updates are kept aside (bounded by
 * maxPendingBytes) and retried after each later update, so garbage can neither enter a snapshot nor
 * grow memory without limit.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { Executor } from '../../db/database';
import { bindingRows, checkClientOwnership, loadClientOwners, type ClientOwners } from './client-bindings';
import { CloseCode } from './close-codes';
import { listDocumentUpdates, loadDocument, type ClientBindingRow, type UpdateRow } from './document-store';
import type { RealtimeLimits } from './limits';
import type { DocumentBatch, PersistenceScheduler, PersistenceSource } from './persistence-scheduler';
import { decodeClientMessage, encodeAwarenessMessage, encodeSyncStep1, encodeSyncStep2, encodeUpdateMessage } from './protocol';
import { removeRoom } from './room-registry';
import type { MessageSink, RoomConnection } from './room-connection';

export interface RoomDependencies {
  db: Executor;
  scheduler: PersistenceScheduler;
  limits: RealtimeLimits;
  /** A snapshot is written once this many updates have accumulated since the last one. */
  snapshotEvery: number;
  log: (line: string) => void;
  /** The service's set of its own rooms (for shutdown). */
  rooms: Set<DocumentRoom>;
}

/** Transaction origin of updates read back from the log: already stored, so not stored again. */
const FROM_LOG = { kind: 'from-log' } as const;

type Origin = RoomConnection | { kind: 'server-edit' | 'pending-retry'; authorId: string | null } | typeof FROM_LOG | null | undefined;

interface PendingUpdate {
  /** V2-encoded, as Yjs keeps pending state. */
  update: Uint8Array;
  authorId: string | null;
}

export class DocumentRoom implements PersistenceSource, MessageSink {
  readonly awareness: awarenessProtocol.Awareness;
  readonly connections = new Set<RoomConnection>();
  private unwritten: UpdateRow[] = [];
  private unwrittenAppliedAt: number[] = [];
  /** Client ids bound since the last write; they go out with the next batch of updates. */
  private unwrittenClients: ClientBindingRow[] = [];
  private nextSeq: number;
  private writtenSeq: number;
  private snapshotSeq: number;
  private sizeEstimate: number;
  private pending: PendingUpdate[] = [];
  private pendingBytes = 0;
  private state: 'open' | 'gone' = 'open';
  private unloadRequested = false;

  static async load(documentId: string, spaceId: string | null, deps: RoomDependencies): Promise<DocumentRoom> {
    const loaded = await loadDocument(deps.db, documentId);
    let owners: ClientOwners;
    try {
      owners = await loadClientOwners(deps.db, documentId);
    } catch (error) {
      loaded.doc.destroy();
      throw error;
    }
    return new DocumentRoom(documentId, spaceId, loaded.doc, owners, loaded.lastSeq, loaded.lastSeq - loaded.updatesSinceSnapshot, deps);
  }

  private constructor(
    readonly documentId: string,
    readonly spaceId: string | null,
    readonly doc: Y.Doc,
    /** Who owns each client id of this document (client-bindings.ts); kept with the room, extended as clients first write. */
    private readonly clientOwners: ClientOwners,
    lastSeq: number,
    snapshotSeq: number,
    private readonly deps: RoomDependencies,
  ) {
    this.nextSeq = lastSeq + 1;
    this.writtenSeq = lastSeq;
    this.snapshotSeq = snapshotSeq;
    this.sizeEstimate = Y.encodeStateAsUpdate(doc).length;
    // Loaded state that cannot integrate (should never happen: only integrated updates are stored)
    // is kept aside like any other pending update rather than served half-applied.
    this.setAsidePending(null);
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.awareness.setLocalState(null);
    this.awareness.on('update', this.onAwarenessUpdate);
    doc.on('update', this.onDocumentUpdate);
    deps.rooms.add(this);
  }

  get loaded(): boolean {
    return this.state === 'open';
  }

  /** Admit a connection: our state vector (so it sends what we lack) and who is here. False if this room has unloaded. */
  join(connection: RoomConnection): boolean {
    if (this.state !== 'open') return false;
    this.unloadRequested = false;
    this.connections.add(connection);
    connection.send(encodeSyncStep1(this.doc));
    const states = this.awareness.getStates();
    if (states.size > 0) {
      connection.send(encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()])));
    }
    return true;
  }

  leave(connection: RoomConnection): void {
    if (!this.connections.delete(connection)) return;
    if (connection.awarenessClientIds.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...connection.awarenessClientIds], null);
    }
    if (this.connections.size === 0) this.unloadWhenIdle();
  }

  /** Unload once everything is written, unless someone joins meanwhile. */
  unloadWhenIdle(): void {
    if (this.state !== 'open' || this.unloadRequested || this.connections.size > 0) return;
    this.unloadRequested = true;
    void this.deps.scheduler.flush(this).then(() => {
      if (this.state !== 'open' || !this.unloadRequested || this.connections.size > 0) return;
      if (!this.hasUnwritten()) {
        this.destroy();
        return;
      }
      // A server edit arrived while flushing: try again once that is written too.
      this.unloadRequested = false;
      this.unloadWhenIdle();
    });
  }

  receive(connection: RoomConnection, bytes: Uint8Array): void {
    if (this.state !== 'open') return;
    let message;
    try {
      message = decodeClientMessage(bytes);
    } catch (error) {
      connection.refuse(CloseCode.malformed, (error as Error).message);
      return;
    }
    switch (message.kind) {
      case 'sync-step-1': {
        let reply: Uint8Array;
        try {
          reply = encodeSyncStep2(this.doc, message.stateVector);
        } catch (error) {
          connection.refuse(CloseCode.malformed, `undecodable state vector: ${(error as Error).message}`);
          return;
        }
        connection.send(reply);
        return;
      }
      case 'sync-step-2':
      case 'update':
        // A read-only connection's edits are not applied; the client simply stays behind on them.
        if (connection.identity?.mode !== 'edit') return;
        this.applyClientUpdate(connection, message.update);
        return;
      case 'awareness':
        try {
          const own = this.ownAwarenessStamped(connection, message.update);
          if (own) awarenessProtocol.applyAwarenessUpdate(this.awareness, own, connection);
        } catch (error) {
          connection.refuse(CloseCode.malformed, `undecodable awareness update: ${(error as Error).message}`);
        }
        return;
      case 'query-awareness':
        connection.send(encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()])));
        return;
      case 'auth':
        return;
    }
  }

  /**
   * Awareness (presence, caret, name) is client-made, but a connection may speak only for the
   * clients it introduced: entries for a client id that another connection owns are dropped, so
   * nobody can move, rename or remove someone else's caret. And the name and colour others see are
   * the connection's own, from the server's identity: the `user` field of every state is replaced
   * (the client's is only a claim), so nobody can label their caret as the partner. Null when
   * nothing is left.
   */
  private ownAwarenessStamped(connection: RoomConnection, update: Uint8Array): Uint8Array | null {
    const identity = connection.identity!;
    const user = { userId: identity.userId, name: identity.name, color: identity.colour };
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    const kept: Array<{ clientId: number; clock: number; state: string }> = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const state = decoding.readVarString(decoder);
      let ownedByOther = false;
      for (const other of this.connections) {
        if (other !== connection && other.awarenessClientIds.has(clientId)) ownedByOther = true;
      }
      if (!ownedByOther) kept.push({ clientId, clock, state: stampPresence(state, user) });
    }
    if (decoding.hasContent(decoder)) throw new Error('trailing bytes after the awareness update');
    if (kept.length === 0) return null;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, kept.length);
    for (const entry of kept) {
      encoding.writeVarUint(encoder, entry.clientId);
      encoding.writeVarUint(encoder, entry.clock);
      encoding.writeVarString(encoder, entry.state);
    }
    return encoding.toUint8Array(encoder);
  }

  private applyClientUpdate(connection: RoomConnection, update: Uint8Array): void {
    if (this.sizeEstimate + update.length > this.deps.limits.maxDocumentBytes) {
      connection.refuse(CloseCode.tooLarge, 'the document would grow past its size limit');
      return;
    }
    const decoded = decodeOrReason(update);
    if (typeof decoded === 'string') {
      connection.refuse(CloseCode.malformed, decoded);
      return;
    }
    const { userId } = connection.identity!;
    const ownership = checkClientOwnership(decoded.structs, this.doc, this.clientOwners, userId);
    if (!ownership.ok) {
      connection.refuse(CloseCode.forbidden, `the update writes under Yjs client id ${ownership.clientId}, which belongs to ${ownership.ownerId === null ? 'Mend itself' : 'another person'}`);
      return;
    }
    // Bound before applying: whatever part of the update integrates is logged under a bound id.
    this.bindClients(ownership.unbound, userId);
    const problem = this.applyUpdate(update, connection);
    if (problem) {
      connection.refuse(CloseCode.malformed, problem);
      return;
    }
    if (!this.setAsidePending(connection.identity!.userId)) {
      connection.refuse(CloseCode.tooLarge, 'too many updates that depend on missing state');
    }
  }

  /**
   * A change made by the server itself (template seeding, restoring a version): applied and shown
   * to everyone here like any edit, logged with `authorId`, and durable when this resolves.
   * Resolves false when the room unloaded meanwhile (the caller then goes to the log directly).
   */
  async applyServerEdit(update: Uint8Array, authorId: string | null): Promise<boolean> {
    if (this.state !== 'open') return false;
    if (this.sizeEstimate + update.length > this.deps.limits.maxDocumentBytes) throw new Error('the document would grow past its size limit');
    const decoded = decodeOrReason(update);
    if (typeof decoded === 'string') throw new Error(`server edit refused: ${decoded}`);
    // A server edit is made on a fresh Y.Doc, so its client id is new: it is bound to the person acting (or to Mend itself).
    const ownership = checkClientOwnership(decoded.structs, this.doc, this.clientOwners, authorId);
    if (!ownership.ok) throw new Error(`server edit refused: it writes under Yjs client id ${ownership.clientId}, which belongs to someone else`);
    this.bindClients(ownership.unbound, authorId);
    const problem = this.applyUpdate(update, { kind: 'server-edit', authorId });
    if (problem) throw new Error(`server edit refused: ${problem}`);
    this.setAsidePending(authorId);
    await this.deps.scheduler.flush(this);
    return true;
  }

  private bindClients(clientIds: number[], userId: string | null): void {
    if (clientIds.length === 0) return;
    for (const clientId of clientIds) this.clientOwners.set(clientId, userId);
    for (const row of bindingRows(this.documentId, clientIds, userId)) this.unwrittenClients.push(row);
  }

  /** Who owns each client id of this document (for tests and history). */
  ownerOfClient(clientId: number): string | null | undefined {
    return this.clientOwners.get(clientId);
  }

  /** Applies an update that decodeOrReason accepted. Returns a reason when applying failed. */
  private applyUpdate(update: Uint8Array, origin: Origin): string | null {
    try {
      Y.applyUpdate(this.doc, update, origin);
    } catch (error) {
      this.deps.log(`realtime: applying an update to document ${this.documentId} failed: ${(error as Error)?.stack ?? error}`);
      return `update could not be applied: ${(error as Error).message}`;
    }
    return null;
  }

  private readonly onDocumentUpdate = (update: Uint8Array, origin: Origin): void => {
    const message = encodeUpdateMessage(update);
    for (const connection of this.connections) {
      if (connection !== origin) connection.send(message);
    }
    this.sizeEstimate += update.length;
    if (origin === FROM_LOG || this.state !== 'open') return;
    const authorId = origin && 'kind' in origin ? (origin.kind === 'room-connection' ? origin.identity!.userId : 'authorId' in origin ? origin.authorId : null) : null;
    this.unwritten.push({ documentId: this.documentId, seq: this.nextSeq++, update, authorId });
    this.unwrittenAppliedAt.push(Date.now());
    this.deps.scheduler.markDirty(this);
  };

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const connection = origin as RoomConnection | null;
    if (connection && connection.kind === 'room-connection' && this.connections.has(connection)) {
      for (const id of added) connection.awarenessClientIds.add(id);
      for (const id of removed) connection.awarenessClientIds.delete(id);
    }
    const changed = added.concat(updated, removed);
    const message = encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
    for (const each of this.connections) each.send(message);
  };

  /**
   * Moves whatever the last apply left pending out of the Y.Doc, and retries earlier pending updates
   * (the last one may have supplied what they lacked). False when the pending bytes pass the limit:
   * everything pending is then dropped.
   */
  private setAsidePending(authorId: string | null): boolean {
    const fresh = takePendingFromStore(this.doc);
    if (this.pending.length > 0) {
      const earlier = this.pending;
      this.pending = [];
      this.pendingBytes = 0;
      for (const item of earlier) {
        Y.applyUpdateV2(this.doc, item.update, { kind: 'pending-retry', authorId: item.authorId });
        const still = takePendingFromStore(this.doc);
        if (still) this.keepPending({ update: still, authorId: item.authorId });
      }
    }
    if (fresh) this.keepPending({ update: fresh, authorId });
    if (this.pendingBytes > this.deps.limits.maxPendingBytes) {
      this.deps.log(`realtime: document ${this.documentId} had ${this.pendingBytes} bytes of updates that depend on missing state; dropped`);
      this.pending = [];
      this.pendingBytes = 0;
      return false;
    }
    return true;
  }

  private keepPending(item: PendingUpdate): void {
    this.pending.push(item);
    this.pendingBytes += item.update.length;
  }

  // PersistenceSource

  hasUnwritten(): boolean {
    return this.unwritten.length > 0;
  }

  takeBatch(snapshotAllowed: boolean): DocumentBatch | null {
    if (this.unwritten.length === 0) return null;
    const updates = this.unwritten;
    const appliedAt = this.unwrittenAppliedAt;
    const clients = this.unwrittenClients;
    this.unwritten = [];
    this.unwrittenAppliedAt = [];
    this.unwrittenClients = [];
    const lastSeq = updates[updates.length - 1]!.seq;
    // Taken in the same synchronous step as the rows, so the state is exactly "after lastSeq".
    const snapshot =
      snapshotAllowed && lastSeq - this.snapshotSeq >= this.deps.snapshotEvery && this.state === 'open'
        ? { documentId: this.documentId, seq: lastSeq, state: Y.encodeStateAsUpdate(this.doc) }
        : null;
    return { documentId: this.documentId, updates, appliedAt, snapshot, clients };
  }

  batchWritten(batch: DocumentBatch): void {
    this.writtenSeq = Math.max(this.writtenSeq, batch.updates[batch.updates.length - 1]!.seq);
    if (batch.snapshot) {
      this.snapshotSeq = batch.snapshot.seq;
      this.sizeEstimate = batch.snapshot.state.length + this.unwritten.reduce((sum, row) => sum + row.update.length, 0);
    }
  }

  batchFailed(batch: DocumentBatch): void {
    this.unwritten = batch.updates.concat(this.unwritten);
    this.unwrittenAppliedAt = batch.appliedAt.concat(this.unwrittenAppliedAt);
    this.unwrittenClients = batch.clients.concat(this.unwrittenClients);
  }

  batchDropped(): void {
    this.evict();
  }

  async reconcileWithLog(): Promise<void> {
    const rows = await listDocumentUpdates(this.deps.db, this.documentId, { afterSeq: this.writtenSeq, limit: 10_000 });
    if (rows.length === 0) return;
    const mine = new Map(this.unwritten.map((row) => [row.seq, row]));
    const alreadyWritten = new Set<UpdateRow>();
    for (const row of rows) {
      const own = mine.get(row.seq);
      if (own && Buffer.compare(Buffer.from(own.update), Buffer.from(row.update)) === 0) {
        alreadyWritten.add(own);
      } else {
        // Someone else's update: apply it here (everyone connected sees it) without logging it again.
        Y.applyUpdate(this.doc, row.update, FROM_LOG);
      }
    }
    const keptRows: UpdateRow[] = [];
    const keptAppliedAt: number[] = [];
    this.unwritten.forEach((row, index) => {
      if (alreadyWritten.has(row)) return;
      keptRows.push(row);
      keptAppliedAt.push(this.unwrittenAppliedAt[index]!);
    });
    this.writtenSeq = rows[rows.length - 1]!.seq;
    let seq = this.writtenSeq + 1;
    for (const row of keptRows) row.seq = seq++;
    this.nextSeq = seq;
    this.unwritten = keptRows;
    this.unwrittenAppliedAt = keptAppliedAt;
  }

  // Closing

  /** Close everyone and drop the document WITHOUT storing anything (it was deleted for good). */
  evict(): void {
    if (this.state !== 'open') return;
    this.unwritten = [];
    this.unwrittenAppliedAt = [];
    this.unwrittenClients = [];
    this.deps.scheduler.forget(this.documentId);
    for (const connection of [...this.connections]) connection.close(CloseCode.notFound, 'this document no longer exists');
    this.destroy();
  }

  destroy(): void {
    if (this.state === 'gone') return;
    this.state = 'gone';
    removeRoom(this.documentId, this);
    this.deps.rooms.delete(this);
    this.doc.off('update', this.onDocumentUpdate);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    this.doc.destroy();
  }
}

/** The decoded update, or why it cannot be decoded. Decoded once: validation and the client-id check share it. */
function decodeOrReason(update: Uint8Array): ReturnType<typeof Y.decodeUpdate> | string {
  try {
    // Decode fully before touching the document: a truncated or random update throws here.
    return Y.decodeUpdate(update);
  } catch (error) {
    return `undecodable update: ${(error as Error).message}`;
  }
}

/** An awareness state (JSON text) with its `user` replaced by the connection's identity; null stays null (the client left). */
function stampPresence(state: string, user: { userId: string; name: string; color: string }): string {
  const parsed: unknown = JSON.parse(state);
  if (parsed === null) return state;
  if (typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('an awareness state must be an object or null');
  return JSON.stringify({ ...(parsed as Record<string, unknown>), user });
}

/**
 * Pending structs and deletes are internal to Yjs's StructStore (and encoded in the V2 format); this
 * is the one place that touches them.
 */
function takePendingFromStore(doc: Y.Doc): Uint8Array | null {
  const store = doc.store as unknown as { pendingStructs: { update: Uint8Array } | null; pendingDs: Uint8Array | null };
  const parts: Uint8Array[] = [];
  if (store.pendingStructs) parts.push(store.pendingStructs.update);
  if (store.pendingDs) parts.push(store.pendingDs);
  store.pendingStructs = null;
  store.pendingDs = null;
  if (parts.length === 0) return null;
  return parts.length === 1 ? parts[0]! : Y.mergeUpdatesV2(parts);
}
