/**
 * What a connection may say about presence. Awareness (who is here, caret, name) is client-made,
 * but a connection may speak only for the awareness client ids it introduced: entries for a client
 * id that another connection owns are dropped, so nobody can move, rename or remove someone else's
 * caret. And the name and colour others see are the connection's own, from the server's identity:
 * the `user` field of every state is replaced (the client's is only a claim), so nobody can label
 * their caret as the partner.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export interface PresenceUser {
  userId: string;
  name: string;
  color: string;
}

/**
 * The awareness update `update` from a connection speaking as `user`, keeping only the entries for
 * client ids `ownedByOther` does not claim, each stamped with `user`. Null when nothing is left.
 * Throws when the update cannot be decoded (the caller closes the connection as malformed).
 */
export function ownAwarenessStamped(update: Uint8Array, user: PresenceUser, ownedByOther: (clientId: number) => boolean): Uint8Array | null {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const kept: Array<{ clientId: number; clock: number; state: string }> = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const state = decoding.readVarString(decoder);
    if (!ownedByOther(clientId)) kept.push({ clientId, clock, state: stampPresence(state, user) });
  }
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes after the awareness update');
  if (kept.length === 0) return null;
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, kept.length);
  for (const entry of kept) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.state);
  }
  return encoding.toUint8Array(encoder);
}

/** An awareness state (JSON text) with its `user` replaced by the connection's identity; null stays null (the client left). */
export function stampPresence(state: string, user: PresenceUser): string {
  const parsed: unknown = JSON.parse(state);
  if (parsed === null) return state;
  if (typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('an awareness state must be an object or null');
  return JSON.stringify({ ...(parsed as Record<string, unknown>), user });
}
