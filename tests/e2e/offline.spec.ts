/**
 * Mend as an installed app on a train: the manifest and icons are there to install it; after one
 * visit an agreement opens with no network, from the copy on this device, says it is offline, takes
 * edits, and shares them when the network is back. After signing out, nothing of the account is
 * readable offline: no page, no text, no cache.
 */
import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { createSpace, expect, makeCouple, newPerson, screenshotPath, signUp, test } from './fixtures';

function editor(page: Page) {
  return page.locator('.collab-prose');
}

async function cacheContents(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(async () => {
    const contents: Record<string, string[]> = {};
    for (const name of await caches.keys()) contents[name] = (await (await caches.open(name)).keys()).map((request) => new URL(request.url).pathname);
    return contents;
  });
}

test('the manifest is served with the fields an install needs, and its icons are reachable', async ({ request }) => {
  const response = await request.get('/manifest.webmanifest');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('application/manifest+json');
  const manifest = (await response.json()) as Record<string, unknown> & { icons: Array<{ src: string; sizes: string; type: string; purpose?: string }> };
  expect(manifest).toMatchObject({ name: 'Mend', short_name: 'Mend', start_url: '/home', display: 'standalone', theme_color: '#0f766e', background_color: '#f6f8f7' });
  expect(manifest.icons.map((icon) => `${icon.sizes} ${icon.purpose ?? 'any'}`).sort()).toEqual(['192x192 any', '512x512 any', '512x512 maskable']);
  for (const icon of manifest.icons) {
    const file = await request.get(icon.src);
    expect(file.status(), icon.src).toBe(200);
    expect(file.headers()['content-type']).toBe('image/png');
    const body = await file.body();
    // A PNG's width and height are in its header: the sizes the manifest promises.
    const [width, height] = icon.sizes.split('x').map(Number);
    expect([body.readUInt32BE(16), body.readUInt32BE(20)]).toEqual([width, height]);
  }
  // Every page links to it, and the worker's script is JavaScript from Mend itself.
  const signIn = await request.get('/sign-in');
  expect(await signIn.text()).toContain('<link rel="manifest" href="/manifest.webmanifest"');
  const worker = await request.get('/sw.js');
  expect(worker.status()).toBe(200);
  expect(worker.headers()['content-type']).toContain('javascript');
});

test('an agreement opened once opens offline, takes an edit the partner sees later, and after signing out nothing is left to read', async ({ browser, mendURL }) => {
  const secret = `We keep Sundays for walks ${randomBytes(4).toString('hex')}`;
  const trainEdit = `Written on a train ${randomBytes(3).toString('hex')}`;
  const { a: alex, b: sam } = await makeCouple(browser, mendURL);
  const { page, context } = alex;

  await page.goto('/agreements');
  await page.getByLabel('Title').fill('Sundays');
  await page.getByRole('button', { name: 'Start this agreement' }).click();
  await page.waitForURL(/\/agreements\/[0-9a-f-]{36}$/);
  const path = new URL(page.url()).pathname;
  await expect(page.getByTestId('sync-status')).toHaveText('Synced');
  await editor(page).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.insertText(secret);
  await sam.page.goto(path);
  await expect(sam.page.getByTestId('sync-status')).toHaveText('Synced');
  await expect(editor(sam.page)).toContainText(secret);

  // The worker controls the page and has kept this page and the build files it needs.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await expect.poll(async () => (await cacheContents(page))['mend-pages-v1'] ?? []).toEqual([path]);
  await expect.poll(async () => ((await cacheContents(page))['mend-static-v1'] ?? []).length).toBeGreaterThan(3);
  // Only build files next to the pages: nothing else of the account (no /api, no other page).
  const kept = await cacheContents(page);
  expect((kept['mend-static-v1'] ?? []).every((file) => /^\/(_next\/static\/|icons\/|manifest\.webmanifest$)/.test(file))).toBe(true);

  // The train: no network, the page is opened again.
  await context.setOffline(true);
  await page.reload();
  await expect(editor(page)).toContainText(secret);
  await expect(page.getByTestId('offline-mark')).toHaveText('Offline: your changes are kept on this device and will be shared when you are back online.');
  await expect(page.getByTestId('sync-status')).toContainText('Offline');
  await editor(page).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.insertText(` ${trainEdit}`);
  await expect(editor(page)).toContainText(trainEdit);
  await page.screenshot({ path: screenshotPath('offline-agreement-1200'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: screenshotPath('offline-agreement-390'), fullPage: true });
  await page.setViewportSize({ width: 1200, height: 820 });
  // While offline the edit has not reached Sam.
  await expect(editor(sam.page)).not.toContainText(trainEdit);

  // Back online: the edit is shared, the mark goes.
  await context.setOffline(false);
  await expect(page.getByTestId('sync-status')).toHaveText('Synced', { timeout: 20_000 });
  await expect(page.getByTestId('offline-mark')).toHaveCount(0);
  await expect(editor(sam.page)).toContainText(trainEdit);

  // Signing out forgets every cache on this device.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(/\/sign-in/);
  await expect.poll(() => page.evaluate(() => caches.keys())).toEqual([]);

  await context.setOffline(true);
  for (const address of [path, '/journal']) {
    await page.goto(address);
    await expect(page.getByRole('heading', { level: 1, name: 'You are offline' })).toBeVisible();
    const html = await page.content();
    expect(html).not.toContain(secret);
    expect(html).not.toContain(trainEdit);
    expect(await page.evaluate(() => caches.keys())).toEqual([]);
    expect((await page.evaluate(() => indexedDB.databases())).filter((database) => database.name?.startsWith('mend-document-'))).toEqual([]);
  }
  await page.screenshot({ path: screenshotPath('offline-signed-out-1200') });
  await context.setOffline(false);
});

test('a journal entry opened once opens offline too, and Quick exit leaves no cache behind', async ({ browser, mendURL }) => {
  const secret = `Slept badly, felt lighter by noon ${randomBytes(4).toString('hex')}`;
  const alex = await newPerson(browser, mendURL, 'Alex');
  await signUp(alex);
  await createSpace(alex, 'Alex & Sam');
  const { page, context } = alex;
  await page.goto('/journal');
  await page.getByRole('button', { name: 'Start writing' }).click();
  await page.waitForURL(/\/journal\/[0-9a-f-]{36}$/);
  const entryPath = new URL(page.url()).pathname;
  await expect(page.getByTestId('sync-status')).toHaveText('Synced');
  await editor(page).click();
  await page.keyboard.insertText(secret);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await expect.poll(async () => (await cacheContents(page))['mend-pages-v1'] ?? []).toEqual([entryPath]);

  await context.setOffline(true);
  await page.reload();
  await expect(editor(page)).toContainText(secret);
  await expect(page.getByTestId('offline-mark')).toBeVisible();
  await context.setOffline(false);
  await expect(page.getByTestId('sync-status')).toHaveText('Synced', { timeout: 20_000 });

  await page.getByRole('button', { name: 'Quick exit' }).click();
  await page.waitForURL('about:blank#left-mend');
  // Back on Mend's origin (a file that is not a page, so nothing is kept or forgotten by opening it).
  const later = await context.newPage();
  await later.goto('/manifest.webmanifest');
  await expect.poll(() => later.evaluate(() => caches.keys())).toEqual([]);
  await context.setOffline(true);
  // With the worker gone (the server's Clear-Site-Data) the browser shows its own offline error;
  // with it still there, its offline page. Neither shows the entry.
  await later.goto(entryPath).catch(() => undefined);
  expect(await later.content()).not.toContain(secret);
  await context.setOffline(false);
});

test('a session that ends without the sign-out button (expired, or signed out from another device) still leaves no cache once the sign-in page opens', async ({ browser, mendURL }) => {
  const secret = `A quiet evening at home ${randomBytes(4).toString('hex')}`;
  const alex = await newPerson(browser, mendURL, 'Alex');
  await signUp(alex);
  await createSpace(alex, 'Alex & Sam');
  const { page, context } = alex;
  await page.goto('/journal');
  await page.getByRole('button', { name: 'Start writing' }).click();
  await page.waitForURL(/\/journal\/[0-9a-f-]{36}$/);
  const entryPath = new URL(page.url()).pathname;
  await expect(page.getByTestId('sync-status')).toHaveText('Synced');
  await editor(page).click();
  await page.keyboard.insertText(secret);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await expect.poll(async () => (await cacheContents(page))['mend-pages-v1'] ?? []).toEqual([entryPath]);

  // The session is gone without this page knowing: the next page it asks for is the sign-in page.
  await context.clearCookies();
  await page.goto(entryPath);
  await page.waitForURL(/\/sign-in\?next=/);
  await expect.poll(() => page.evaluate(() => caches.keys())).toEqual([]);
  await context.setOffline(true);
  await page.goto(entryPath);
  await expect(page.getByRole('heading', { level: 1, name: 'You are offline' })).toBeVisible();
  expect(await page.content()).not.toContain(secret);
  await context.setOffline(false);
});
