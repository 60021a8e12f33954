/**
 * LISTEN on a database channel, on either driver: the one place that knows how each one does it.
 * Notifications arrive only after the transaction that sent them commits (that is why features use
 * them: see server/domain/activity/activity-notifications.ts). postgres.js keeps one extra connection
 * for listening and re-listens by itself after a reconnect; PGlite delivers on its single connection.
 */
import type { DatabaseHandle } from './database';

type PgliteClient = { listen(channel: string, callback: (payload: string) => void): Promise<() => Promise<void>> };
type PostgresClient = { listen(channel: string, callback: (payload: string) => void): Promise<{ unlisten(): Promise<void> }> };

/** Resolves once listening has begun, with a function that stops it. */
export async function listenForNotifications(handle: DatabaseHandle, channel: string, onNotification: (payload: string) => void): Promise<() => Promise<void>> {
  // Drizzle keeps the driver's own client as $client on both drivers.
  const client = (handle.db as unknown as { $client: unknown }).$client;
  if (handle.kind === 'pglite') return (client as PgliteClient).listen(channel, onNotification);
  const { unlisten } = await (client as PostgresClient).listen(channel, onNotification);
  return unlisten;
}
