/**
 * What the browser is told about Mend: a Content-Security-Policy that every page lives with (no
 * violations anywhere, realtime included), no framing by another site, and the other security
 * headers on pages, /healthz and route handlers. Also the edges where a request tries to lead
 * elsewhere or to send too much: a crafted return path after sign-in, and an oversized form.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { createSpace, expect, makeInviteLink, newPerson, screenshotPath, signUp, test, type Person } from './fixtures';

/** Collects policy errors in the console, uncaught page errors and securitypolicyviolation events of a page. */
async function watchForViolations(page: Page): Promise<() => Promise<string[]>> {
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    // What Chromium writes when the policy blocks something ("Refused to load the script …
    // because it violates the following Content Security Policy directive …").
    if (message.type() !== 'error' || !/Content Security Policy|Refused to/i.test(message.text())) return;
    consoleErrors.push(`${page.url()}: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => consoleErrors.push(`${page.url()}: ${error.message}`));
  // Added before any page script runs, on every navigation.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const seen = JSON.parse(sessionStorage.getItem('csp-violations') ?? '[]') as string[];
      seen.push(`${location.pathname}: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`);
      sessionStorage.setItem('csp-violations', JSON.stringify(seen));
    });
  });
  return async () => {
    const violations = await page.evaluate(() => JSON.parse(sessionStorage.getItem('csp-violations') ?? '[]') as string[]);
    return [...consoleErrors, ...violations];
  };
}

const EXPECTED_HEADERS: Record<string, RegExp> = {
  'content-security-policy': /script-src 'self' 'nonce-[^']+' 'strict-dynamic'.*frame-ancestors 'none'/,
  'referrer-policy': /^no-referrer$/,
  'x-content-type-options': /^nosniff$/,
  'permissions-policy': /camera=\(\).*geolocation=\(\).*microphone=\(self\)/,
  'cross-origin-opener-policy': /^same-origin$/,
  'x-frame-options': /^DENY$/,
};

function expectSecurityHeaders(headers: Record<string, string>, what: string): void {
  for (const [name, pattern] of Object.entries(EXPECTED_HEADERS)) expect(headers[name], `${name} on ${what}`).toMatch(pattern);
}

test('every kind of page runs under the Content-Security-Policy without a single violation', async ({ browser, mendURL }) => {
  test.setTimeout(180_000);
  const alex = await newPerson(browser, mendURL, 'Alex');
  const violationsOfAlex = await watchForViolations(alex.page);
  const { page } = alex;

  for (const path of ['/', '/sign-up', '/sign-in', '/no-such-page']) {
    const response = await page.goto(path);
    expectSecurityHeaders(response!.headers(), path);
    await expect(page.getByRole('button', { name: 'Quick exit' })).toBeVisible();
  }
  await signUp(alex);
  await createSpace(alex, 'Alex & Sam');
  const invite = await makeInviteLink(alex);

  // An agreement: the live editor and its websocket to the document room.
  await page.goto('/agreements');
  await page.getByLabel('Title').fill('Evenings together');
  await page.getByRole('button', { name: 'Start this agreement' }).click();
  await page.waitForURL(/\/agreements\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('sync-status')).toHaveText('Synced');
  await page.locator('.collab-prose').click();
  await page.keyboard.type('We talk before ten.');
  const agreementPath = new URL(page.url()).pathname;

  await page.goto('/journal');
  await page.getByRole('button', { name: 'Start writing' }).click();
  await page.waitForURL(/\/journal\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('sync-status')).toHaveText('Synced');

  for (const path of ['/space', '/agreements', `${agreementPath}/history`, `${agreementPath}/versions`, '/notes', '/notes/new', '/journal', '/conversations', '/account']) {
    const response = await page.goto(path);
    expect(response!.status(), path).toBe(200);
    expectSecurityHeaders(response!.headers(), path);
    // Signed-in pages are never stored by the browser, so Back after leaving shows nothing.
    expect(response!.headers()['cache-control'], path).toContain('no-store');
    // Let the page's live connection (socket.io over websocket) open under the policy.
    await page.waitForLoadState('networkidle');
  }

  // The invite page, as the partner-to-be sees it.
  const sam = await newPerson(browser, mendURL, 'Sam');
  const violationsOfSam = await watchForViolations(sam.page);
  const invitePage = await sam.page.goto(new URL(invite).pathname);
  expectSecurityHeaders(invitePage!.headers(), 'the invite page');
  await expect(sam.page.getByRole('heading', { level: 1, name: /invited you to Mend/ })).toBeVisible();

  expect(await violationsOfAlex()).toEqual([]);
  expect(await violationsOfSam()).toEqual([]);
  await alex.context.close();
  await sam.context.close();
});

test('/healthz and route handlers carry the security headers too', async ({ browser, mendURL }) => {
  const alex = await newPerson(browser, mendURL, 'Alex');
  await signUp(alex);
  const request = alex.context.request;
  for (const [what, response] of [
    ['/healthz', await request.get('/healthz')],
    ['the realtime token route', await request.get('/api/realtime/token?scope=socket')],
    ['the journal export route', await request.get('/journal/export')],
    ['next-auth’s session route', await request.get('/api/auth/session')],
    ['a static file', await request.get('/icon.svg')],
  ] as const) {
    expect(response.status(), what).toBeLessThan(500);
    expectSecurityHeaders(response.headers(), what);
  }
  await alex.context.close();
});

test('the sign-in page refuses to be shown in another site’s frame', async ({ browser, mendURL }) => {
  const signIn = await (await browser.newContext()).request.get(`${mendURL}/sign-in`);
  expect(signIn.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(signIn.headers()['x-frame-options']).toBe('DENY');

  // Another origin (a different port) that tries to frame Mend's sign-in page.
  const framer: Server = createServer((_request, response) => {
    response.setHeader('content-type', 'text/html');
    response.end(`<!doctype html><title>Not Mend</title><h1>Not Mend</h1><iframe id="mend" src="${mendURL}/sign-in" width="600" height="400"></iframe>`);
  });
  await new Promise<void>((resolve) => framer.listen(0, '127.0.0.1', resolve));
  try {
    const visitor = await newPerson(browser, mendURL, 'Visitor');
    const page = visitor.page;
    const refused = new Promise<boolean>((resolve) => {
      page.on('console', (message) => {
        if (/frame-ancestors|Refused to (display|frame)/.test(message.text())) resolve(true);
      });
    });
    await page.goto(`http://localhost:${(framer.address() as AddressInfo).port}/`);
    await expect(page.getByRole('heading', { name: 'Not Mend' })).toBeVisible();
    expect(await Promise.race([refused, new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 5_000))])).toBe(true);
    // Nothing of Mend was rendered inside the frame.
    const frame = page.frames().find((candidate) => candidate !== page.mainFrame());
    const framedText = frame ? await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '') : '';
    expect(framedText).not.toContain('Welcome back');
    await page.screenshot({ path: screenshotPath('sign-in-refuses-frame') });
    await visitor.context.close();
  } finally {
    await new Promise<void>((resolve) => framer.close(() => resolve()));
  }
});

/** Serves a look-alike page for evil.example, so leaving Mend would be visible (and harmless). */
async function trapEvilSite(person: Person): Promise<{ visited: () => boolean }> {
  let visited = false;
  await person.context.route((url) => url.hostname === 'evil.example', async (route) => {
    visited = true;
    await route.fulfill({ status: 200, contentType: 'text/html', body: '<h1>Not Mend: please enter your password again</h1>' });
  });
  return { visited: () => visited };
}

test('signing in with a crafted return path stays on Mend, and so does a signed-in visit to sign-up', async ({ browser, mendURL }) => {
  const alex = await newPerson(browser, mendURL, 'Alex');
  await signUp(alex);
  const trap = await trapEvilSite(alex);
  const mend = new URL(mendURL);

  // Signed in already: the sign-up and sign-in pages redirect at once, without a click.
  for (const crafted of ['%2F%09%2Fevil.example', '%2F%5Cevil.example', '%2F%252F%252Fevil.example']) {
    for (const entry of ['/sign-up', '/sign-in']) {
      await alex.page.goto(`${entry}?next=${crafted}`);
      await alex.page.waitForURL((url) => !url.pathname.startsWith(entry));
      expect(new URL(alex.page.url()).host, `${entry}?next=${crafted}`).toBe(mend.host);
      expect(new URL(alex.page.url()).pathname).toBe('/home');
    }
  }

  // Signed out, then signing in through a crafted link.
  await alex.context.clearCookies();
  await alex.page.goto('/sign-in?next=%2F%09%2Fevil.example');
  await alex.page.getByLabel('Email').fill(alex.email);
  await alex.page.getByLabel('Password').fill(alex.password);
  await alex.page.getByRole('button', { name: 'Sign in' }).click();
  await alex.page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  expect(new URL(alex.page.url()).host).toBe(mend.host);
  expect(new URL(alex.page.url()).pathname).toBe('/home');
  expect(trap.visited()).toBe(false);
  await alex.context.close();
});

test('a 1.1 MB agreement title is refused with a message that says what was too long', async ({ browser, mendURL }) => {
  const alex = await newPerson(browser, mendURL, 'Alex');
  await signUp(alex);
  await createSpace(alex, 'Alex & Sam');
  const { page } = alex;
  await page.goto('/agreements');
  const title = page.getByLabel('Title');
  await expect(title).toHaveAttribute('maxlength', '120');
  // What someone could do with the browser's developer tools (or a paste into an older browser).
  await title.evaluate((input: HTMLInputElement) => {
    input.removeAttribute('maxlength');
    input.value = 'a'.repeat(1_100_000);
  });
  await page.getByRole('button', { name: 'Start this agreement' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'That was too long to save: an agreement title can be at most 120 characters.' })).toBeVisible();
  await expect(page.getByText('Something went wrong')).toHaveCount(0);
  await expect(page).toHaveURL(/\/agreements$/);
  await page.screenshot({ path: screenshotPath('agreement-title-too-long') });

  // The form still works afterwards.
  await title.fill('Evenings together');
  await page.getByRole('button', { name: 'Start this agreement' }).click();
  await page.waitForURL(/\/agreements\/[0-9a-f-]{36}$/);
  await alex.context.close();
});
