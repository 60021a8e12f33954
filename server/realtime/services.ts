/** The realtime services this server runs, in the order they are offered upgrade requests. */
import { noticesService } from '../notices/notices-service';
import type { RealtimeServiceFactory } from './realtime-service';
import { liveSocketService } from './socket-io/live-socket-service';
import { createYjsService } from './yjs/yjs-service';

// The notifier takes no upgrades: it is started and closed with the server like the others.
export const realtimeServices: RealtimeServiceFactory[] = [createYjsService(), liveSocketService, noticesService()];
