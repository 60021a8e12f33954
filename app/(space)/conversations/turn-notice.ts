/**
 * A gentle word 30 seconds before a turn ends, so nobody is cut off mid-sentence. A pure function
 * of the view and the (server-corrected) time, so both screens show it at the same moment.
 */
import type { ConversationView } from '@/server/domain/conversations/conversation-view';

export const TURN_NOTICE_MS = 30_000;

export function turnEndsSoon(view: Pick<ConversationView, 'phase' | 'pause' | 'floor' | 'revealEndsAt'>, now: number): boolean {
  const floor = view.floor;
  if (view.phase !== 'floor' || view.pause || !floor || floor.step !== 'speaking' || floor.turnEndsAt === null) return false;
  if (view.revealEndsAt !== null && now < view.revealEndsAt) return false;
  const remaining = floor.turnEndsAt - now;
  return remaining > 0 && remaining <= TURN_NOTICE_MS;
}
