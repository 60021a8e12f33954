import { headers } from 'next/headers';

/**
 * The origin a form was posted to, for links in emails when MEND_PUBLIC_URL is not set. Browsers send
 * Origin with every form post and Next refuses a server action whose Origin does not match the host.
 */
export async function requestOrigin(): Promise<string> {
  const h = await headers();
  const origin = h.get('origin');
  if (origin && /^https?:\/\/[^/]+$/.test(origin)) return origin;
  return `http://${h.get('host') ?? 'localhost'}`;
}
