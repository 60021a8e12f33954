/**
 * /notices/unsubscribe?token=… : the link at the bottom of every notice email.
 * GET shows a page with one button (mail scanners follow links, so a GET changes nothing);
 * POST turns every notice off, on every channel. Mail programs that support RFC 8058 one-click
 * unsubscribe POST here themselves (List-Unsubscribe-Post). No sign-in: the token is the key.
 */
import { getDb } from '@/server/db/process-database';
import { isKnownUnsubscribeToken, unsubscribeWithToken } from '@/server/notices/notice-preferences';

function page(title: string, body: string, status = 200): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${title}</title></head><body><main><h1>${title}</h1>${body}</main></body></html>`;
  return new Response(html, { status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' } });
}

const unknownLink = () => page('This link does not work', '<p>It may be old or copied incompletely. You can choose your notices on your account page after signing in.</p>', 404);

function tokenOf(request: Request): string {
  return new URL(request.url).searchParams.get('token') ?? '';
}

export async function GET(request: Request): Promise<Response> {
  const token = tokenOf(request);
  if (!(await isKnownUnsubscribeToken(getDb(), token))) return unknownLink();
  const action = `/notices/unsubscribe?token=${encodeURIComponent(token)}`;
  return page('Stop these emails', `<p>This turns off every notice, by email and on your devices. You can turn them on again on your account page.</p><form method="post" action="${action}"><button type="submit">Turn off all notices</button></form>`);
}

export async function POST(request: Request): Promise<Response> {
  const done = await unsubscribeWithToken(getDb(), tokenOf(request));
  if (!done) return unknownLink();
  return page('All notices are off', '<p>You will not get any more notices. You can turn them on again on your account page.</p>');
}
