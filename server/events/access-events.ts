/**
 * Notifications that who may read or write some documents may have changed: a note was shared
 * (frozen) or retracted, a draft or journal entry deleted, an agreement archived or brought back, a
 * partner left or deleted their account. Domain code publishes *after* its transaction commits; the
 * document rooms (server/realtime/yjs) then ask authorizeDocument again for every open connection to
 * those documents and close the ones whose answer changed. This is the one mechanism for every such
 * change: a feature only has to say which documents (or which space) it touched.
 *
 * Publishing returns a promise that settles once every listener *of this instance* has finished, so
 * an action can await it and know that the connections it holds were dealt with before it answers.
 * It never rejects: a listener's failure is its own to log and handle (the rooms close connections
 * they could not re-check).
 *
 * Changes travel on the process's bus (server/bus): with several instances, every instance hears
 * each change exactly once and re-checks the connections it holds.
 */
import { currentBus } from '../bus';

export type AccessChange = { kind: 'documents'; documentIds: readonly string[] } | { kind: 'space'; spaceId: string };

type AccessListener = (change: AccessChange) => void | Promise<void>;

const TOPIC = 'access-changed';

function publish(change: AccessChange): Promise<void> {
  return currentBus().publish(TOPIC, change);
}

/** Access to these documents may have changed (call after the commit). */
export function publishDocumentAccessChanged(documentIds: readonly string[]): Promise<void> {
  if (documentIds.length === 0) return Promise.resolve();
  return publish({ kind: 'documents', documentIds: [...documentIds] });
}

/** Access to every document of this space may have changed: membership or the space itself changed (call after the commit). */
export function publishSpaceAccessChanged(spaceId: string): Promise<void> {
  return publish({ kind: 'space', spaceId });
}

export function onAccessChanged(listener: AccessListener): () => void {
  return currentBus().subscribe(TOPIC, (message) => listener(message as AccessChange));
}
