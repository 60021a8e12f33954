/**
 * POST /api/quick-exit: ends this device's session, for the Quick exit button. The page has already
 * left for a neutral site when this arrives (it is sent with navigator.sendBeacon), so it answers
 * nothing anyone reads: 204, with the session cookie expired and the browser told to drop this
 * site's storage (IndexedDB copies of documents, localStorage, Cache Storage) as well, in case the
 * page could not finish deleting them itself before it was gone.
 *
 * Only Mend's own pages may call it (same-origin check), so another site cannot sign someone out.
 */
import { cookies } from 'next/headers';
import { signOut } from '@/server/auth/next-auth';
import { jsonError } from '../../_lib/json-response';
import { comesFromMendItself } from '../../_lib/same-origin';

/** next-auth's session cookie, its __Secure- form on https, and the chunks a large token is split into. */
const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token(\.\d+)?$/;

export async function POST(request: Request): Promise<Response> {
  if (!comesFromMendItself(request)) return jsonError(403, 'Quick exit only works from Mend’s own pages.');
  // next-auth's sign-out: the signOut event revokes this device's session row, so a copy of the
  // cookie taken earlier no longer opens anything; then it expires the cookie.
  await signOut({ redirect: false });
  const jar = await cookies();
  for (const { name } of jar.getAll()) {
    if (SESSION_COOKIE.test(name)) jar.set(name, '', { maxAge: 0, path: '/', httpOnly: true, sameSite: 'lax', secure: name.startsWith('__Secure-') });
  }
  return new Response(null, {
    status: 204,
    headers: { 'cache-control': 'no-store', 'clear-site-data': '"storage"' },
  });
}
