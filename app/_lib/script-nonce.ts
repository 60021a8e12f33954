/**
 * The script nonce of this response, for the rare inline script Mend writes itself. Mend's server
 * puts the response's Content-Security-Policy on the request too (server/security-headers.ts), and
 * Next takes the nonce for its own scripts from the same place.
 */
import { headers } from 'next/headers';

export async function scriptNonce(): Promise<string | undefined> {
  const policy = (await headers()).get('content-security-policy') ?? '';
  return /'nonce-([A-Za-z0-9+/_-]+={0,2})'/.exec(policy)?.[1];
}
