/**
 * Notifications that a person lost access to a space, so live connections (document rooms,
 * socket.io) can close at once instead of at the next token refresh. Publish after the change commits.
 *
 * They travel on the process's bus (server/bus): every instance hears each one exactly once and
 * closes its own connections.
 */
import { currentBus } from '../bus';

export interface MembershipRevoked {
  spaceId: string;
  userId: string;
}

const TOPIC = 'membership-revoked';

export function publishMembershipRevoked(event: MembershipRevoked): void {
  void currentBus().publish(TOPIC, event);
}

export function onMembershipRevoked(listener: (event: MembershipRevoked) => void): () => void {
  return currentBus().subscribe(TOPIC, (message) => listener(message as MembershipRevoked));
}
