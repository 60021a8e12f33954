/**
 * Whether a request that changes something came from Mend's own pages. Route handlers that take a
 * plain POST (a beacon, a file upload, a push subscription) check it, since they are not protected
 * the way server actions are. Browsers send Sec-Fetch-Site with every request; older ones still send
 * Origin on every POST.
 */
export function comesFromMendItself(request: Request): boolean {
  const site = request.headers.get('sec-fetch-site');
  if (site) return site === 'same-origin';
  const origin = request.headers.get('origin');
  const host = request.headers.get('host');
  if (!origin || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
