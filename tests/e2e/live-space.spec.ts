/**
 * The space page follows what happens without a reload: the creator's live connection recovers once
 * the space exists, sees the partner join (members, invite list, presence), and sees them leave.
 * A person with no space yet meets no console error on any page.
 */
import type { ConsoleMessage, Page } from '@playwright/test';
import { createSpace, expect, makeInviteLink, newPerson, screenshotPath, signUp, test, uniqueEmail } from './fixtures';

function collectConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    // Chromium asks for /favicon.ico on its own; the app's icons are declared in the page.
    if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) errors.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

test('a person with no space yet meets no console error on any page', async ({ browser, mendURL }) => {
  const robin = await newPerson(browser, mendURL, 'Robin');
  const errors = collectConsoleErrors(robin.page);
  await signUp(robin);
  for (const path of ['/space', '/journal', '/agreements', '/notes', '/conversations', '/account']) {
    await robin.page.goto(path);
    await expect(robin.page.getByRole('heading', { level: 1 }).first()).toBeVisible();
    // Give the live connection time to ask for its token and connect.
    await robin.page.waitForLoadState('networkidle');
  }
  expect(errors).toEqual([]);
  await robin.context.close();
});

test('the creator’s space page follows the partner joining and leaving, without a reload', async ({ browser, mendURL }) => {
  const alex = await newPerson(browser, mendURL, 'Alex');
  const sam = await newPerson(browser, mendURL, 'Sam');
  const alexErrors = collectConsoleErrors(alex.page);
  await signUp(alex);
  // Created on the page that had no space: the live connection began as a no-space one.
  await createSpace(alex, 'Alex & Sam');
  const link = await makeInviteLink(alex);
  await expect(alex.page.getByRole('heading', { name: 'Invite your partner' })).toBeVisible();
  // From here on Alex's page is never reloaded or navigated.
  const loads: string[] = [];
  alex.page.on('load', () => loads.push(alex.page.url()));

  await signUp(sam, new URL(link).pathname);
  await sam.page.getByRole('button', { name: /^Join/ }).click();
  await sam.page.waitForURL(/\/space/);

  const members = alex.page.getByTestId('members');
  await expect(members).toContainText('Sam');
  await expect(members).toContainText('Alex (you)');
  await expect(alex.page.getByRole('heading', { name: 'Invite your partner' })).toHaveCount(0);
  await expect(alex.page.getByRole('button', { name: 'Withdraw link' })).toHaveCount(0);
  await expect(alex.page.getByTestId('presence-line')).toHaveText('Sam is here now');
  await expect(sam.page.getByTestId('presence-line')).toHaveText('Alex is here now');
  await expect(alex.page.getByTestId('activity')).toContainText('Sam joined the space.');
  await alex.page.screenshot({ path: screenshotPath('live-space-partner-joined'), fullPage: true });

  // Sam leaves; Alex's page says so without a reload.
  await sam.page.getByText('Leave this space').click();
  await sam.page.getByRole('checkbox', { name: 'I understand, leave the space' }).check();
  await sam.page.getByRole('button', { name: 'Leave space' }).click();
  await sam.page.waitForURL(/left=1/);
  await expect(alex.page.getByRole('note', { name: 'This space has closed' })).toContainText('when Sam left');
  await expect(members).toHaveCount(0);
  await expect(alex.page.getByTestId('presence-line')).toHaveCount(0);
  await expect(alex.page.getByTestId('activity')).toContainText('Sam left the space.');
  await alex.page.screenshot({ path: screenshotPath('live-space-partner-left'), fullPage: true });

  expect(loads).toEqual([]);
  expect(alexErrors).toEqual([]);
  await alex.context.close();
  await sam.context.close();
});

test('times and days are written in the reader’s own locale and time zone', async ({ browser, mendURL }) => {
  // Someone in Auckland whose browser speaks American English.
  const context = await browser.newContext({ baseURL: mendURL, timezoneId: 'Pacific/Auckland', locale: 'en-US' });
  const page = await context.newPage();
  const kiri = { name: 'Kiri', email: uniqueEmail('kiri'), password: 'a calm long password', context, page };
  await signUp(kiri);
  await createSpace(kiri, 'Ours');
  const time = page.getByTestId('activity').locator('time').first();
  await expect(time).toHaveAttribute('datetime', /Z$/);
  const instant = new Date((await time.getAttribute('datetime'))!);
  const expected = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Pacific/Auckland' }).format(instant);
  await expect(time).toHaveText(expected);
  expect(expected).toMatch(/^[A-Z][a-z]+ \d{1,2}, \d{4} at \d{1,2}:\d{2}\s?[AP]M$/);

  // A calendar day (a journal entry's) is written the same way as the moments beside it.
  await page.goto('/journal');
  await page.getByRole('button', { name: 'Start writing' }).click();
  await page.waitForURL(/\/journal\/[0-9a-f-]{36}$/);
  const day = page.locator('h1 time');
  const entryDate = (await day.getAttribute('datetime'))!;
  expect(entryDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  const [y, m, d] = entryDate.split('-').map(Number) as [number, number, number];
  await expect(day).toHaveText(new Intl.DateTimeFormat('en-US', { dateStyle: 'full', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d))));
  await expect(day).toHaveText(/^[A-Z][a-z]+, [A-Z][a-z]+ \d{1,2}, \d{4}$/);
  await context.close();
});
