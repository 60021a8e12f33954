/**
 * Since you last looked: Sam has the space page open while Alex shares a note and proposes a version.
 * Sam's activity list shows both, marked new, without a reload; a notice reaches Sam's other page (the
 * journal) for the shared note; once Sam has looked, a reload shows them unmarked; past 20 items the
 * list pages with "Show older". At desktop and phone width, with every header link in sight on a phone.
 */
import type { Page } from '@playwright/test';
import { expect, makeCouple, newPerson, screenshotPath, signUp, test, type Person } from './fixtures';

async function expectSynced(page: Page): Promise<void> {
  await expect(page.getByTestId('sync-status')).toHaveText('Synced');
}

/** Alex writes a note (one feeling) and shares it with Sam. */
async function shareNote(alex: Person, partnerName: string): Promise<void> {
  const { page } = alex;
  await page.goto('/notes');
  await page.getByRole('button', { name: 'Write a note' }).click();
  await page.waitForURL(/\/notes\/new$/);
  await page.getByRole('button', { name: 'hopeful', exact: true }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL(/\/notes\/[0-9a-f-]{36}\?created=1$/);
  await expectSynced(page);
  await page.getByRole('button', { name: `Share with ${partnerName}` }).click();
  await expect(page.getByText('Not acknowledged yet.')).toBeVisible();
}

test('since you last looked: new items marked live, a notice on another page, seen after looking, paging past 20', async ({ browser, mendURL }) => {
  test.setTimeout(240_000);
  const { a: alex, b: sam } = await makeCouple(browser, mendURL);
  // Joining left Sam on the space page, whose live list would see Alex's agreement arrive and count
  // it as looked at: Sam goes home first, so the agreement is new when Sam comes back.
  await sam.page.goto('/home');

  // Alex writes an agreement to propose later (before Sam opens the page, so it is not new then).
  await alex.page.goto('/agreements');
  await alex.page.getByLabel('Title').fill('Evenings');
  await alex.page.getByRole('button', { name: 'Start this agreement' }).click();
  await alex.page.waitForURL(/\/agreements\/[0-9a-f-]{36}$/);
  const agreementPath = new URL(alex.page.url()).pathname;
  await expectSynced(alex.page);
  await alex.page.locator('.collab-prose').click();
  await alex.page.keyboard.type('We talk every evening.', { delay: 10 });
  await expectSynced(alex.page);

  // Sam has the space page open, and the journal in a second tab; Sam looks at what is there now.
  await sam.page.goto('/space');
  const activity = sam.page.getByTestId('activity');
  await expect(activity).toContainText('Alex started the agreement “Evenings”.');
  // New to Sam: Alex's agreement only (not Sam's own joining, not what came before Sam joined).
  await expect(activity.locator('li[data-new]')).toHaveCount(1);
  await expect(activity.locator('li[data-new]')).toContainText('Alex started the agreement');
  await expect(activity).toHaveAttribute('data-seen-up-to', /.+/, { timeout: 10_000 });
  await expect(sam.page.getByTestId('presence-line')).toContainText(/here|not here/);
  const journal = await sam.context.newPage();
  await journal.goto('/journal');
  await expect(journal.getByTestId('live-notices')).toHaveCount(0);

  // Alex shares a note and proposes a version.
  await shareNote(alex, 'Sam');
  await alex.page.goto(`${agreementPath}/versions`);
  await alex.page.getByRole('button', { name: 'Propose the current text as version 1' }).click();
  await expect(alex.page.getByTestId('proposal')).toContainText('You proposed version 1.');

  // Without a reload, Sam's list shows both, marked new; the older items are not.
  const newItems = activity.locator('li[data-new]');
  await expect(activity.locator('li').first()).toContainText('Alex proposed version 1 of “Evenings”.');
  await expect(activity.locator('li').nth(1)).toContainText('Alex shared a note.');
  await expect(activity.locator('li').nth(0)).toHaveAttribute('data-new', 'true');
  await expect(activity.locator('li').nth(1)).toHaveAttribute('data-new', 'true');
  await expect(activity.locator('li').nth(0).getByText('new', { exact: true })).toBeVisible();
  // No count anywhere: the page says nothing like "2 new".
  await expect(sam.page.getByText(/\d+ new/)).toHaveCount(0);
  await sam.page.screenshot({ path: screenshotPath('since-you-last-looked-new'), fullPage: true });
  await sam.page.setViewportSize({ width: 390, height: 844 });
  await activity.scrollIntoViewIfNeeded();
  await sam.page.screenshot({ path: screenshotPath('since-you-last-looked-new-phone'), fullPage: true });
  await sam.page.setViewportSize({ width: 1200, height: 820 });

  // On the journal tab, a calm notice for the shared note (the version has its own section's notice too).
  const notice = journal.getByTestId('live-notices');
  await expect(notice).toContainText(/Alex (shared a note with you|proposed a version of an agreement)\./);
  await expect(notice).toHaveRole('status');
  await journal.screenshot({ path: screenshotPath('since-you-last-looked-notice') });
  await journal.setViewportSize({ width: 390, height: 844 });
  await expect(notice).toBeInViewport({ ratio: 1 });
  // It sits above the journal, in the page's flow: it covers nothing.
  const noticeBox = (await notice.boundingBox())!;
  const headingBox = (await journal.getByRole('heading', { level: 1 }).boundingBox())!;
  expect(noticeBox.y + noticeBox.height).toBeLessThanOrEqual(headingBox.y);
  await journal.screenshot({ path: screenshotPath('since-you-last-looked-notice-phone') });
  await journal.setViewportSize({ width: 1200, height: 820 });
  await notice.getByRole('button', { name: 'Dismiss this notice' }).click();
  await expect(notice).toHaveCount(0);

  // The shared note on its own produces a notice with a link to it (Sam's journal tab, still open);
  // Alex's own journal tab shows nothing for Alex's own step.
  const alexJournal = await alex.context.newPage();
  await alexJournal.goto('/journal');
  await shareNote(alex, 'Sam');
  await expect(notice).toHaveText(/Alex shared a note with you\. Read it/);
  await expect(alexJournal.getByTestId('live-notices')).toHaveCount(0);
  await alexJournal.close();
  await notice.getByRole('link', { name: 'Read it' }).click();
  await journal.waitForURL(/\/notes$/);
  await expect(journal.getByTestId('live-notices')).toHaveCount(0);
  await journal.close();

  // Once Sam has looked (a few seconds with the list in sight), a reload shows nothing as new.
  await expect(activity.locator('li').first()).toContainText('Alex shared a note.');
  await expect(newItems).toHaveCount(4); // labels seen during this visit stay until the next one
  const newestId = await activity.locator('li').first().getAttribute('data-activity-id');
  await expect(activity).toHaveAttribute('data-seen-up-to', newestId!, { timeout: 10_000 });
  await sam.page.reload();
  await expect(activity).toContainText('Alex proposed version 1 of “Evenings”.');
  await expect(activity.locator('li[data-new]')).toHaveCount(0);

  // Past the first 20 items: Alex renames the agreement until the list holds more than 25, while
  // Sam is elsewhere (an open list would count them as looked at).
  await sam.page.goto('/journal');
  await alex.page.goto(agreementPath);
  await expectSynced(alex.page);
  for (let i = 1; i <= 20; i++) {
    const details = alex.page.locator('details').filter({ hasText: 'Rename or archive' });
    if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await alex.page.getByText('Rename or archive').click();
    await alex.page.getByLabel('New title').fill(`Evenings ${i}`);
    await alex.page.getByRole('button', { name: 'Rename', exact: true }).click();
    await expect(alex.page.getByRole('heading', { level: 1, name: `Evenings ${i}` })).toBeVisible();
  }
  await sam.page.goto('/space');
  await expect(activity.locator('li').first()).toContainText('Alex renamed the agreement “Evenings 19” to “Evenings 20”.');
  await expect(activity.locator('li')).toHaveCount(20);
  await expect(activity.locator('li[data-new]')).toHaveCount(20);
  const older = sam.page.getByRole('button', { name: 'Show older' });
  await expect(older).toBeVisible();
  await older.click();
  // While it loads the button says "Loading…"; once the last page is in, there is no button at all.
  await expect(sam.page.getByRole('button', { name: /^(Show older|Loading…)$/ })).toHaveCount(0);
  const total = await activity.locator('li').count();
  expect(total).toBeGreaterThanOrEqual(27);
  const texts = await activity.locator('li').allInnerTexts();
  expect(new Set(texts.map((t, i) => `${i}:${t}`)).size).toBe(total);
  await expect(activity.locator('li').last()).toContainText('created the space');
  // The renames are new to Sam; what Sam had already looked at is not.
  await expect(activity.locator('li', { hasText: 'Alex proposed version 1' })).not.toHaveAttribute('data-new', 'true');
  await sam.page.screenshot({ path: screenshotPath('since-you-last-looked-paged'), fullPage: true });

  // The header: commitments, amends and experiences sit under one "Together" entry, so it stays one
  // row on a laptop; opening it shows their links.
  const together = sam.page.locator('header summary', { hasText: 'Together' });
  const brandBox = (await sam.page.getByRole('link', { name: 'Mend', exact: true }).boundingBox())!;
  const signOutBox = (await sam.page.getByRole('button', { name: 'Sign out' }).boundingBox())!;
  expect(Math.abs(brandBox.y + brandBox.height / 2 - (signOutBox.y + signOutBox.height / 2))).toBeLessThan(10);
  await together.click();
  for (const name of ['Commitments', 'Amends', 'Experiences', 'Memories']) await expect(sam.page.getByRole('link', { name, exact: true })).toBeInViewport({ ratio: 1 });
  await sam.page.screenshot({ path: screenshotPath('since-you-last-looked-header-together') });
  await sam.page.getByRole('link', { name: 'Commitments', exact: true }).click();
  await sam.page.waitForURL(/\/commitments$/);
  await expect(together).toHaveAttribute('aria-label', 'Together (you are here)');
  await expect(sam.page.getByRole('link', { name: 'Commitments', exact: true })).toBeHidden();

  // On a phone the header is one slim row with a Menu; opened, every entry is in sight, Together's
  // links too once opened; choosing one closes the menu.
  await sam.page.goto('/space');
  await sam.page.setViewportSize({ width: 390, height: 844 });
  const header = sam.page.locator('header').first();
  expect((await header.boundingBox())!.height).toBeLessThan(60);
  await expect(sam.page.getByRole('link', { name: 'Journal', exact: true })).toBeHidden();
  const menu = header.locator('summary', { hasText: 'Menu' });
  await menu.click();
  for (const name of ['Our space', 'Talk', 'Agreements', 'Notes', 'Journal']) await expect(sam.page.getByRole('link', { name, exact: true })).toBeInViewport({ ratio: 1 });
  await expect(together).toBeInViewport({ ratio: 1 });
  await expect(sam.page.getByRole('button', { name: 'Sign out' })).toBeInViewport({ ratio: 1 });
  await sam.page.screenshot({ path: screenshotPath('since-you-last-looked-header-phone') });
  await together.click();
  for (const name of ['Commitments', 'Amends', 'Experiences', 'Memories']) await expect(sam.page.getByRole('link', { name, exact: true })).toBeInViewport({ ratio: 1 });
  await sam.page.screenshot({ path: screenshotPath('since-you-last-looked-header-together-phone') });
  await sam.page.getByRole('link', { name: 'Experiences', exact: true }).click();
  await sam.page.waitForURL(/\/experiences$/);
  await expect(sam.page.getByRole('link', { name: 'Journal', exact: true })).toBeHidden();
  await sam.page.goto('/space');
  await sam.page.screenshot({ path: screenshotPath('since-you-last-looked-paged-phone'), fullPage: true });

  // GET /space/activity: the member gets the page as JSON; a bad cursor a clear message; a stranger
  // "not found"; nobody signed in, 401.
  const spaceId = await sam.page.locator('input[name="spaceId"]').first().inputValue();
  const firstPage = await sam.page.request.get(`/space/activity?space=${spaceId}`);
  expect(firstPage.status()).toBe(200);
  const body = (await firstPage.json()) as { items: unknown[]; nextCursor: string | null };
  expect(body.items).toHaveLength(20);
  expect(body.nextCursor).toBeTruthy();
  const badCursor = await sam.page.request.get(`/space/activity?space=${spaceId}&before=nonsense`);
  expect(badCursor.status()).toBe(400);
  expect(((await badCursor.json()) as { error: { message: string } }).error.message).toMatch(/Reload the page/);
  const stranger = await newPerson(browser, mendURL, 'Stranger');
  await signUp(stranger);
  expect((await stranger.page.request.get(`/space/activity?space=${spaceId}`)).status()).toBe(404);
  const anonymous = await browser.newContext({ baseURL: mendURL });
  expect((await anonymous.request.get(`/space/activity?space=${spaceId}`)).status()).toBe(401);
  await anonymous.close();
});
