/**
 * Erases what this browser keeps of Mend: the offline copies of documents (IndexedDB, one database per
 * document, written by the editor), Cache Storage, and localStorage / sessionStorage. Everything on
 * Mend's origin is Mend's, so all of it goes, not only names Mend knows today.
 *
 * Quick exit cannot wait for any of it: the page is leaving. So the work is *started* synchronously
 * (each `deleteDatabase` call is queued by the browser at once and finishes on its own after the page
 * is gone; an open copy closes itself when asked, so nothing blocks the deletion). The names of the
 * databases are looked up ahead of time, because the browser only lists them asynchronously.
 */

const knownDatabaseNames = new Set<string>();

function hasIndexedDb(): boolean {
  return typeof indexedDB !== 'undefined';
}

/** Looks up the names of this origin's databases, so a later forgetThisDeviceNow can delete them at once. */
export async function rememberLocalDatabases(): Promise<void> {
  if (!hasIndexedDb() || typeof indexedDB.databases !== 'function') return;
  try {
    for (const database of await indexedDB.databases()) if (database.name) knownDatabaseNames.add(database.name);
  } catch {
    // Some private modes refuse to list databases; the names learned so far still go.
  }
}

function deleteDatabase(name: string): Promise<void> {
  knownDatabaseNames.delete(name);
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}

/**
 * Starts erasing everything at once and returns a promise for when it is done (which a page that is
 * leaving never waits for). `extraDatabaseNames` are deleted even if they were not listed yet.
 */
export function forgetThisDeviceNow(extraDatabaseNames: Iterable<string> = []): Promise<void> {
  const work: Promise<unknown>[] = [];
  for (const storage of [() => window.localStorage, () => window.sessionStorage]) {
    try {
      storage().clear();
    } catch {
      // Storage can be switched off entirely; then there is nothing in it either.
    }
  }
  if (hasIndexedDb()) {
    for (const name of new Set([...knownDatabaseNames, ...extraDatabaseNames])) work.push(deleteDatabase(name));
    // Anything created since the last look-up, if the page is still here when the list comes back.
    work.push(
      (async () => {
        if (typeof indexedDB.databases !== 'function') return;
        const listed = await indexedDB.databases().catch(() => []);
        await Promise.all(listed.flatMap((database) => (database.name ? [deleteDatabase(database.name)] : [])));
      })(),
    );
  }
  if (typeof caches !== 'undefined') {
    work.push(caches.keys().then((keys) => Promise.all(keys.map((key) => caches.delete(key)))).catch(() => undefined));
  }
  // A device that is signed out gets no more notices, however neutral: its push subscription ends
  // (the push service then answers 410 and the server deletes its row).
  if (typeof navigator !== 'undefined' && 'serviceWorker' in navigator) {
    work.push(
      navigator.serviceWorker
        .getRegistration('/')
        .then((registration) => registration?.pushManager.getSubscription())
        .then((subscription) => subscription?.unsubscribe())
        .catch(() => undefined),
    );
  }
  return Promise.all(work).then(() => undefined);
}
