/** The socket.io service as the app runs it, with every live feature plugged in. */
import { configuredPauseMinimumSeconds } from '../../domain/conversations/pause-minimum';
import { activityFeature } from './activity-feature';
import { callSignallingFeature } from './call-signalling';
import { conversationFeature } from './conversation-feature';
import { createSocketIoService } from './socket-io-service';
import type { SocketFeatureFactory } from './socket-feature';

// Read when the service starts, after readConfig has refused a test-only setting with a clear message.
export const liveSocketFeatures: SocketFeatureFactory[] = [
  conversationFeature({ pauseMinimumSeconds: () => configuredPauseMinimumSeconds() }),
  activityFeature(),
  callSignallingFeature(),
];

export const liveSocketService = createSocketIoService({ features: liveSocketFeatures });
