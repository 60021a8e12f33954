/**
 * Tells both members of a space, live, that an activity item was added, whatever the feature that
 * added it: the database announces each new item once its transaction commits (activity-notifications.ts),
 * this feature reads the item and sends it to the space's room as 'activity-added'. The space page's
 * activity list re-reads itself on it; the notices on every signed-in page use it for "Sam shared a
 * note with you".
 *
 * The item is what the activity list already shows both members (nothing private is ever recorded
 * there); it goes to the space's room only, so a closed space (whose member has no live space) and
 * strangers hear nothing. Every instance on the same PostgreSQL hears each notification, so each
 * sends it to its own sockets only.
 */
import { getActivityAnnouncement } from '../../domain/activity/get-activity-announcement';
import { ACTIVITY_ADDED_EVENT, ACTIVITY_CHANNEL } from '../../domain/activity/activity-notifications';
import { listenForNotifications } from '../../db/listen-for-notifications';
import { spaceRoom, type SocketFeatureFactory } from './socket-feature';

export function activityFeature(options: { onListening?: () => void } = {}): SocketFeatureFactory {
  return ({ namespace, database, log }) => {
    const stopListening = listenForNotifications(database, ACTIVITY_CHANNEL, (activityId) => {
      void getActivityAnnouncement(database.db, activityId)
        .then((announcement) => {
          if (announcement) namespace.local.to(spaceRoom(announcement.spaceId)).emit(ACTIVITY_ADDED_EVENT, announcement.payload);
        })
        .catch((error) => log(`socket.io: announcing an activity item failed: ${(error as Error)?.stack ?? error}`));
    }).then(
      (stop) => {
        options.onListening?.();
        return stop;
      },
      (error) => {
        log(`socket.io: cannot listen for activity (the activity list will update on reload only): ${(error as Error)?.stack ?? error}`);
        return null;
      },
    );
    return {
      name: 'activity',
      onConnection() {},
      async close() {
        const stop = await stopListening;
        await stop?.().catch(() => undefined);
      },
    };
  };
}
