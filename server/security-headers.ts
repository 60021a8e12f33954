/**
 * The security headers every response from Mend carries: pages, route handlers, `/healthz` and static
 * files alike. Mend holds what two people wrote about the hardest part of their relationship, so the
 * browser is told to run only Mend's own scripts, never to show Mend inside another site's frame,
 * never to tell other sites which Mend page someone came from, and to keep powerful features off.
 */
import { randomBytes } from 'node:crypto';

/** A fresh, unguessable value per request; only `<script>` tags carrying it may run. */
export function newScriptNonce(): string {
  return randomBytes(18).toString('base64');
}

/**
 * Hosts are echoed into `connect-src` so the realtime endpoints (same host, ws: or wss:) stay
 * reachable. A Host header with anything but host characters is left out rather than trusted.
 */
function websocketSources(host: string | undefined): string[] {
  if (!host || !/^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(host)) return [];
  return [`ws://${host}`, `wss://${host}`];
}

export interface ContentSecurityPolicyOptions {
  nonce: string;
  host: string | undefined;
  /** Next's development mode evaluates code for hot reload and error overlays. */
  development?: boolean;
}

export function contentSecurityPolicy({ nonce, host, development = false }: ContentSecurityPolicyOptions): string {
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    // Next puts the nonce on every script it renders (it reads it from the request's
    // content-security-policy header); 'strict-dynamic' lets those scripts load Next's own chunks.
    'script-src': ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(development ? ["'unsafe-eval'"] : [])],
    // Style attributes come from React (`style={…}`) and the editor's caret colours. Style cannot run
    // code; scripts are the ones locked to the nonce. A nonce here would switch 'unsafe-inline' off.
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    // Document rooms and socket.io live on this same host.
    'connect-src': ["'self'", ...websocketSources(host)],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'self'"],
    'frame-src': ["'none'"],
    // Nobody may put Mend in a frame: a hidden frame over another page could trick a click.
    'frame-ancestors': ["'none'"],
    'manifest-src': ["'self'"],
    'worker-src': ["'self'", 'blob:'],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/**
 * Powerful features Mend does not use, switched off for Mend and anything it might embed. The one
 * exception is the microphone, for the optional audio call inside a conversation: Mend's own pages
 * only (`self`), and the browser still asks the person before it opens.
 */
export const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'autoplay=()',
  'bluetooth=()',
  'browsing-topics=()',
  'camera=()',
  'display-capture=()',
  'geolocation=()',
  'gyroscope=()',
  'hid=()',
  'magnetometer=()',
  'microphone=(self)',
  'midi=()',
  'payment=()',
  'screen-wake-lock=()',
  'serial=()',
  'usb=()',
  'xr-spatial-tracking=()',
].join(', ');

/** The headers that do not depend on the request. */
export const STATIC_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  // Links out of Mend (and requests for its own files) never say which page someone was on.
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'permissions-policy': PERMISSIONS_POLICY,
  // Another site opened from Mend (or opening Mend) gets no handle on this window.
  'cross-origin-opener-policy': 'same-origin',
  // For browsers that predate frame-ancestors.
  'x-frame-options': 'DENY',
};

export interface RequestSecurityHeaders {
  /** Set on the response. */
  response: Record<string, string>;
  /** The content-security-policy value, also written onto the request so Next can read its nonce. */
  contentSecurityPolicy: string;
  nonce: string;
}

export function securityHeadersFor(host: string | undefined, development = false): RequestSecurityHeaders {
  const nonce = newScriptNonce();
  const policy = contentSecurityPolicy({ nonce, host, development });
  return { nonce, contentSecurityPolicy: policy, response: { ...STATIC_SECURITY_HEADERS, 'content-security-policy': policy } };
}
