/** The realtime services this server runs, in the order they are offered upgrade requests. */
import type { RealtimeServiceFactory } from './realtime-service';
import { liveSocketService } from './socket-io/live-socket-service';
import { createYjsService } from './yjs/yjs-service';

export const realtimeServices: RealtimeServiceFactory[] = [createYjsService(), liveSocketService];
