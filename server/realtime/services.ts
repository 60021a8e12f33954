/** The realtime services this server runs, in the order they are offered upgrade requests. */
import type { RealtimeServiceFactory } from './realtime-service';
import { liveSocketService } from './socket-io/live-socket-service';

export const realtimeServices: RealtimeServiceFactory[] = [liveSocketService];
