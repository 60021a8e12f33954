import { describe, expect, it } from 'vitest';
import { issueRealtimeToken, verifyRealtimeToken } from '../../../server/auth/realtime-token';

const secret = 's'.repeat(48);
const documentId = '7b0c1d7e-8f4a-4b55-9a43-0c2f5e6d7a81';

describe('realtime tokens', () => {
  it('carry the user and the one document they were issued for', async () => {
    const { token } = await issueRealtimeToken(secret, { userId: 'u1', scope: { kind: 'document', documentId } });
    const check = await verifyRealtimeToken(secret, token);
    expect(check).toMatchObject({ ok: true, claims: { userId: 'u1', scope: { kind: 'document', documentId } } });
  });

  it('name the session (device) they were issued to, so its connections can close when it ends', async () => {
    const sessionId = '0f6b7c1e-2a3d-4e5f-8a9b-0c1d2e3f4a5b';
    const withSession = await issueRealtimeToken(secret, { userId: 'u1', sessionId, scope: { kind: 'socket' } });
    expect(await verifyRealtimeToken(secret, withSession.token)).toMatchObject({ ok: true, claims: { userId: 'u1', sessionId } });
    const without = await issueRealtimeToken(secret, { userId: 'u1', scope: { kind: 'socket' } });
    expect(await verifyRealtimeToken(secret, without.token)).toMatchObject({ ok: true, claims: { sessionId: null } });
  });

  it('expire after five minutes', async () => {
    const now = new Date('2026-01-01T10:00:00Z');
    const { token, expiresAt } = await issueRealtimeToken(secret, { userId: 'u1', scope: { kind: 'socket' } }, now);
    expect(expiresAt.getTime() - now.getTime()).toBe(5 * 60_000);
    expect((await verifyRealtimeToken(secret, token, new Date(now.getTime() + 4 * 60_000))).ok).toBe(true);
    expect(await verifyRealtimeToken(secret, token, new Date(now.getTime() + 6 * 60_000))).toEqual({ ok: false, reason: 'expired' });
  });

  it('are refused when signed with another secret, tampered or missing', async () => {
    const { token } = await issueRealtimeToken(secret, { userId: 'u1', scope: { kind: 'socket' } });
    expect(await verifyRealtimeToken('t'.repeat(48), token)).toEqual({ ok: false, reason: 'invalid' });
    expect(await verifyRealtimeToken(secret, `${token.slice(0, -2)}xx`)).toEqual({ ok: false, reason: 'invalid' });
    expect(await verifyRealtimeToken(secret, '')).toEqual({ ok: false, reason: 'missing' });
    expect(await verifyRealtimeToken(secret, 'garbage')).toEqual({ ok: false, reason: 'invalid' });
  });
});
