/**
 * Notice that sessions ended (sign out, "sign out everywhere", account deleted), so the realtime
 * services can close the live connections those sessions opened instead of leaving them open until
 * the device disconnects. Publish after the change has committed.
 *
 * It travels on the process's bus (server/bus): every instance hears it exactly once and closes the
 * connections it holds, so a device on another instance is closed too.
 */
import { currentBus } from '../bus';

export interface SessionsRevoked {
  userId: string;
  /** The ended sessions; null means every session of this person. */
  sessionIds: string[] | null;
}

const TOPIC = 'sessions-revoked';

export function publishSessionsRevoked(event: SessionsRevoked): void {
  void currentBus().publish(TOPIC, event);
}

export function onSessionsRevoked(listener: (event: SessionsRevoked) => void): () => void {
  return currentBus().subscribe(TOPIC, (message) => listener(message as SessionsRevoked));
}
