import type { Page } from '@playwright/test';
import { expect, makeCouple, newPerson, screenshotPath, signUp, createSpace, test, type Person } from './fixtures';

function editor(page: Page) {
  return page.locator('.collab-prose');
}

async function expectSynced(page: Page): Promise<void> {
  await expect(page.getByTestId('sync-status')).toHaveText('Synced');
}

/** Alex starts a note: picks feelings with intensities and a need, then writes what happened. */
async function draftNote(alex: Person, story: string): Promise<string> {
  const { page } = alex;
  await page.goto('/notes');
  await page.getByRole('button', { name: 'Write a note' }).click();
  await page.waitForURL(/\/notes\/new$/);
  // Nothing chosen: a clear message, nothing saved.
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Name at least one feeling' })).toBeVisible();
  await page.getByRole('button', { name: 'betrayed', exact: true }).click();
  await page.getByLabel('How strong is “betrayed”?').selectOption('4');
  await page.getByRole('button', { name: 'hopeful', exact: true }).click();
  await page.getByLabel('In my own words').fill('torn');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByLabel('How strong is “torn”?').selectOption('2');
  await page.getByLabel(/What I need/).fill('A quiet evening to talk, without phones.');
  await page.screenshot({ path: screenshotPath('notes-new-note-form'), fullPage: true });
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL(/\/notes\/[0-9a-f-]{36}\?created=1$/);
  await expect(page.getByText('Only you can see this draft')).toBeVisible();
  await expectSynced(page);
  await editor(page).click();
  await page.keyboard.type(story);
  await expect(editor(page)).toContainText(story);
  return new URL(page.url()).pathname;
}

test('notes: a private draft, shared live, acknowledged live, retracted; a journal the partner cannot reach', async ({ browser, mendURL }) => {
  test.setTimeout(180_000);
  const { a: alex, b: sam } = await makeCouple(browser, mendURL);
  const story = 'When the message came at midnight I felt the floor go.';

  await sam.page.goto('/notes');
  await expect(sam.page.getByTestId('no-notes')).toBeVisible();

  const notePath = await draftNote(alex, story);
  const noteId = notePath.split('/').pop()!;
  // Sam's open list shows nothing, live or after a reload; the draft's URL is a 404 for Sam.
  await sam.page.waitForTimeout(1000);
  await expect(sam.page.getByTestId('note-item')).toHaveCount(0);
  await sam.page.reload();
  await expect(sam.page.getByTestId('no-notes')).toBeVisible();
  const draftForSam = await sam.page.goto(notePath);
  expect(draftForSam?.status()).toBe(404);
  expect(await sam.page.content()).not.toContain('midnight');
  const tokenForSam = await sam.page.request.get(`/api/realtime/token?documentId=${noteId}`);
  expect(tokenForSam.status()).toBe(404);

  // Alex's second device (a phone): the draft is there, its text and its need follow live, autosaved.
  const phone = await browser.newContext({ baseURL: mendURL });
  const phonePage = await phone.newPage();
  await phonePage.goto(`/sign-in?next=${encodeURIComponent(notePath)}`);
  await phonePage.getByLabel('Email').fill(alex.email);
  await phonePage.getByLabel('Password').fill(alex.password);
  await phonePage.getByRole('button', { name: 'Sign in' }).click();
  await phonePage.waitForURL((url) => url.pathname === notePath);
  await expectSynced(phonePage);
  await expect(editor(phonePage)).toContainText(story);
  await editor(alex.page).click();
  await alex.page.keyboard.press('Control+End');
  await alex.page.keyboard.type(' I could not sleep.');
  await expect(editor(phonePage)).toContainText('I could not sleep.');
  await alex.page.getByLabel(/What I need/).fill('A quiet evening to talk, without phones. And patience.');
  await expect(alex.page.getByTestId('autosave-status')).toHaveText('Saved. Only you can see this draft.');
  await expect(phonePage.getByLabel(/What I need/)).toHaveValue('A quiet evening to talk, without phones. And patience.');
  await phone.close();
  await expect(sam.page.getByTestId('note-item')).toHaveCount(0);

  await alex.page.goto('/notes');
  await expect(alex.page.getByTestId('note-item')).toHaveCount(1);
  await expect(alex.page.getByText('Draft · only you can see it')).toBeVisible();

  // Sam waits on the notes list; Alex shares.
  await sam.page.goto('/notes');
  await expect(sam.page.getByTestId('no-notes')).toBeVisible();
  await alex.page.goto(notePath);
  await expectSynced(alex.page);
  await expect(editor(alex.page)).toContainText(story);
  await alex.page.screenshot({ path: screenshotPath('notes-draft'), fullPage: true });
  await alex.page.setViewportSize({ width: 390, height: 844 });
  await alex.page.screenshot({ path: screenshotPath('notes-draft-phone'), fullPage: true });
  await alex.page.setViewportSize({ width: 1200, height: 820 });
  await alex.page.getByRole('button', { name: 'Share with Sam' }).click();
  await expect(alex.page.getByText('Not acknowledged yet.')).toBeVisible();

  // Sam sees it appear without reloading, with a calm notice.
  await expect(sam.page.getByTestId('live-notice')).toHaveText(/Alex shared a note with you\./);
  await expect(sam.page.getByTestId('note-item')).toHaveCount(1);
  await expect(sam.page.getByTestId('note-item')).toContainText('Alex’s note');
  await expect(sam.page.getByTestId('note-item')).toContainText('betrayed');
  await sam.page.screenshot({ path: screenshotPath('notes-list-partner'), fullPage: true });
  await sam.page.setViewportSize({ width: 390, height: 844 });
  await sam.page.screenshot({ path: screenshotPath('notes-list-partner-phone'), fullPage: true });
  await sam.page.setViewportSize({ width: 1200, height: 820 });

  await sam.page.getByRole('link', { name: /Alex’s note/ }).click();
  await expect(sam.page.getByText(story)).toBeVisible();
  await expect(sam.page.getByText('A quiet evening to talk, without phones. And patience.')).toBeVisible();
  await sam.page.getByLabel(/A short response/).fill('Thank you for telling me. I am listening.');
  await sam.page.screenshot({ path: screenshotPath('notes-shared-note-partner'), fullPage: true });
  await sam.page.getByRole('button', { name: 'I read this' }).click();
  await expect(sam.page.getByTestId('acknowledgement')).toContainText('You read this');

  // Alex sees the acknowledgement live.
  await expect(alex.page.getByTestId('acknowledgement')).toContainText('Sam read this');
  await expect(alex.page.getByTestId('acknowledgement')).toContainText('Thank you for telling me.');
  await expect(alex.page.getByTestId('live-notice')).toHaveText(/Sam acknowledged your note\./);

  // A reply each, live in the thread.
  await sam.page.getByLabel('Reply').fill('Can we talk on Saturday morning?');
  await sam.page.getByRole('button', { name: 'Send reply' }).click();
  await expect(alex.page.getByTestId('replies')).toContainText('Can we talk on Saturday morning?');
  await alex.page.getByLabel('Reply').fill('Yes. Saturday at ten.');
  await alex.page.getByRole('button', { name: 'Send reply' }).click();
  await expect(sam.page.getByTestId('replies')).toContainText('Yes. Saturday at ten.');
  await alex.page.screenshot({ path: screenshotPath('notes-shared-note-author'), fullPage: true });

  // The chart shows both partners' shared feelings.
  await sam.page.goto('/notes');
  await expect(sam.page.getByTestId('feelings-chart')).toBeVisible();
  await sam.page.getByTestId('feelings-chart').scrollIntoViewIfNeeded();
  await sam.page.getByTestId('feelings-chart').screenshot({ path: screenshotPath('notes-chart') });
  await alex.page.goto('/notes?acknowledged=no');
  await expect(alex.page.getByTestId('no-notes')).toHaveText('No notes match these filters.');
  await alex.page.goto('/notes?feeling=hurt');
  await expect(alex.page.getByTestId('note-item')).toHaveCount(1);

  // Alex retracts; Sam, on the note, sees only that it was retracted.
  await sam.page.goto(notePath);
  await expect(sam.page.getByText(story)).toBeVisible();
  await alex.page.goto(notePath);
  await alex.page.getByText('Retract this note').click();
  await alex.page.getByRole('button', { name: 'Retract note' }).click();
  await expect(alex.page.getByText('You retracted this note.')).toBeVisible();
  await expect(sam.page.getByTestId('retracted-message')).toContainText('Alex retracted this note');
  await expect(sam.page.getByText(story)).toHaveCount(0);
  await sam.page.goto('/notes');
  await expect(sam.page.getByTestId('note-item')).toHaveText(/A note from Alex was retracted/);
  await expect(sam.page.getByTestId('note-list')).not.toContainText('betrayed');
  expect(await sam.page.content()).not.toContain('A quiet evening to talk');
  await sam.page.goto('/space');
  await expect(sam.page.getByTestId('activity')).toContainText('Alex retracted a note.');

  // The journal: Alex writes; Sam cannot reach it by URL.
  await alex.page.goto('/journal');
  await alex.page.getByRole('button', { name: 'Start writing' }).click();
  await alex.page.waitForURL(/\/journal\/[0-9a-f-]{36}$/);
  const journalPath = new URL(alex.page.url()).pathname;
  await expectSynced(alex.page);
  await editor(alex.page).click();
  await alex.page.keyboard.type('Slept badly. Walked by the river; it helped.');
  await expect(editor(alex.page)).toContainText('it helped');
  await alex.page.screenshot({ path: screenshotPath('journal-entry'), fullPage: true });
  const journalForSam = await sam.page.goto(journalPath);
  expect(journalForSam?.status()).toBe(404);
  expect(await sam.page.content()).not.toContain('river');
  await sam.page.goto('/journal');
  await expect(sam.page.getByText('No entries yet.')).toBeVisible();
  const journalTokenForSam = await sam.page.request.get(`/api/realtime/token?documentId=${journalPath.split('/').pop()}`);
  expect(journalTokenForSam.status()).toBe(404);

  // Alex exports (Markdown, with the text) and then deletes the entry for good.
  await alex.page.waitForTimeout(700);
  const exported = await alex.page.request.get('/journal/export');
  expect(exported.status()).toBe(200);
  expect(exported.headers()['content-type']).toContain('text/markdown');
  expect(await exported.text()).toContain('Walked by the river; it helped.');
  const samExport = await sam.page.request.get('/journal/export');
  expect(await samExport.text()).not.toContain('river');
  await alex.page.goto('/journal');
  await alex.page.screenshot({ path: screenshotPath('journal-list'), fullPage: true });
  await alex.page.goto(journalPath);
  await expectSynced(alex.page);
  const localCopies = () => alex.page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? '').filter((name) => name.startsWith('mend-document-')));
  const copiesBefore = await localCopies();
  await alex.page.getByText('Delete this entry for good').click();
  await alex.page.getByLabel('Yes, erase this entry').check();
  await alex.page.getByRole('button', { name: 'Delete entry' }).click();
  await alex.page.waitForURL(/\/journal\?deleted=1/);
  await expect(alex.page.getByText('No entries yet.')).toBeVisible();
  // The offline copy on this device is erased too, and the address bar no longer names it.
  await expect.poll(async () => (await localCopies()).length).toBe(copiesBefore.length - 1);
  await expect(alex.page).toHaveURL(/\/journal\?deleted=1$/);
  expect((await alex.page.goto(journalPath))?.status()).toBe(404);
});

test('who may reach notes and journal routes: anonymous, stranger, partner, author', async ({ browser, mendURL }) => {
  test.setTimeout(120_000);
  const { a: alex, b: sam } = await makeCouple(browser, mendURL);
  const stranger = await newPerson(browser, mendURL, 'Robin');
  await signUp(stranger);
  await createSpace(stranger, 'Elsewhere');
  const anonymous = await browser.newContext({ baseURL: mendURL });

  const notePath = await draftNote(alex, 'A draft nobody else may see.');
  await alex.page.goto('/journal');
  await alex.page.getByRole('button', { name: 'Start writing' }).click();
  await alex.page.waitForURL(/\/journal\/[0-9a-f-]{36}$/);
  const journalPath = new URL(alex.page.url()).pathname;

  const status = async (page: Page, path: string) => (await page.request.get(path, { maxRedirects: 0 })).status();
  const anon = await anonymous.newPage();
  for (const path of [notePath, journalPath, '/notes', '/journal']) {
    expect([302, 303, 307], `anonymous ${path}`).toContain(await status(anon, path));
  }
  expect(await status(anon, '/journal/export')).toBe(401);
  for (const path of [notePath, journalPath]) {
    expect(await status(stranger.page, path), `stranger ${path}`).toBe(404);
    expect(await status(sam.page, path), `partner ${path}`).toBe(404);
    expect(await status(alex.page, path), `author ${path}`).toBe(200);
  }
  // An id that never existed answers exactly like the partner's private things.
  expect(await status(sam.page, '/journal/00000000-0000-4000-8000-000000000000')).toBe(404);
  expect(await status(sam.page, '/notes/00000000-0000-4000-8000-000000000000')).toBe(404);

  // Shared: the partner may read it, the stranger still may not; retracted: the partner gets the notice only.
  await alex.page.goto(notePath);
  await alex.page.getByRole('button', { name: 'Share with Sam' }).click();
  await expect(alex.page.getByText('Not acknowledged yet.')).toBeVisible();
  expect(await status(sam.page, notePath)).toBe(200);
  expect(await status(stranger.page, notePath)).toBe(404);
  await alex.page.getByText('Retract this note').click();
  await alex.page.getByRole('button', { name: 'Retract note' }).click();
  await expect(alex.page.getByText('You retracted this note.')).toBeVisible();
  const retracted = await sam.page.request.get(notePath);
  expect(retracted.status()).toBe(200);
  const html = await retracted.text();
  expect(html).toContain('A note was retracted');
  expect(html).not.toContain('A draft nobody else may see.');
  expect(html).not.toContain('betrayed');
  await anonymous.close();
});
