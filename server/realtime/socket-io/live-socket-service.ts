/** The socket.io service as the app runs it, with every live feature plugged in. */
import { createSocketIoService } from './socket-io-service';
import type { SocketFeatureFactory } from './socket-feature';

export const liveSocketFeatures: SocketFeatureFactory[] = [];

export const liveSocketService = createSocketIoService({ features: liveSocketFeatures });
