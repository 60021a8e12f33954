/**
 * Where the conversation's voice call finds STUN and TURN servers: MEND_ICE_SERVERS, a JSON list in
 * the browser's own RTCIceServer shape, for example
 *   [{"urls":"stun:stun.example.org:3478"},{"urls":"turn:turn.example.org:3478","username":"mend","credential":"…"}]
 *
 * None by default. A public STUN server would tell a third party both partners' network addresses
 * at every call, and Mend's machines may be offline; without one, calls connect when both devices
 * can reach each other directly (the same network, or one with a public address). Whoever runs
 * Mend for partners in different places adds their own STUN and, for strict networks, TURN server.
 * A TURN credential here is sent to both members' browsers, as WebRTC needs: use one made for Mend.
 */
import { z } from 'zod';

type Env = Record<string, string | undefined>;

export interface IceServer {
  urls: string | string[];
  username?: string;
  credential?: string;
}

const url = z.string().regex(/^(stun|stuns|turn|turns):[^\s]+$/, { error: 'each url starts with stun:, stuns:, turn: or turns:' });
const iceServersSchema = z
  .array(
    z.strictObject({
      urls: z.union([url, z.array(url).min(1)]),
      username: z.string().max(512).optional(),
      credential: z.string().max(512).optional(),
    }),
  )
  .max(10);

function parse(raw: string): { ok: true; servers: IceServer[] } | { ok: false; problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, problem: 'MEND_ICE_SERVERS is not JSON: write a list such as [{"urls":"stun:stun.example.org:3478"}].' };
  }
  const parsed = iceServersSchema.safeParse(json);
  if (!parsed.success) return { ok: false, problem: `MEND_ICE_SERVERS is not a list of ICE servers (${parsed.error.issues[0]?.message ?? 'unreadable'}).` };
  return { ok: true, servers: parsed.data };
}

/** Why the setting cannot be used, in one line; null when it can (or is unset). Checked by readConfig at start. */
export function iceServersProblem(env: Env): string | null {
  const raw = env.MEND_ICE_SERVERS?.trim();
  if (!raw) return null;
  const result = parse(raw);
  return result.ok ? null : result.problem;
}

export function configuredIceServers(env: Env = process.env): IceServer[] {
  const raw = env.MEND_ICE_SERVERS?.trim();
  if (!raw) return [];
  const result = parse(raw);
  return result.ok ? result.servers : [];
}
