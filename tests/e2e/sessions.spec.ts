/**
 * Signing in and out, at the level of what a client actually sends and receives:
 *  - throttling holds on next-auth's own endpoint (csrf + POST /api/auth/callback/credentials), not
 *    only in the sign-in form, and a slowed address does not slow the real person elsewhere;
 *  - a refused sign-in logs one calm line, never a stack trace or the email address;
 *  - signing out ends the session for real: a cookie copied before is refused afterwards;
 *  - the account page lists signed-in devices and signs them out;
 *  - a deleted account's cookie identifies no one.
 * The client address is the connection's own: requests from 127.0.0.3 and 127.0.0.4 are two clients.
 */
import http from 'node:http';
import type { BrowserContext } from '@playwright/test';
import { startMendProcess } from '../support/mend-process';
import { createTestDatabaseUrl } from '../support/test-database';
import { createSpace, expect, newPerson, screenshotPath, signUp, test, type Person } from './fixtures';

interface WireResponse {
  status: number;
  location: string | null;
  setCookies: string[];
  body: string;
}

/** One HTTP request from a chosen local address (the client address Mend's server sees). */
function send(url: string, options: { method?: string; headers?: Record<string, string>; body?: string; from: string }): Promise<WireResponse> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: options.method ?? 'GET', headers: options.headers, localAddress: options.from }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => {
        const setCookie = response.headers['set-cookie'] ?? [];
        resolve({ status: response.statusCode ?? 0, location: response.headers.location ?? null, setCookies: setCookie, body });
      });
    });
    request.on('error', reject);
    request.end(options.body);
  });
}

const cookiePair = (setCookie: string) => setCookie.split(';')[0]!;
const SESSION_COOKIE = 'authjs.session-token';

/** A client of next-auth's credentials endpoint, as a script would drive it, from one address. */
function credentialsClient(baseUrl: string, from: string) {
  return {
    async signIn(email: string, password: string): Promise<{ sessionCookie: string | null; location: string | null; ms: number }> {
      const csrf = await send(`${baseUrl}/api/auth/csrf`, { from });
      const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
      const started = performance.now();
      const response = await send(`${baseUrl}/api/auth/callback/credentials`, {
        method: 'POST',
        from,
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrf.setCookies.map(cookiePair).join('; ') },
        body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${baseUrl}/space` }).toString(),
      });
      const session = response.setCookies.find((c) => c.startsWith(`${SESSION_COOKIE}=`) && !c.startsWith(`${SESSION_COOKIE}=;`));
      return { sessionCookie: session ? cookiePair(session) : null, location: response.location, ms: performance.now() - started };
    },
    /** Who the server says this cookie belongs to (null: no one). */
    async whoIs(sessionCookie: string): Promise<string | null> {
      const response = await send(`${baseUrl}/api/auth/session`, { from, headers: { cookie: sessionCookie } });
      const session = JSON.parse(response.body) as { user?: { email?: string } } | null;
      return session?.user?.email ?? null;
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('next-auth’s own endpoint is throttled too: after repeated wrong passwords even the right one waits, another address does not, and the log stays calm', async ({ browser }) => {
  // Its own server, so that its log can be read and its counters are fresh.
  const database = process.env.TEST_DATABASE_URL ? await createTestDatabaseUrl() : null;
  const mend = await startMendProcess({ databaseUrl: database?.url });
  try {
    const robin = await newPerson(browser, mend.url, 'Robin');
    await signUp(robin);
    await robin.context.close();

    const stranger = credentialsClient(mend.url, '127.0.0.3');
    const home = credentialsClient(mend.url, '127.0.0.4');
    const timings: number[] = [];
    // Five free mistakes, then each failure makes the next attempt wait: 1 s, 2 s, 4 s.
    for (let i = 0; i < 6; i++) {
      const attempt = await stranger.signIn(robin.email, `wrong guess ${i}`);
      expect(attempt.sessionCookie).toBeNull();
      expect(attempt.location).toContain('code=credentials');
      timings.push(attempt.ms);
    }
    await sleep(1100);
    expect((await stranger.signIn(robin.email, 'wrong guess 6')).location).toContain('code=credentials');
    await sleep(2100);
    expect((await stranger.signIn(robin.email, 'wrong guess 7')).location).toContain('code=credentials');
    const lastFailureAt = Date.now();

    // The right password from the same address does not get a session while the wait runs.
    const during = await stranger.signIn(robin.email, robin.password);
    expect(during.sessionCookie).toBeNull();
    expect(during.location).toContain('code=paused');
    // The real person, from another address, is not slowed at all.
    const elsewhere = await home.signIn(robin.email, robin.password);
    expect(elsewhere.sessionCookie).not.toBeNull();
    expect(await home.whoIs(elsewhere.sessionCookie!)).toBe(robin.email);
    // Once the wait has passed, the right password works from the first address too.
    await sleep(Math.max(0, lastFailureAt + 4100 - Date.now()));
    const after = await stranger.signIn(robin.email, robin.password);
    expect(after.sessionCookie).not.toBeNull();
    expect(await stranger.whoIs(after.sessionCookie!)).toBe(robin.email);
    console.log(`wrong-password round trips (ms): ${timings.map((ms) => ms.toFixed(0)).join(', ')}`);

    // The log: one calm line per refusal, no stack trace, no email address.
    const log = mend.output();
    expect(log).not.toContain('[auth][error] CredentialsSignin');
    expect(log).not.toMatch(/\n\s+at .*(next-auth|@auth\/core)/);
    expect(log).not.toContain(robin.email);
    expect(log.match(/\[auth\] sign-in refused \(email and password did not match\)/g)).toHaveLength(8);
    expect(log.match(/\[auth\] sign-in refused \(paused after repeated failures\)/g)).toHaveLength(1);
  } finally {
    await mend.stop();
    await database?.drop();
  }
});

async function copyOfCookies(context: BrowserContext, browserBaseUrl: string): Promise<BrowserContext> {
  const copy = await context.browser()!.newContext({ baseURL: browserBaseUrl });
  await copy.addCookies(await context.cookies());
  return copy;
}

async function expectSignedOut(context: BrowserContext): Promise<void> {
  const page = await context.newPage();
  await page.goto('/account');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Faccount/);
  expect((await context.request.get('/api/realtime/token?scope=socket')).status()).toBe(401);
  await page.close();
}

async function expectSignedIn(context: BrowserContext): Promise<void> {
  const page = await context.newPage();
  await page.goto('/account');
  await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
  expect((await context.request.get('/api/realtime/token?scope=socket')).status()).toBe(200);
  await page.close();
}

async function signIn(person: Person, context: BrowserContext): Promise<void> {
  const page = await context.newPage();
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/home/);
  await page.close();
}

test('signing out ends the session: a cookie copied before is refused afterwards', async ({ browser, mendURL }) => {
  const alex = await newPerson(browser, mendURL, 'Alex');
  await signUp(alex);
  await createSpace(alex, 'Alex & Sam');
  const copied = await copyOfCookies(alex.context, mendURL);
  // The copy works while the session is current…
  await expectSignedIn(copied);
  await alex.page.getByRole('button', { name: 'Sign out' }).click();
  await alex.page.waitForURL(/\/sign-in\?signedOut=1/);
  // …and not after signing out, on a page or for a realtime token.
  await expectSignedOut(copied);
  await expectSignedOut(alex.context);
  await copied.close();
  await alex.context.close();
});

test('the account page lists signed-in devices; one can be signed out, or all but this one', async ({ browser, mendURL }) => {
  const alex = await newPerson(browser, mendURL, 'Alex');
  await signUp(alex);
  await createSpace(alex, 'Ours');
  const phone = await browser.newContext({ baseURL: mendURL, userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1' });
  await signIn(alex, phone);
  await expectSignedIn(phone);

  await alex.page.goto('/account');
  const devices = alex.page.getByRole('list', { name: 'Signed-in devices' });
  await expect(devices.getByRole('listitem')).toHaveCount(2);
  await expect(devices).toContainText('Chrome on Linux · this device');
  await expect(devices).toContainText('Safari on iPhone · active now');
  await alex.page.screenshot({ path: screenshotPath('account-sessions'), fullPage: true });

  await alex.page.getByRole('button', { name: 'Sign out this one: Safari on iPhone' }).click();
  await expect(devices.getByRole('listitem')).toHaveCount(1);
  await expectSignedOut(phone);
  await expectSignedIn(alex.context);

  // Signed in again on the phone and on a tablet: "everywhere else" ends both, and keeps this device.
  await signIn(alex, phone);
  const tablet = await browser.newContext({ baseURL: mendURL });
  await signIn(alex, tablet);
  await alex.page.goto('/account');
  await expect(devices.getByRole('listitem')).toHaveCount(3);
  await alex.page.getByRole('button', { name: 'Sign out everywhere else' }).click();
  await expect(alex.page.getByText('Your 2 other devices are signed out.')).toBeVisible();
  await expect(devices.getByRole('listitem')).toHaveCount(1);
  await alex.page.screenshot({ path: screenshotPath('account-sessions-after-everywhere-else'), fullPage: true });
  await expectSignedOut(phone);
  await expectSignedOut(tablet);
  await expectSignedIn(alex.context);
  for (const context of [phone, tablet, alex.context]) await context.close();
});

test('"Sign out everywhere" ends every session, this device’s too', async ({ browser, mendURL }) => {
  const alex = await newPerson(browser, mendURL, 'Alex');
  await signUp(alex);
  await createSpace(alex, 'Ours');
  const phone = await browser.newContext({ baseURL: mendURL });
  await signIn(alex, phone);
  const copied = await copyOfCookies(alex.context, mendURL);
  await expectSignedIn(copied);
  await alex.page.goto('/account');
  await alex.page.getByRole('button', { name: 'Sign out everywhere', exact: true }).click();
  await alex.page.waitForURL(/\/sign-in\?signedOut=1/);
  await expectSignedOut(phone);
  await expectSignedOut(copied);
  await expectSignedOut(alex.context);
  for (const context of [phone, copied, alex.context]) await context.close();
});

test('a deleted account’s cookie identifies no one', async ({ browser, mendURL }) => {
  const robin = await newPerson(browser, mendURL, 'Robin');
  await signUp(robin);
  await createSpace(robin, 'Robin alone');
  const copied = await copyOfCookies(robin.context, mendURL);
  await expectSignedIn(copied);
  await robin.page.goto('/account');
  await robin.page.getByLabel('Your password').fill(robin.password);
  await robin.page.getByLabel('Type "delete" to confirm').fill('delete');
  await robin.page.getByRole('button', { name: 'Delete my account' }).click();
  await robin.page.waitForURL((url) => url.pathname === '/');
  await expectSignedOut(copied);
  // Nor can it sign in again with the old password.
  const page = await copied.newPage();
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(robin.email);
  await page.getByLabel('Password').fill(robin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'That email and password do not match an account. Please check them and try again.' })).toBeVisible();
  await copied.close();
  await robin.context.close();
});
