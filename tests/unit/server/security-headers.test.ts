import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NextConfig } from 'next';
import { SERVER_ACTION_BODY_LIMIT, SERVER_ACTION_BODY_LIMIT_BYTES, TOO_LONG_TO_SAVE_MESSAGE } from '../../../server/action-body-limit';
import type { DatabaseHandle } from '../../../server/db/database';
import { startMendServer, type MendServer } from '../../../server/http-server';
import { contentSecurityPolicy, PERMISSIONS_POLICY, securityHeadersFor } from '../../../server/security-headers';
import { createTestDatabase } from '../../support/test-database';

function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split(';').map((part) => {
    const [name, ...sources] = part.trim().split(/\s+/);
    return [name!, sources];
  }));
}

describe('the content security policy', () => {
  it('runs only scripts carrying this response’s nonce, and is never framed', () => {
    const policy = directives(contentSecurityPolicy({ nonce: 'abc123', host: 'mend.example' }));
    expect(policy.get('script-src')).toEqual(["'self'", "'nonce-abc123'", "'strict-dynamic'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('default-src')).toEqual(["'self'"]);
  });

  it('reaches the realtime endpoints on the same host only', () => {
    expect(directives(contentSecurityPolicy({ nonce: 'n', host: 'mend.example:8443' })).get('connect-src')).toEqual([
      "'self'",
      'ws://mend.example:8443',
      'wss://mend.example:8443',
    ]);
    expect(directives(contentSecurityPolicy({ nonce: 'n', host: '[::1]:3000' })).get('connect-src')).toEqual(["'self'", 'ws://[::1]:3000', 'wss://[::1]:3000']);
  });

  it('leaves out a Host header that is not a host instead of writing it into the policy', () => {
    for (const host of ["evil.example; script-src *", 'a b', 'x\r\ny', "'unsafe-inline'", undefined]) {
      expect(directives(contentSecurityPolicy({ nonce: 'n', host })).get('connect-src')).toEqual(["'self'"]);
    }
  });

  it('gives each request its own nonce', () => {
    const nonces = new Set(Array.from({ length: 50 }, () => securityHeadersFor('mend.example').nonce));
    expect(nonces.size).toBe(50);
  });

  it('keeps camera and location off, and the microphone to Mend\'s own pages (the conversation call)', () => {
    for (const feature of ['camera=()', 'microphone=(self)', 'geolocation=()', 'display-capture=()', 'payment=()']) expect(PERMISSIONS_POLICY).toContain(feature);
    expect(PERMISSIONS_POLICY).not.toMatch(/microphone=\((?!self\))/);
  });
});

describe('server action body limit', () => {
  it('is the same in next.config.js and in Mend’s own check', async () => {
    const configUrl = new URL('../../../next.config.js', import.meta.url).href;
    const nextConfig = ((await import(configUrl)) as { default: NextConfig }).default;
    expect(nextConfig.experimental?.serverActions?.bodySizeLimit).toBe(SERVER_ACTION_BODY_LIMIT);
    expect(SERVER_ACTION_BODY_LIMIT_BYTES).toBe(1024 * 1024);
  });
});

describe('Mend’s HTTP server', () => {
  let database: DatabaseHandle;
  let server: MendServer;
  const seen: IncomingMessage['headers'][] = [];
  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    server = await startMendServer({
      database,
      authSecret: 'x'.repeat(40),
      port: 0,
      host: '127.0.0.1',
      log: () => {},
      // The web app's side of the contract: what Next would receive, answered with a page.
      web: {
        handle(req, res) {
          seen.push({ ...req.headers });
          res.setHeader('content-type', 'text/html');
          res.end('<p>page</p>');
        },
      },
    });
  });
  afterAll(async () => {
    await server?.close();
    await database?.close().catch(() => {});
  });

  it('sends the security headers on /healthz', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(response.headers.get('permissions-policy')).toBe(PERMISSIONS_POLICY);
  });

  it('hands the web app the same policy it sends, so the page’s scripts carry the response’s nonce', async () => {
    seen.length = 0;
    // Whatever a client claims as a policy is replaced, so it cannot choose the nonce.
    const response = await fetch(`${server.url}/sign-in`, { headers: { 'content-security-policy': "script-src 'nonce-chosen-by-client'" } });
    const sent = response.headers.get('content-security-policy')!;
    expect(seen).toHaveLength(1);
    expect(seen[0]!['content-security-policy']).toBe(sent);
    expect(sent).not.toContain('chosen-by-client');
    expect(sent).toMatch(/'nonce-[A-Za-z0-9+/]{24}'/);
  });

  it('answers an over-limit server action itself with a plain message, before the web app reads it', async () => {
    seen.length = 0;
    const response = await fetch(`${server.url}/agreements`, {
      method: 'POST',
      headers: { 'next-action': '7f00aa', 'content-type': 'text/plain;charset=UTF-8' },
      body: 'x'.repeat(SERVER_ACTION_BODY_LIMIT_BYTES + 1),
    });
    expect(response.status).toBe(413);
    // Exactly text/plain: Next's client only reads the message of that content type.
    expect(response.headers.get('content-type')).toBe('text/plain');
    expect(await response.text()).toBe(TOO_LONG_TO_SAVE_MESSAGE);
    expect(seen).toHaveLength(0);
  });

  it('passes a server action within the limit (and any other large POST) on to the web app', async () => {
    seen.length = 0;
    const within = await fetch(`${server.url}/agreements`, { method: 'POST', headers: { 'next-action': '7f00aa' }, body: 'x'.repeat(1000) });
    const upload = await fetch(`${server.url}/api/something`, { method: 'POST', body: 'x'.repeat(SERVER_ACTION_BODY_LIMIT_BYTES + 1) });
    expect([within.status, upload.status]).toEqual([200, 200]);
    expect(seen).toHaveLength(2);
  });
});
