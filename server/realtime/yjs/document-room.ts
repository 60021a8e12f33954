/**
 * One loaded document: it owns the Y.Doc, its awareness (who is here, carets) and its connections.
 * It speaks the sync protocol with each connection, hands every update it applies (with the author
 * of the connection or server edit that caused it) to the document's log (server/documents), and
 * unloads itself once the last connection has left and the log is written.
 *
 * Updates are recorded from the Y.Doc's own 'update' event rather than from the bytes a client sent:
 * the event carries exactly what was integrated, so an update that depends on state the server does
 * not have is never logged before it applies (pending-updates.ts keeps those aside). Who may say
 * what about presence is awareness-filter.ts.
 */
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { RealtimeBus } from '../../bus/realtime-bus';
import type { Executor } from '../../db/database';
import { bindingRows, checkClientOwnership, loadClientOwners, type ClientOwners } from '../../documents/client-bindings';
import { DocumentLog, type DocumentLogOwner } from '../../documents/document-log';
import { loadDocument, loadDocumentState } from '../../documents/document-store';
import type { PersistenceScheduler } from '../../documents/persistence-scheduler';
import { ownAwarenessStamped } from './awareness-filter';
import { CloseCode } from './close-codes';
import { DocumentPeers, defaultPeerTiming, type PeerRoom, type PeerTiming } from './document-peers';
import type { RealtimeLimits } from './limits';
import type { PeerRecord } from './peer-messages';
import { PendingUpdates, type PendingRetryOrigin } from './pending-updates';
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
  /** The other instances (document-peers.ts); the in-process bus has none. */
  bus: RealtimeBus;
  peerTiming?: PeerTiming;
}

/** Transaction origin of updates read back from the log: already stored, so not stored again. */
const FROM_LOG = { kind: 'from-log' } as const;
/** Transaction origin of updates (and awareness) from another instance: it stores them, this one only shows them. */
const FROM_PEER = { kind: 'from-peer' } as const;

type Origin =
  | RoomConnection
  | { kind: 'server-edit'; authorId: string | null }
  | PendingRetryOrigin
  | typeof FROM_LOG
  | typeof FROM_PEER
  | null
  | undefined;

export class DocumentRoom implements MessageSink, DocumentLogOwner, PeerRoom {
  readonly awareness: awarenessProtocol.Awareness;
  readonly connections = new Set<RoomConnection>();
  private sizeEstimate: number;
  private readonly pending: PendingUpdates;
  private state: 'open' | 'gone' = 'open';
  private unloadRequested = false;
  /** Awareness client ids introduced on other instances: no connection here may speak for them. */
  private readonly peerAwarenessIds = new Set<number>();

  /**
   * Joins the document's bus channel first (so nothing another instance publishes meanwhile is
   * missed), loads the stored document, then asks the other instances for what they have not
   * written yet. Resolves only once both are in: nobody is served a partial document.
   */
  static async load(documentId: string, spaceId: string | null, deps: RoomDependencies): Promise<DocumentRoom> {
    const peers = await DocumentPeers.join(deps.bus, documentId, deps.peerTiming ?? defaultPeerTiming, deps.log);
    let room: DocumentRoom;
    try {
      const loaded = await loadDocument(deps.db, documentId);
      let owners: ClientOwners;
      try {
        owners = await loadClientOwners(deps.db, documentId);
      } catch (error) {
        loaded.doc.destroy();
        throw error;
      }
      const log = new DocumentLog(
        documentId,
        { lastSeq: loaded.lastSeq, snapshotSeq: loaded.lastSeq - loaded.updatesSinceSnapshot },
        { db: deps.db, scheduler: deps.scheduler, snapshotEvery: deps.snapshotEvery, log: deps.log },
      );
      room = new DocumentRoom(documentId, spaceId, loaded.doc, owners, log, peers, deps);
    } catch (error) {
      await peers.leave();
      throw error;
    }
    try {
      await peers.attach(room);
    } catch (error) {
      room.destroy();
      throw error;
    }
    return room;
  }

  private constructor(
    readonly documentId: string,
    readonly spaceId: string | null,
    readonly doc: Y.Doc,
    /** Who owns each client id of this document (client-bindings.ts); kept with the room, extended as clients first write. */
    private readonly clientOwners: ClientOwners,
    readonly log: DocumentLog,
    readonly peers: DocumentPeers,
    private readonly deps: RoomDependencies,
  ) {
    log.attach(this);
    this.sizeEstimate = Y.encodeStateAsUpdate(doc).length;
    this.pending = new PendingUpdates(deps.limits.maxPendingBytes, deps.log);
    // Loaded state that cannot integrate (should never happen: only integrated updates are stored)
    // is kept aside like any other pending update rather than served half-applied.
    this.pending.settle(doc, null, documentId);
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
    void this.log.flush().then(() => {
      if (this.state !== 'open' || !this.unloadRequested || this.connections.size > 0) return;
      if (!this.log.hasUnwritten()) {
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
          const own = this.ownAwareness(connection, message.update);
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

  /** The part of a connection's awareness update it may send, stamped with its identity (awareness-filter.ts). */
  private ownAwareness(connection: RoomConnection, update: Uint8Array): Uint8Array | null {
    const identity = connection.identity!;
    return ownAwarenessStamped(update, { userId: identity.userId, name: identity.name, color: identity.colour }, (clientId) => {
      if (this.peerAwarenessIds.has(clientId)) return true;
      for (const other of this.connections) {
        if (other !== connection && other.awarenessClientIds.has(clientId)) return true;
      }
      return false;
    });
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
    if (!this.pending.settle(this.doc, connection.identity!.userId, this.documentId)) {
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
    this.pending.settle(this.doc, authorId, this.documentId);
    await this.log.flush();
    return true;
  }

  private bindClients(clientIds: number[], userId: string | null): void {
    if (clientIds.length === 0) return;
    for (const clientId of clientIds) this.clientOwners.set(clientId, userId);
    this.log.bind(bindingRows(this.documentId, clientIds, userId));
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
    if (this.state !== 'open') return;
    if (origin === FROM_LOG || origin === FROM_PEER || (origin?.kind === 'pending-retry' && origin.fromPeer)) {
      this.log.foreignApplied();
      return;
    }
    const authorId = origin && 'kind' in origin ? (origin.kind === 'room-connection' ? origin.identity!.userId : 'authorId' in origin ? origin.authorId : null) : null;
    const record = this.log.record(update, authorId);
    this.peers.publishUpdate(record, authorId, update);
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
    if (origin === FROM_PEER) {
      for (const id of added) this.peerAwarenessIds.add(id);
      for (const id of removed) this.peerAwarenessIds.delete(id);
    }
    const changed = added.concat(updated, removed);
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
    const message = encodeAwarenessMessage(update);
    for (const each of this.connections) each.send(message);
    if (origin !== FROM_PEER) this.peers.publishAwareness(update);
  };

  // PeerRoom: what the other instances bring

  applyFromPeer(update: Uint8Array, authorId: string | null): void {
    if (this.state !== 'open') return;
    // Their client ids are theirs: no connection here may write under them (the sender stores the binding).
    try {
      for (const clientId of Y.parseUpdateMeta(update).from.keys()) if (!this.clientOwners.has(clientId)) this.clientOwners.set(clientId, authorId);
      Y.applyUpdate(this.doc, update, FROM_PEER);
    } catch (error) {
      this.deps.log(`realtime: an update from another instance for document ${this.documentId} could not be applied: ${(error as Error)?.message ?? error}`);
      return;
    }
    this.pending.settle(this.doc, authorId, this.documentId, true);
  }

  applyPeerAwareness(update: Uint8Array): void {
    if (this.state !== 'open') return;
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, FROM_PEER);
    } catch (error) {
      this.deps.log(`realtime: an awareness update from another instance for document ${this.documentId} could not be applied: ${(error as Error)?.message ?? error}`);
    }
  }

  stateVector(): Uint8Array {
    return Y.encodeStateVector(this.doc);
  }

  missingFor(stateVector: Uint8Array): Uint8Array {
    return Y.encodeStateAsUpdate(this.doc, stateVector);
  }

  lacksFrom(stateVector: Uint8Array): boolean {
    for (const [client, clock] of Y.decodeStateVector(stateVector)) if (clock > Y.getState(this.doc.store, client)) return true;
    return false;
  }

  async adopt(records: PeerRecord[]): Promise<number> {
    if (this.state !== 'open') return 0;
    // Only what the log really lacks: the sender may have stored some of it and lost only the news
    // of it (a message lost on the bus). Checked against the stored document, not against memory.
    const { state } = await loadDocumentState(this.deps.db, this.documentId);
    const stored = new Y.Doc();
    Y.applyUpdate(stored, state);
    let adopted = 0;
    for (const record of records) {
      let changed = false;
      const mark = () => (changed = true);
      stored.on('update', mark);
      Y.applyUpdate(stored, record.update);
      stored.off('update', mark);
      if (!changed || this.state !== 'open') continue;
      adopted++;
      const clientIds = [...Y.parseUpdateMeta(record.update).from.keys()];
      // The dead instance may not have stored these bindings; storing them again changes nothing if it did.
      this.log.bind(bindingRows(this.documentId, clientIds, record.authorId));
      this.log.record(record.update, record.authorId);
    }
    stored.destroy();
    return adopted;
  }

  unstored(): PeerRecord[] {
    return this.log.unstored();
  }

  storedThrough(): number {
    return this.log.storedThrough;
  }

  // DocumentLogOwner: what the log may ask of the document

  encodeState(): Uint8Array {
    return Y.encodeStateAsUpdate(this.doc);
  }

  applyStored(update: Uint8Array): void {
    // Someone else's update: everyone connected sees it, and it is not logged again.
    if (this.state === 'open') Y.applyUpdate(this.doc, update, FROM_LOG);
  }

  compacted(stateBytes: number, unwrittenBytes: number): void {
    this.sizeEstimate = stateBytes + unwrittenBytes;
  }

  dropped(): void {
    this.evict();
  }

  stored(through: number): void {
    this.peers.publishStoredThrough(through);
  }

  // Closing

  /** Close everyone and drop the document WITHOUT storing anything (it was deleted for good). */
  evict(): void {
    if (this.state !== 'open') return;
    this.log.discard();
    for (const connection of [...this.connections]) connection.close(CloseCode.notFound, 'this document no longer exists');
    this.destroy();
  }

  destroy(): void {
    if (this.state === 'gone') return;
    this.state = 'gone';
    this.log.close();
    void this.peers.leave();
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
