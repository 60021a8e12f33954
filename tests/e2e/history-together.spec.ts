/**
 * The timeline as two partners who type at the same time read it: one entry that names both, and
 * what changed in words (a restore included), never keystrokes or character counts.
 */
import type { Page } from '@playwright/test';
import { expect, makeCouple, screenshotPath, test } from './fixtures';

const editor = (page: Page) => page.locator('.collab-prose');

async function expectSynced(page: Page): Promise<void> {
  await expect(page.getByTestId('sync-status')).toHaveText('Synced');
}

test('typing together is one timeline entry naming both, and changes are counted in words', async ({ browser, mendURL }) => {
  const { a: alex, b: sam } = await makeCouple(browser, mendURL);
  await alex.page.goto('/agreements');
  await alex.page.getByLabel('Title').fill('Evenings');
  await alex.page.getByRole('button', { name: 'Start this agreement' }).click();
  await alex.page.waitForURL(/\/agreements\/[0-9a-f-]{36}$/);
  const path = new URL(alex.page.url()).pathname;
  await sam.page.goto(path);
  await expectSynced(alex.page);
  await expectSynced(sam.page);

  // Alex writes the first line while Sam writes the second, at the same time.
  await editor(alex.page).click();
  await alex.page.keyboard.type('We talk', { delay: 20 });
  await expect(editor(sam.page)).toContainText('We talk');
  await editor(sam.page).click();
  await sam.page.keyboard.press('Control+End');
  await sam.page.keyboard.press('Enter');
  await Promise.all([
    alex.page.keyboard.type(' every single evening.', { delay: 40 }),
    sam.page.keyboard.type('No phones at dinner, ever.', { delay: 40 }),
  ]);
  await expect(editor(alex.page)).toContainText('No phones at dinner, ever.');
  await expect(editor(sam.page)).toContainText('every single evening.');
  await expectSynced(alex.page);
  await expectSynced(sam.page);

  // Nothing is in effect yet, and the versions page does not say otherwise.
  await alex.page.goto(`${path}/versions`);
  await expect(alex.page.getByRole('heading', { level: 1, name: 'Evenings' })).toBeVisible();
  await expect(alex.page.getByText('A version signed by both of you is in effect')).toHaveCount(0);

  await alex.page.goto(`${path}/history`);
  const sessions = alex.page.getByTestId('timeline-session');
  await expect(sessions).toHaveCount(1);
  await expect(sessions.first()).toContainText(/(You and Sam|Sam and you) edited together/);
  await expect(sessions.first()).toContainText('10 words added');
  await expect(alex.page.getByTestId('timeline')).not.toContainText('character');
  await alex.page.screenshot({ path: screenshotPath('history-together'), fullPage: true });

  // Alex proposes the text (a proposal ends a session), adds six words alone, then restores the
  // text as it was after the shared session.
  await alex.page.goto(`${path}/versions`);
  await alex.page.getByRole('button', { name: 'Propose the current text as version 1' }).click();
  await expect(alex.page.getByTestId('proposal')).toContainText('You proposed version 1');
  await alex.page.goto(path);
  await expectSynced(alex.page);
  await editor(alex.page).click();
  await alex.page.keyboard.press('Control+End');
  await alex.page.keyboard.type(' Except on Fridays and Sundays too.', { delay: 10 });
  await expect(editor(sam.page)).toContainText('Sundays too.');
  await expectSynced(alex.page);
  await alex.page.goto(`${path}/history`);
  await expect(sessions).toHaveCount(2);
  await expect(sessions.first()).toContainText('You edited');
  await expect(sessions.first()).toContainText('6 words added');
  await sessions.nth(1).getByRole('link', { name: 'Show the agreement then' }).click();
  await expect(alex.page.locator('.point-panel .document-view')).not.toContainText('Fridays');
  alex.page.once('dialog', (dialog) => void dialog.accept());
  await alex.page.getByRole('button', { name: 'Restore this state' }).click();
  await expect(editor(sam.page)).not.toContainText('Fridays', { timeout: 10_000 });
  await alex.page.goto(`${path}/history`);
  await expect(sessions).toHaveCount(3);
  await expect(sessions.first()).toContainText('You restored');
  await expect(sessions.first()).toContainText('6 words removed');
  await expect(alex.page.getByTestId('timeline')).not.toContainText('character');
  await alex.page.screenshot({ path: screenshotPath('history-restore-words'), fullPage: true });
  await alex.page.setViewportSize({ width: 390, height: 844 });
  await alex.page.reload();
  expect(await alex.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await alex.page.screenshot({ path: screenshotPath('history-restore-words-phone'), fullPage: true });

  await alex.context.close();
  await sam.context.close();
});
