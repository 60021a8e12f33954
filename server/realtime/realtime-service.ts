/** The service types now live in server/server-service.ts (services outside the transport use them too). */
export type { RealtimeContext, RealtimeService, RealtimeServiceFactory } from '../server-service';
