/**
 * Pure rules around the live relay: when a call may ring, whose words go to the listener, when the
 * gentle 30-second notice shows, and the ICE server setting.
 */
import { describe, expect, it } from 'vitest';
import { callRefusal, speakerWordsRefusal } from '../../../server/domain/conversations/live-relay-rules';
import { configuredIceServers, iceServersProblem } from '../../../server/domain/conversations/ice-servers';
import { viewConversation } from '../../../server/domain/conversations/conversation-view';
import { turnEndsSoon } from '../../../app/(space)/conversations/turn-notice';
import { ALEX, MINUTE, SAM, T0, must, onTheFloor, proposed } from './machine-helpers';

describe('when a call may ring', () => {
  it('from the check-in to the end, never while paused or before the conversation opens', () => {
    const floor = onTheFloor();
    expect(callRefusal(floor)).toBeNull();
    expect(callRefusal(proposed())).toMatch(/once you are both here/);
    const paused = must(floor, SAM, { type: 'pause', returnAt: T0 + 2 * MINUTE + 20 * MINUTE }, T0 + 2 * MINUTE);
    expect(callRefusal(paused)).toMatch(/paused/);
    expect(callRefusal(must(floor, SAM, { type: 'end' }, T0 + 2 * MINUTE))).toMatch(/ended/);
  });
});

describe("the speaker's words", () => {
  it('come only from the speaker, for the turn on the floor', () => {
    const floor = onTheFloor();
    expect(speakerWordsRefusal(floor, ALEX, 0)).toBeNull();
    expect(speakerWordsRefusal(floor, SAM, 0)).toMatch(/listening/);
    expect(speakerWordsRefusal(floor, ALEX, 1)).toMatch(/over/);
    const reflecting = must(floor, ALEX, { type: 'yield' }, T0 + 2 * MINUTE);
    expect(speakerWordsRefusal(reflecting, ALEX, 0)).toBeNull();
    expect(speakerWordsRefusal(proposed(), ALEX, 0)).toMatch(/Nobody/);
  });
});

describe('the 30-second notice', () => {
  it('shows in the last 30 seconds of a speaking turn, to both, and not during a pause or the reveal', () => {
    const floor = onTheFloor({ turnSeconds: 60 });
    const endsAt = floor.floor!.turnEndsAt!;
    const at = (now: number) => turnEndsSoon(viewConversation('c', floor, SAM, now), now);
    expect(at(endsAt - 31_000)).toBe(false);
    expect(at(endsAt - 30_000)).toBe(true);
    expect(at(endsAt - 1000)).toBe(true);
    expect(turnEndsSoon(viewConversation('c', floor, ALEX, endsAt - 10_000), endsAt - 10_000)).toBe(true);
    const paused = must(floor, SAM, { type: 'pause', returnAt: endsAt - 20_000 + 20 * MINUTE }, endsAt - 20_000);
    expect(turnEndsSoon(viewConversation('c', paused, SAM, endsAt - 10_000), endsAt - 10_000)).toBe(false);
    const yielded = must(floor, ALEX, { type: 'yield' }, endsAt - 20_000);
    expect(turnEndsSoon(viewConversation('c', yielded, SAM, endsAt - 10_000), endsAt - 10_000)).toBe(false);
  });
});

describe('MEND_ICE_SERVERS', () => {
  it('is empty by default, takes STUN and TURN servers, and refuses anything else with one line', () => {
    expect(configuredIceServers({})).toEqual([]);
    expect(iceServersProblem({})).toBeNull();
    const servers = '[{"urls":"stun:stun.example.org:3478"},{"urls":["turn:turn.example.org:3478?transport=udp"],"username":"mend","credential":"secret"}]';
    expect(iceServersProblem({ MEND_ICE_SERVERS: servers })).toBeNull();
    expect(configuredIceServers({ MEND_ICE_SERVERS: servers })).toHaveLength(2);
    expect(iceServersProblem({ MEND_ICE_SERVERS: 'stun:stun.example.org' })).toMatch(/^MEND_ICE_SERVERS is not JSON/);
    expect(iceServersProblem({ MEND_ICE_SERVERS: '[{"urls":"https://example.org"}]' })).toMatch(/stun:, stuns:, turn: or turns:/);
  });
});
