/**
 * Quick exit, as someone who is suddenly not alone uses it: it leaves at once, and what it leaves
 * behind is nothing. Back shows no signed-in page, the session cookie (even a copy taken earlier) no
 * longer opens anything, and the browser keeps no copy of what was written. It is on every page, is
 * the first thing Tab reaches, and never sits over what someone reads or types on a phone.
 */
import { randomBytes } from 'node:crypto';
import type { BrowserContext, Page } from '@playwright/test';
import { createSpace, expect, makeInviteLink, newPerson, screenshotPath, signUp, test, type Person } from './fixtures';

/** global-setup.ts sends Quick exit here instead of a real neutral site. */
const NEUTRAL_PAGE = 'about:blank#left-mend';
const SESSION_COOKIE = /authjs\.session-token/;

function editor(page: Page) {
  return page.locator('.collab-prose');
}

/** Every IndexedDB database of the page's origin, with whether any stored value contains `text`. */
async function localDatabases(page: Page, text: string): Promise<Array<{ name: string; containsText: boolean }>> {
  return page.evaluate(async (needle) => {
    const decoder = new TextDecoder();
    const asText = (value: unknown): string => {
      if (value instanceof ArrayBuffer) return decoder.decode(new Uint8Array(value));
      if (ArrayBuffer.isView(value)) return decoder.decode(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
      if (typeof value === 'string') return value;
      if (value && typeof value === 'object') return Object.values(value).map(asText).join(' ');
      return '';
    };
    const found: Array<{ name: string; containsText: boolean }> = [];
    for (const { name } of await indexedDB.databases()) {
      if (!name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      let containsText = false;
      for (const storeName of Array.from(db.objectStoreNames)) {
        const values = await new Promise<unknown[]>((resolve, reject) => {
          const request = db.transaction(storeName, 'readonly').objectStore(storeName).getAll();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        if (values.some((value) => asText(value).includes(needle))) containsText = true;
      }
      // Close at once: an open connection here would hold up a deletion.
      db.close();
      found.push({ name, containsText });
    }
    return found;
  }, text);
}

async function sessionCookies(context: BrowserContext) {
  return (await context.cookies()).filter((cookie) => SESSION_COOKIE.test(cookie.name));
}

/** Signs Alex up, creates the space, and writes a journal entry whose text is on this device. */
async function alexWithJournalEntry(browser: import('@playwright/test').Browser, mendURL: string, secret: string): Promise<{ alex: Person; entryPath: string }> {
  const alex = await newPerson(browser, mendURL, 'Alex');
  await signUp(alex);
  await createSpace(alex, 'Alex & Sam');
  const { page } = alex;
  await page.goto('/journal');
  await page.getByRole('button', { name: 'Start writing' }).click();
  await page.waitForURL(/\/journal\/[0-9a-f-]{36}$/);
  const entryPath = new URL(page.url()).pathname;
  await expect(page.getByTestId('sync-status')).toHaveText('Synced');
  await editor(page).click();
  // Inserted at once (as a paste is), so the text is stored in one piece and a search can find it.
  await page.keyboard.insertText(secret);
  await expect(editor(page)).toContainText(secret);
  // The precondition that makes the last check mean something: the entry's text is in IndexedDB now.
  await expect.poll(async () => (await localDatabases(page, secret)).some((database) => database.containsText)).toBe(true);
  return { alex, entryPath };
}

/** What Quick exit must leave: no session on the server, no cookie, no copy in the browser. */
async function expectNothingLeft(alex: Person, cookiesBefore: Awaited<ReturnType<BrowserContext['cookies']>>, secret: string, mendURL: string, browser: import('@playwright/test').Browser) {
  const { page, context } = alex;
  await expect.poll(async () => (await sessionCookies(context)).length, { message: 'the session cookie is expired' }).toBe(0);

  // Back returns to the journal list's address, which the browser must ask the server for again
  // (pages are never cached), and the server no longer knows this device.
  await page.goBack();
  await page.waitForURL(/\/sign-in\?next=/);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  expect(await page.content()).not.toContain(secret);
  await expect(page.getByRole('link', { name: /Your account/ })).toHaveCount(0);

  // A copy of the cookie taken before leaving opens nothing: the session itself was ended.
  const copied = await browser.newContext({ baseURL: mendURL });
  await copied.addCookies(cookiesBefore);
  const account = await copied.request.get('/account', { maxRedirects: 0 });
  expect(account.status()).toBe(307);
  expect(account.headers()['location']).toMatch(/^\/sign-in\?next=/);
  const token = await copied.request.get('/api/realtime/token?scope=socket');
  expect(token.status()).toBe(401);
  expect((await copied.request.get('/journal/export')).status()).toBe(401);
  await copied.close();

  // Nothing of the entry is left in this browser's storage.
  await expect.poll(async () => (await localDatabases(page, secret)).filter((database) => database.containsText || database.name.startsWith('mend-document-'))).toEqual([]);
  expect(await page.evaluate(() => [localStorage.length, sessionStorage.length])).toEqual([0, 0]);
}

test('the Quick exit button leaves at once, then Back shows nothing, the old cookie opens nothing and no copy is left', async ({ browser, mendURL }) => {
  const secret = `Walked by the river at dawn ${randomBytes(4).toString('hex')}`;
  const { alex, entryPath } = await alexWithJournalEntry(browser, mendURL, secret);
  const { page, context } = alex;
  await page.evaluate(() => {
    localStorage.setItem('mend-test-key', 'kept by an earlier page');
    sessionStorage.setItem('mend-test-key', 'kept by an earlier page');
  });

  // From the list into the entry, so Back has a signed-in page to go back to.
  await page.goto('/journal');
  await page.locator(`a[href="${entryPath}"]`).first().click();
  await page.waitForURL(entryPath);
  await expect(editor(page)).toContainText(secret);
  const cookiesBefore = await context.cookies();
  expect(cookiesBefore.some((cookie) => SESSION_COOKIE.test(cookie.name))).toBe(true);

  // Leaving does not wait for the server: hold the sign-out request back and the page is gone anyway.
  let releaseSignOut!: () => void;
  const signOutHeld = new Promise<void>((resolve) => (releaseSignOut = resolve));
  let signOutSeen = false;
  await context.route('**/api/quick-exit', async (route) => {
    signOutSeen = true;
    await signOutHeld;
    await route.continue();
  });
  await page.getByRole('button', { name: 'Quick exit' }).click();
  await page.waitForURL(NEUTRAL_PAGE, { timeout: 3_000 });
  await expect.poll(() => signOutSeen).toBe(true);
  expect((await sessionCookies(context)).length).toBe(1);
  // The page itself erased the device's copies; it did not need the server's answer for that.
  const probe = await context.newPage();
  await probe.goto('/healthz');
  await expect.poll(async () => (await localDatabases(probe, secret)).filter((database) => database.containsText || database.name.startsWith('mend-document-'))).toEqual([]);
  expect(await probe.evaluate(() => localStorage.length)).toBe(0);
  await probe.close();
  releaseSignOut();

  await expectNothingLeft(alex, cookiesBefore, secret, mendURL, browser);
  await context.close();
});

test('Escape twice leaves from inside the editor, with the same clean-up; once does nothing', async ({ browser, mendURL }) => {
  const secret = `A letter I will not send ${randomBytes(4).toString('hex')}`;
  const { alex } = await alexWithJournalEntry(browser, mendURL, secret);
  const { page, context } = alex;
  const cookiesBefore = await context.cookies();

  await editor(page).click();
  await page.keyboard.press('Escape');
  await page.waitForTimeout(1_200);
  await page.keyboard.press('Escape');
  // Two presses more than a second apart are not a request to leave.
  await expect(editor(page)).toContainText(secret);
  expect(page.url()).toMatch(/\/journal\//);

  await editor(page).click();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await page.waitForURL(NEUTRAL_PAGE, { timeout: 3_000 });
  await expectNothingLeft(alex, cookiesBefore, secret, mendURL, browser);
  await context.close();
});

test('the sign-out endpoint only answers Mend’s own pages', async ({ browser, mendURL }) => {
  const alex = await newPerson(browser, mendURL, 'Alex');
  await signUp(alex);
  const crossSite = await alex.context.request.post('/api/quick-exit', { headers: { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' } });
  expect(crossSite.status()).toBe(403);
  const noOrigin = await alex.context.request.post('/api/quick-exit', { headers: {} });
  expect(noOrigin.status()).toBe(403);
  // Still signed in after both.
  expect((await alex.context.request.get('/account', { maxRedirects: 0 })).status()).toBe(200);
  await alex.context.close();
});

/**
 * At 390 px (a common phone), scrolls each element of the page to the top and to the bottom of the
 * screen in turn and checks that the Quick exit bar is not what is found there.
 */
async function elementsCoveredByQuickExit(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const bar = document.querySelector('.quick-exit-bar') ?? document.querySelector('.quick-exit');
    if (!bar) return ['no quick exit on the page'];
    const covered: string[] = [];
    const candidates = Array.from(document.querySelectorAll<HTMLElement>('main input, main button, main a, main label, main small, main p, main li, main h1, main h2, main summary, main .collab-prose > *'));
    for (const element of candidates) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || box.height > window.innerHeight / 2 || getComputedStyle(element).visibility === 'hidden') continue;
      for (const block of ['start', 'end'] as const) {
        element.scrollIntoView({ block, inline: 'nearest' });
        await new Promise((resolve) => requestAnimationFrame(resolve));
        const rect = element.getBoundingClientRect();
        const points = [
          [rect.left + rect.width / 2, rect.top + rect.height / 2],
          [rect.right - 2, rect.top + rect.height / 2],
          [rect.left + 2, rect.bottom - 2],
          [rect.right - 2, rect.bottom - 2],
        ];
        for (const [x, y] of points) {
          if (x! < 0 || y! < 0 || x! >= window.innerWidth || y! >= window.innerHeight) continue;
          const found = document.elementFromPoint(x!, y!);
          if (found && bar.contains(found) && !element.contains(found)) {
            covered.push(`${element.tagName.toLowerCase()} “${(element.textContent ?? '').trim().slice(0, 40)}” (${block})`);
            break;
          }
        }
      }
    }
    window.scrollTo(0, 0);
    return [...new Set(covered)];
  });
}

/** On a freshly loaded page (nothing focused yet), Tab reaches Quick exit first. */
async function expectFirstTabStop(page: Page, name: string): Promise<void> {
  await page.reload();
  const button = page.getByRole('button', { name: 'Quick exit' });
  await expect(button, `Quick exit on ${name}`).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(button, `Quick exit is the first Tab stop on ${name}`).toBeFocused();
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

async function expectNothingCovered(page: Page, name: string): Promise<void> {
  expect(await elementsCoveredByQuickExit(page), `nothing covered on ${name}`).toEqual([]);
}

async function expectQuickExitFirstAndClear(page: Page, name: string): Promise<void> {
  await expectFirstTabStop(page, name);
  await expectNothingCovered(page, name);
}

test('Quick exit is on every page, first in the tab order, and covers nothing on a phone', async ({ browser, mendURL }) => {
  test.setTimeout(180_000);
  const alex = await newPerson(browser, mendURL, 'Alex');
  const { page } = alex;
  await page.setViewportSize({ width: 390, height: 844 });

  for (const [path, name] of [['/', 'home'], ['/sign-up', 'sign-up'], ['/sign-in', 'sign-in'], ['/no-such-page', 'not found']] as const) {
    await page.goto(path);
    await expectQuickExitFirstAndClear(page, name);
  }
  await page.goto('/sign-in');
  await page.screenshot({ path: screenshotPath('quick-exit-sign-in-390'), fullPage: false });

  await signUp(alex);
  await createSpace(alex, 'Alex & Sam');
  const invite = await makeInviteLink(alex);
  await expectFirstTabStop(page, 'space');
  await page.getByText('Leave this space').click();
  await expectNothingCovered(page, 'space with the leave form open');
  await page.screenshot({ path: screenshotPath('quick-exit-space-390'), fullPage: false });
  await page.getByText('I understand, leave the space').scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('quick-exit-space-leave-390'), fullPage: false });

  // A long journal entry: the last lines, where typing happens, stay clear of the button.
  await page.goto('/journal');
  await page.getByRole('button', { name: 'Start writing' }).click();
  await page.waitForURL(/\/journal\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('sync-status')).toHaveText('Synced');
  await editor(page).click();
  for (let line = 1; line <= 30; line++) {
    await page.keyboard.type(`Line ${line} of a long evening.`);
    await page.keyboard.press('Enter');
  }
  await page.keyboard.type('The last line, still being typed');
  await page.screenshot({ path: screenshotPath('quick-exit-journal-entry-390'), fullPage: false });
  const lastLine = editor(page).locator('p').last();
  const lastBox = (await lastLine.boundingBox())!;
  const barBox = (await page.locator('.quick-exit-bar').boundingBox())!;
  expect(lastBox.y >= barBox.y + barBox.height || lastBox.y + lastBox.height <= barBox.y).toBe(true);
  await expectNothingCovered(page, 'journal entry');
  await expectFirstTabStop(page, 'journal entry');

  for (const [path, name] of [['/notes/new', 'new note'], ['/agreements', 'agreements'], ['/account', 'account']] as const) {
    await page.goto(path);
    await expectQuickExitFirstAndClear(page, name);
  }

  const visitor = await newPerson(browser, mendURL, 'Sam');
  await visitor.page.setViewportSize({ width: 390, height: 844 });
  await visitor.page.goto(new URL(invite).pathname);
  await expectQuickExitFirstAndClear(visitor.page, 'invite');
  await visitor.context.close();
  await alex.context.close();
});
