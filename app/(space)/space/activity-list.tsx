'use client';
/**
 * The space's activity list, kept current live: whenever an activity item is added in the space (any
 * feature: the server sends 'activity-added' once the change has committed), the first page is read
 * again from GET /space/activity, which decides what this person sees. "Show older" reads the pages
 * past the first.
 *
 * What the partner did since this person last looked carries a small "new" label on a soft background:
 * no counts, no badges. After the list has been in sight for a few seconds (so the label is seen
 * first) the person's own marker moves up to the newest item shown; the labels stay for this visit and
 * are gone on the next. Nothing about looking is ever shown to the partner.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { ACTIVITY_ADDED_EVENT } from '@/server/domain/activity/activity-notifications';
import { useLiveEvent, useLiveSocket } from '../../_components/live/live-connection';
import { markActivityLookedAction } from './activity-actions';
import type { ActivityListItem, ActivityListPage } from './activity-view';
import { describeActivity } from './describe-activity';
import styles from './activity-list.module.css';
import { LocalTime } from '../../_components/local-time';

/** Long enough to notice the "new" labels before they count as seen. */
const LOOK_DELAY_MS = 3000;

async function fetchActivityPage(spaceId: string, before: string | null): Promise<ActivityListPage> {
  const query = new URLSearchParams({ space: spaceId, ...(before ? { before } : {}) });
  const response = await fetch(`/space/activity?${query}`, { cache: 'no-store' });
  if (!response.ok) throw new Error(`activity page answered ${response.status}`);
  return (await response.json()) as ActivityListPage;
}

/** A fresh first page in front of what is already listed; older pages already read are kept. */
function mergeFirstPage(current: ActivityListPage, fresh: ActivityListPage): ActivityListPage {
  const known = new Set(current.items.map((item) => item.id));
  // More arrived than one page holds: start again from the fresh page rather than leave a gap.
  if (!fresh.items.some((item) => known.has(item.id)) && current.items.length > 0) return fresh;
  return { items: [...fresh.items.filter((item) => !known.has(item.id)), ...current.items], nextCursor: current.nextCursor };
}

export function ActivityList({ spaceId, initial, live }: { spaceId: string; initial: ActivityListPage; live: boolean }) {
  const [page, setPage] = useState(initial);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [markedUpTo, setMarkedUpTo] = useState<string | null>(null);
  // Items shown as new during this visit keep their label after the marker has moved past them.
  const [shownAsNew, setShownAsNew] = useState<ReadonlySet<string>>(() => new Set(initial.items.filter((i) => i.isNew).map((i) => i.id)));

  const refresh = useCallback(async () => {
    try {
      const fresh = await fetchActivityPage(spaceId, null);
      setPage((current) => mergeFirstPage(current, fresh));
      setShownAsNew((current) => new Set([...current, ...fresh.items.filter((i) => i.isNew).map((i) => i.id)]));
    } catch {
      // The next live event, a reconnect or a reload brings it back; the list as shown stays correct.
    }
  }, [spaceId]);

  useLiveEvent(ACTIVITY_ADDED_EVENT, () => {
    if (live) void refresh();
  });

  // After a dropped connection, items may have been added while nobody could tell this page.
  const { status } = useLiveSocket();
  const wasConnected = useRef(false);
  useEffect(() => {
    if (status !== 'connected') return;
    if (wasConnected.current && live) void refresh();
    wasConnected.current = true;
  }, [status, live, refresh]);

  // Mark as seen once the list has been in sight for a while, up to the newest item shown.
  const newest = page.items[0]?.id ?? null;
  const anythingNew = page.items.some((item) => item.isNew);
  useEffect(() => {
    if (!newest || !anythingNew || markedUpTo === newest) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const start = () => {
      clearTimeout(timer);
      if (document.visibilityState !== 'visible') return;
      timer = setTimeout(() => {
        void markActivityLookedAction(spaceId, newest).then((result) => {
          if (result.ok) setMarkedUpTo(newest);
        });
      }, LOOK_DELAY_MS);
    };
    start();
    document.addEventListener('visibilitychange', start);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', start);
    };
  }, [spaceId, newest, anythingNew, markedUpTo]);

  async function showOlder() {
    if (!page.nextCursor) return;
    setLoadingOlder(true);
    setProblem(null);
    try {
      const older = await fetchActivityPage(spaceId, page.nextCursor);
      setPage((current) => {
        const known = new Set(current.items.map((item) => item.id));
        return { items: [...current.items, ...older.items.filter((item) => !known.has(item.id))], nextCursor: older.nextCursor };
      });
      setShownAsNew((current) => new Set([...current, ...older.items.filter((i) => i.isNew).map((i) => i.id)]));
    } catch {
      setProblem('Older activity could not be loaded just now. Please try again.');
    } finally {
      setLoadingOlder(false);
    }
  }

  if (page.items.length === 0) return <p className="muted">Nothing yet.</p>;
  return (
    <>
      <ul className="plain activity" data-testid="activity" data-seen-up-to={markedUpTo ?? undefined}>
        {page.items.map((item) => (
          <ActivityRow key={item.id} item={item} isNew={item.isNew || shownAsNew.has(item.id)} />
        ))}
      </ul>
      {problem ? (
        <p className="notice notice-error" role="alert">
          {problem}
        </p>
      ) : null}
      {page.nextCursor ? (
        <button type="button" className={`secondary outline ${styles.older}`} onClick={showOlder} aria-busy={loadingOlder} disabled={loadingOlder}>
          {loadingOlder ? 'Loading…' : 'Show older'}
        </button>
      ) : null}
    </>
  );
}

function ActivityRow({ item, isNew }: { item: ActivityListItem; isNew: boolean }) {
  return (
    <li className={isNew ? styles.new : undefined} data-new={isNew ? 'true' : undefined} data-activity-id={item.id}>
      {isNew ? <span className={styles.label}>new</span> : null}
      {describeActivity(item)}
      <LocalTime iso={item.createdAt} />
    </li>
  );
}
