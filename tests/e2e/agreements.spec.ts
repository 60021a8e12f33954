import type { Page } from '@playwright/test';
import { expect, makeCouple, newPerson, screenshotPath, signUp, test, type Person } from './fixtures';

/** The editor's text as a person reads it: without the partner's caret label (which sits in the DOM). */
async function editorText(page: Page): Promise<string> {
  return page.locator('.collab-prose').evaluate((element) => {
    const copy = element.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('.collaboration-carets__caret').forEach((caret) => caret.remove());
    return copy.textContent ?? '';
  });
}

function editor(page: Page) {
  return page.locator('.collab-prose');
}

async function expectSynced(page: Page): Promise<void> {
  await expect(page.getByTestId('sync-status')).toHaveText('Synced');
}

async function startAgreement(person: Person, template: string | null, title = ''): Promise<string> {
  await person.page.goto('/agreements');
  if (template) await person.page.getByRole('radio', { name: new RegExp(`^${template}`) }).check();
  if (title) await person.page.getByLabel('Title').fill(title);
  await person.page.getByRole('button', { name: 'Start this agreement' }).click();
  await person.page.waitForURL(/\/agreements\/[0-9a-f-]{36}$/);
  await expectSynced(person.page);
  return new URL(person.page.url()).pathname;
}

test('two partners write in one agreement at the same time, see each other, and survive going offline', async ({ browser, mendURL }) => {
  const { a: alex, b: sam } = await makeCouple(browser, mendURL);
  await alex.page.goto('/agreements');
  await expect(alex.page.getByText('No agreements yet.')).toBeVisible();
  await alex.page.getByRole('radio', { name: /^How we talk when upset/ }).check();
  await alex.page.screenshot({ path: screenshotPath('agreements-list-empty'), fullPage: true });

  const path = await startAgreement(alex, 'How we talk when upset');
  await expect(alex.page.getByRole('heading', { level: 1, name: 'How we talk when upset' })).toBeVisible();
  await expect(editor(alex.page)).toContainText('Why we are making this agreement');
  await expect(editor(alex.page).getByRole('checkbox')).toHaveCount(8);

  await sam.page.goto(path);
  await expectSynced(sam.page);
  await expect(editor(sam.page)).toContainText('Taking a pause');
  // Who is here now, on both sides.
  await expect(alex.page.getByTestId('presence')).toContainText('Sam');
  await expect(sam.page.getByTestId('presence')).toContainText('Alex');

  // Both type at the same moment, at different ends of the document.
  await editor(alex.page).click();
  await alex.page.keyboard.press('Control+End');
  await editor(sam.page).click();
  await sam.page.keyboard.press('Control+Home');
  await Promise.all([
    alex.page.keyboard.type(' We will try this for a month.', { delay: 15 }),
    sam.page.keyboard.type('Agreed on a calm evening. ', { delay: 15 }),
  ]);
  await expect(editor(sam.page)).toContainText('We will try this for a month.', { timeout: 1_000 });
  await expect(editor(alex.page)).toContainText('Agreed on a calm evening.', { timeout: 1_000 });
  // The partner's caret, with their name, in their colour.
  const samCaretForAlex = alex.page.locator('.collaboration-carets__caret', { hasText: 'Sam' });
  const alexCaretForSam = sam.page.locator('.collaboration-carets__caret', { hasText: 'Alex' });
  await expect(samCaretForAlex).toBeVisible({ timeout: 1_000 });
  await expect(alexCaretForSam).toBeVisible({ timeout: 1_000 });
  expect(await samCaretForAlex.evaluate((el) => getComputedStyle(el).borderLeftColor)).toBe('rgb(157, 23, 77)');

  // A fresh edit reaches the partner within a second.
  const startedAt = Date.now();
  await alex.page.keyboard.type(' Measured.');
  await expect(editor(sam.page)).toContainText('Measured.', { timeout: 1_000 });
  console.log(`Partner saw the edit ${Date.now() - startedAt} ms after typing began`);

  // Sam selects a word so Alex sees the selection too.
  await sam.page.keyboard.press('Shift+ArrowLeft');
  await sam.page.keyboard.press('Shift+ArrowLeft');
  await sam.page.keyboard.press('Shift+ArrowLeft');
  await expect(alex.page.locator('.collaboration-carets__selection').first()).toBeVisible();
  await alex.page.screenshot({ path: screenshotPath('agreement-editor-two-carets'), fullPage: true });
  await sam.page.screenshot({ path: screenshotPath('agreement-editor-two-carets-sam'), fullPage: false });
  await sam.page.keyboard.press('ArrowRight');

  // Sam goes offline, keeps writing; Alex writes too; Sam comes back and both end identical.
  await sam.context.setOffline(true);
  await expect(sam.page.getByTestId('sync-status')).toHaveText(/^Offline/);
  await sam.page.keyboard.press('Control+End');
  await sam.page.keyboard.type(' Written on the train, offline.');
  await alex.page.keyboard.type(' Alex, meanwhile.');
  // Give a leaking connection time to deliver, so "not there" means something.
  await alex.page.waitForTimeout(700);
  await expect(editor(alex.page)).not.toContainText('Written on the train');
  await sam.page.screenshot({ path: screenshotPath('agreement-editor-offline'), fullPage: false });
  await sam.context.setOffline(false);
  await expectSynced(sam.page);
  await expect(editor(alex.page)).toContainText('Written on the train, offline.');
  await expect(editor(sam.page)).toContainText('Alex, meanwhile.');
  await expect.poll(async () => (await editorText(alex.page)) === (await editorText(sam.page))).toBe(true);

  // Phone width.
  await sam.page.setViewportSize({ width: 390, height: 844 });
  await sam.page.screenshot({ path: screenshotPath('agreement-editor-phone'), fullPage: false });
  await sam.page.goto('/agreements');
  await expect(sam.page.getByTestId('agreement-list')).toContainText('How we talk when upset');
  await sam.page.screenshot({ path: screenshotPath('agreements-list-phone'), fullPage: true });

  // After a reload, both still read the same agreement from the server.
  await alex.page.reload();
  await expectSynced(alex.page);
  await expect(editor(alex.page)).toContainText('Written on the train, offline.');

  await alex.context.close();
  await sam.context.close();
});

test('edits made offline survive a reload before they reach the server, then reach the partner', async ({ browser, mendURL }) => {
  const { a: alex, b: sam } = await makeCouple(browser, mendURL);
  const path = await startAgreement(alex, null, 'Evenings together');
  await sam.page.goto(path);
  await expectSynced(sam.page);

  await alex.context.setOffline(true);
  await expect(alex.page.getByTestId('sync-status')).toHaveText(/^Offline/);
  await editor(alex.page).click();
  await alex.page.keyboard.type('Kept on this laptop while offline.');
  // Close the tab while still offline, then open the agreement again with the network back but the
  // document room unreachable: the text can only come from this device's copy (IndexedDB).
  await alex.page.waitForTimeout(300);
  await alex.page.close();
  let roomReachable = false;
  // Not calling connectToServer() leaves the socket open to nothing (Playwright mocks it).
  await alex.context.routeWebSocket(/\/realtime\/yjs\//, (socket) => {
    if (roomReachable) socket.connectToServer();
  });
  await alex.context.setOffline(false);
  alex.page = await alex.context.newPage();
  await alex.page.goto(path);
  await expect(editor(alex.page)).toContainText('Kept on this laptop while offline.');
  await expect(alex.page.getByTestId('sync-status')).not.toHaveText('Synced');
  await sam.page.waitForTimeout(500);
  await expect(editor(sam.page)).not.toContainText('Kept on this laptop');

  roomReachable = true;
  await alex.page.reload();
  await expectSynced(alex.page);
  await expect(editor(sam.page)).toContainText('Kept on this laptop while offline.', { timeout: 5_000 });
  await alex.context.close();
  await sam.context.close();
});

test('rename, archive and bring back; a stranger cannot open the agreement', async ({ browser, mendURL }) => {
  const { a: alex, b: sam } = await makeCouple(browser, mendURL);
  const path = await startAgreement(alex, 'Phone and privacy');
  await startAgreement(alex, 'Time and space');

  await alex.page.goto(path);
  await alex.page.getByText('Rename or archive').click();
  await alex.page.getByLabel('New title').fill('Phones, honestly');
  await alex.page.getByRole('button', { name: 'Rename', exact: true }).click();
  await expect(alex.page.getByRole('heading', { level: 1, name: 'Phones, honestly' })).toBeVisible();

  await sam.page.goto('/agreements');
  await expect(sam.page.getByTestId('agreement-list')).toContainText('Phones, honestly');
  await expect(sam.page.getByTestId('agreement-list')).toContainText('Time and space');
  await sam.page.screenshot({ path: screenshotPath('agreements-list'), fullPage: true });

  await sam.page.goto(path);
  await expectSynced(sam.page);
  await sam.page.getByText('Rename or archive').click();
  await sam.page.getByRole('button', { name: 'Archive this agreement' }).click();
  await expect(sam.page.getByText('This agreement is archived')).toBeVisible();
  await expect(editor(sam.page)).toHaveAttribute('contenteditable', 'false');
  await expect(sam.page.getByRole('toolbar', { name: 'Formatting' })).toHaveCount(0);
  await sam.page.screenshot({ path: screenshotPath('agreement-archived'), fullPage: true });
  // Alex still has the agreement open: it turns read-only there too, without a reload.
  await expect(alex.page.getByText('This agreement is archived')).toBeVisible();
  await expect(editor(alex.page)).toHaveAttribute('contenteditable', 'false');

  await alex.page.goto('/agreements');
  await expect(alex.page.getByTestId('agreement-list')).not.toContainText('Phones, honestly');
  await alex.page.getByText('Archived (1)').click();
  await alex.page.getByRole('button', { name: 'Bring back' }).click();
  await expect(alex.page.getByTestId('agreement-list')).toContainText('Phones, honestly');
  // Sam still has it open: it turns editable again there without a reload, and what Sam types is kept.
  await expect(sam.page.getByText('This agreement is archived')).toHaveCount(0);
  await expect(editor(sam.page)).toHaveAttribute('contenteditable', 'true');
  await expectSynced(sam.page);
  await editor(sam.page).click();
  await sam.page.keyboard.type(' Back from the archive.');
  await alex.page.goto(path);
  await expect(editor(alex.page)).toContainText('Back from the archive.');

  await alex.page.goto('/space');
  await expect(alex.page.getByTestId('activity')).toContainText('Sam archived the agreement “Phones, honestly”.');
  await expect(alex.page.getByTestId('activity')).toContainText('You renamed the agreement “Phone and privacy” to “Phones, honestly”.');

  // Someone outside the space gets "not found", for the page and for a token.
  const robin = await newPerson(browser, mendURL, 'Robin');
  await signUp(robin);
  const response = await robin.page.goto(path);
  expect(response?.status()).toBe(404);
  const tokenResponse = await robin.page.request.get(`/api/realtime/token?documentId=${path.split('/').pop()}`);
  expect(tokenResponse.status()).toBe(404);
  for (const person of [alex, sam, robin]) await person.context.close();
});

test('a partner who leaves the space is disconnected at once, told why, and the copy on their device is removed', async ({ browser, mendURL }) => {
  const { a: alex, b: sam } = await makeCouple(browser, mendURL);
  const path = await startAgreement(alex, 'Time and space');
  const documentId = path.split('/').pop()!;
  await sam.page.goto(path);
  await expectSynced(sam.page);
  expect(await sam.page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))).toContain(`mend-document-${documentId}`);

  // Sam leaves from another tab while the agreement stays open in this one.
  const other = await sam.context.newPage();
  await other.goto('/space');
  await other.getByText('Leave this space').click();
  await other.getByLabel('I understand, leave the space').check();
  await other.getByRole('button', { name: 'Leave space' }).click();
  await other.waitForURL(/\/space\?left=1/);

  await expect(sam.page.getByRole('alert').filter({ hasText: 'no longer have access to this document' })).toBeVisible({ timeout: 5_000 });
  await expect(sam.page.getByTestId('sync-status')).toHaveText('Not connected');
  await expect(editor(sam.page)).toHaveAttribute('contenteditable', 'false');
  await expect.poll(async () => sam.page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))).not.toContain(`mend-document-${documentId}`);
  // No reconnect loop: nothing tries to open the room again.
  let attempts = 0;
  sam.page.on('websocket', (socket) => {
    if (socket.url().includes('/realtime/yjs/')) attempts += 1;
  });
  await sam.page.waitForTimeout(3_000);
  expect(attempts).toBe(0);
  await sam.page.screenshot({ path: screenshotPath('agreement-access-ended'), fullPage: false });
  // Alex keeps the agreement and keeps writing.
  await editor(alex.page).click();
  await alex.page.keyboard.type('Still here.');
  await expectSynced(alex.page);
  await alex.context.close();
  await sam.context.close();
});

test('a refused token (4401) is replaced by a fresh one and the editor connects', async ({ browser, mendURL }) => {
  const { a: alex, b: sam } = await makeCouple(browser, mendURL);
  const path = await startAgreement(alex, null, 'Token check');
  let tokensServed = 0;
  await sam.page.route('**/api/realtime/token?documentId=*', async (route) => {
    tokensServed += 1;
    if (tokensServed > 1) return route.continue();
    // The first token is spoiled, as an expired or tampered one would be: the room must refuse it.
    const response = await route.fetch();
    const body = (await response.json()) as { token: string };
    await route.fulfill({ response, json: { ...body, token: `${body.token.slice(0, -6)}AAAAAA` } });
  });
  const closeCodes: number[] = [];
  await sam.page.exposeFunction('recordClose', (code: number) => closeCodes.push(code));
  await sam.page.addInitScript(() => {
    const Native = window.WebSocket;
    window.WebSocket = class extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        this.addEventListener('close', (event) => (window as unknown as { recordClose(code: number): void }).recordClose(event.code));
      }
    } as typeof WebSocket;
  });
  await sam.page.goto(path);
  await expectSynced(sam.page);
  expect(tokensServed).toBeGreaterThanOrEqual(2);
  expect(closeCodes).toContain(4401);
  await editor(sam.page).click();
  await sam.page.keyboard.type('Connected after a fresh token.');
  await expect(editor(alex.page)).toContainText('Connected after a fresh token.');
  await alex.context.close();
  await sam.context.close();
});
