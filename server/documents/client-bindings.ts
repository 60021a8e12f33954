/**
 * Which person each Yjs client id of a document belongs to. Every item a Yjs client inserts carries
 * its client id, and history's compare view colours text by the person who first wrote with that
 * id (server/domain/history/attribution-index.ts). A client id is a number the client picks, so
 * without this anyone could write text under their partner's id and have it shown as the partner's.
 *
 * So the first authenticated person to insert content under a client id owns it in that document
 * (table document_clients, written in the same statement as that first update), and the room
 * refuses an update that inserts content under a client id someone else owns. Deleting the
 * partner's text is not affected: deletions carry no client id of their own.
 */
import { eq } from 'drizzle-orm';
import * as Y from 'yjs';
import { documentClients } from '../../drizzle/schema';
import type { Executor } from '../db/database';
import { listDocumentUpdates, type ClientBindingRow } from './document-store';

export type ClientOwners = Map<number, string | null>;

const LOG_PAGE = 10_000;
const BINDINGS_PER_INSERT = 1000;

/**
 * The bindings of one document. A document whose log predates bindings (or was seeded directly into
 * the log, like an agreement's template) has none yet although it has updates: they are derived
 * from the log (the author of the first update that used each client id) and stored at once, so
 * every later writer, loaded room or not, checks against the same owners.
 */
export async function loadClientOwners(db: Executor, documentId: string): Promise<ClientOwners> {
  const rows = await db.select({ clientId: documentClients.clientId, userId: documentClients.userId }).from(documentClients).where(eq(documentClients.documentId, documentId));
  if (rows.length > 0) return new Map(rows.map((row) => [row.clientId, row.userId]));
  const owners: ClientOwners = new Map();
  for (let afterSeq = 0; ; ) {
    const page = await listDocumentUpdates(db, documentId, { afterSeq, limit: LOG_PAGE });
    for (const row of page) {
      for (const clientId of Y.parseUpdateMeta(row.update).from.keys()) if (!owners.has(clientId)) owners.set(clientId, row.authorId);
    }
    if (page.length < LOG_PAGE) break;
    afterSeq = page.at(-1)!.seq;
  }
  const derived = [...owners].map(([clientId, userId]) => ({ documentId, clientId, userId }));
  for (let start = 0; start < derived.length; start += BINDINGS_PER_INSERT) {
    await db.insert(documentClients).values(derived.slice(start, start + BINDINGS_PER_INSERT)).onConflictDoNothing();
  }
  return owners;
}

export type OwnershipCheck = { ok: true; unbound: number[] } | { ok: false; clientId: number; ownerId: string | null };

/**
 * The client ids under which `structs` (a decoded update) insert content that `doc` does not have
 * yet, checked against their owners for a writer `userId`. Structs the document already has are
 * ignored: a client resending state it received from others (after reconnecting) is not writing
 * under their ids. `unbound`: the client ids this writer uses for the first time.
 */
export function checkClientOwnership(structs: ReadonlyArray<Y.Item | Y.GC | Y.Skip>, doc: Y.Doc, owners: ClientOwners, userId: string | null): OwnershipCheck {
  let unbound: number[] | null = null;
  let decided = -1;
  for (const struct of structs) {
    if (struct instanceof Y.Skip) continue;
    const client = struct.id.client;
    // Structs come grouped by client in clock order: once one is new, the client is decided.
    if (client === decided) continue;
    if (struct.id.clock + struct.length <= Y.getState(doc.store, client)) continue;
    decided = client;
    if (!owners.has(client)) {
      (unbound ??= []).push(client);
      continue;
    }
    const ownerId = owners.get(client)!;
    if (ownerId !== userId) return { ok: false, clientId: client, ownerId };
  }
  return { ok: true, unbound: unbound ?? [] };
}

/** Binding rows for client ids `writer` used first. */
export function bindingRows(documentId: string, clientIds: readonly number[], userId: string | null): ClientBindingRow[] {
  return clientIds.map((clientId) => ({ documentId, clientId, userId }));
}
