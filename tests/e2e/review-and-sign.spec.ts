/**
 * Review and sign on one screen, with two partners in two browsers: a proposal, the partner reading
 * what changed since they both last signed and asking for changes, the proposer seeing that request
 * arrive live, a new proposal both sign, and the moment both see; the agreements list's words along
 * the way. Screenshots at desktop and phone widths go to test-results/screenshots/review-*.png.
 */
import type { Page } from '@playwright/test';
import { expect, makeCouple, screenshotPath, test, type Person } from './fixtures';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1200, height: 820 };

function editor(page: Page) {
  return page.locator('.collab-prose');
}

async function expectSynced(page: Page): Promise<void> {
  await expect(page.getByTestId('sync-status')).toHaveText('Synced');
}

async function typeAtEnd(page: Page, text: string): Promise<void> {
  await expectSynced(page);
  await editor(page).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text, { delay: 5 });
  await expectSynced(page);
}

async function propose(person: Person, path: string, number: number): Promise<void> {
  await person.page.goto(`${path}/versions`);
  await person.page.getByRole('button', { name: `Propose the current text as version ${number}` }).click();
  await expect(person.page.getByTestId('proposal')).toContainText(`You proposed version ${number}.`);
}

async function signFromReview(person: Person, path: string, number: number): Promise<void> {
  await person.page.goto(`${path}/versions/${number}`);
  await person.page.getByRole('button', { name: `Sign version ${number}` }).click();
}

/** The status word the agreements list shows for the one agreement. */
function listStatus(page: Page) {
  return page.getByTestId('agreement-item').filter({ hasText: 'Evenings' }).getByTestId('agreement-status');
}

async function shoot(page: Page, name: string, options: { dark?: boolean } = {}): Promise<void> {
  await page.screenshot({ path: screenshotPath(`review-${name}-1200`), fullPage: true });
  await page.setViewportSize(PHONE);
  await page.screenshot({ path: screenshotPath(`review-${name}-390`), fullPage: true });
  if (options.dark) {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: screenshotPath(`review-${name}-390-dark`), fullPage: true });
    await page.emulateMedia({ colorScheme: 'light' });
  }
  await page.setViewportSize(DESKTOP);
}

test('a partner reviews what changed, asks for changes the proposer sees live, then both sign and see the moment together', async ({ browser, mendURL }) => {
  test.setTimeout(180_000);
  const { a: alex, b: sam } = await makeCouple(browser, mendURL);

  await alex.page.goto('/agreements');
  await alex.page.getByLabel('Title').fill('Evenings');
  await alex.page.getByRole('button', { name: 'Start this agreement' }).click();
  await alex.page.waitForURL(/\/agreements\/[0-9a-f-]{36}$/);
  const path = new URL(alex.page.url()).pathname;
  await typeAtEnd(alex.page, 'We talk every evening.');
  await alex.page.goto('/agreements');
  await expect(listStatus(alex.page)).toHaveText('Draft');

  // Version 1: the whole text to review, signed by both.
  await propose(alex, path, 1);
  await sam.page.goto('/agreements');
  await expect(listStatus(sam.page)).toHaveText('Waiting for your signature');
  await sam.page.getByRole('link', { name: 'Review and sign' }).click();
  await expect(sam.page.getByRole('heading', { name: 'The whole text of version 1' })).toBeVisible();
  await expect(sam.page.getByRole('button', { name: 'Restore version 1' })).toHaveCount(0);
  await sam.page.getByRole('button', { name: 'Sign version 1' }).click();
  await expect(sam.page.getByTestId('review-status')).toContainText('You signed version 1. It takes effect when your partner signs too.');
  await sam.page.goto('/agreements');
  await expect(listStatus(sam.page)).toHaveText('Waiting for your partner');
  await signFromReview(alex, path, 1);
  await expect(alex.page.getByTestId('signed-together')).toBeVisible();
  // Once both have signed, the review no longer says they have not signed together.
  await expect(alex.page.getByText('The first version you both signed, so here is everything it says.')).toBeVisible();
  await expect(alex.page.getByText('You have not signed a version together yet')).toHaveCount(0);
  await expect(listStatus(sam.page)).toHaveText('In effect', { timeout: 8_000 });

  // Alex adds a line: both see "changed since signed"; Alex proposes version 2 with a note.
  await alex.page.goto(path);
  await typeAtEnd(alex.page, ' Phones stay in the hall.');
  await sam.page.reload();
  await expect(listStatus(sam.page)).toHaveText('Changed since signed');
  await alex.page.goto(`${path}/versions`);
  await alex.page.getByLabel('A note for your partner (optional)').fill('The hall idea from Sunday.');
  await alex.page.getByRole('button', { name: 'Propose the current text as version 2' }).click();
  await expect(alex.page.getByTestId('proposal')).toContainText('You proposed version 2.');
  await expect(listStatus(sam.page)).toHaveText('Waiting for your signature', { timeout: 8_000 });

  // Sam reviews only what changed since version 1: Alex's words, marked, beside Sign and Ask for changes.
  await sam.page.getByRole('link', { name: 'Review and sign' }).click();
  await expect(sam.page.getByRole('heading', { name: /What changed since version 1, which you both signed/ })).toBeVisible();
  await expect(sam.page.getByTestId('review-summary')).toContainText('Alex added 5 words');
  await expect(sam.page.locator('.document-view ins')).toHaveText([/^\s*Phones stay in the hall\.$/]);
  await expect(sam.page.getByText('The hall idea from Sunday.')).toBeVisible();
  await expect(sam.page.getByRole('button', { name: 'Sign version 2' })).toBeVisible();
  await expect(sam.page.getByRole('button', { name: /^Restore/ })).toHaveCount(0);
  // The hashes are there for whoever wants them, folded away.
  await expect(sam.page.locator('.review-details .hash').first()).toBeHidden();
  await sam.page.getByText('Details', { exact: true }).click();
  await expect(sam.page.locator('.review-details .hash').first()).toHaveText(/^[0-9a-f]{64}$/);
  await sam.page.getByText('Details', { exact: true }).click();
  await shoot(sam.page, 'diff', { dark: true });

  // Alex keeps the agreement open while Sam answers.
  await alex.page.goto(path);
  await expect(alex.page.getByTestId('proposal-notice')).toContainText('You proposed version 2.');

  // An empty request is refused in words; a real one goes.
  await sam.page.getByRole('button', { name: 'Ask for changes' }).click();
  await expect(sam.page.getByText('Say what you would like changed, in a sentence or two.')).toBeVisible();
  await sam.page.getByLabel('Or ask for changes').fill('Could it be the kitchen shelf? The hall is cold.');
  await sam.page.getByRole('button', { name: 'Ask for changes' }).click();
  await expect(sam.page.getByTestId('review-changes-asked')).toContainText('Could it be the kitchen shelf? The hall is cold.');
  await expect(sam.page.getByRole('button', { name: 'Sign version 2' })).toHaveCount(0);

  // Alex sees the request arrive on the agreement, live, in Sam's words.
  await expect(alex.page.getByTestId('changes-asked')).toContainText('Sam asked for changes to version 2', { timeout: 8_000 });
  await expect(alex.page.getByTestId('changes-asked')).toContainText('Could it be the kitchen shelf? The hall is cold.');
  await expect(alex.page.getByTestId('proposal-notice')).toHaveCount(0);
  await shoot(alex.page, 'changes-asked');
  await alex.page.goto('/agreements');
  await expect(listStatus(alex.page)).toHaveText('Changes asked for');
  await shoot(alex.page, 'list', { dark: true });

  // Alex changes the words and proposes again; Sam signs the new version from its review.
  await alex.page.goto(path);
  await expectSynced(alex.page);
  await editor(alex.page).getByText('Phones stay in the hall.').click();
  await alex.page.keyboard.press('End');
  for (let i = 0; i < 'hall.'.length; i++) await alex.page.keyboard.press('Backspace');
  await alex.page.keyboard.type('kitchen shelf.', { delay: 5 });
  await expectSynced(alex.page);
  await propose(alex, path, 3);
  await alex.page.goto(path);

  await sam.page.goto(`${path}/versions/3`);
  await expect(sam.page.locator('.document-view')).toContainText('Phones stay in the kitchen shelf.');
  await expect(sam.page.locator('.document-view del')).toHaveCount(0);
  await sam.page.getByRole('button', { name: 'Sign version 3' }).click();
  await expect(sam.page.getByTestId('review-status')).toContainText('You signed version 3.');
  await expect(alex.page.getByTestId('proposal-notice')).toContainText('You proposed version 3.');

  // Alex signs from the review: the moment reaches both, Sam without doing anything.
  await alex.page.goto(`${path}/versions/3`);
  await alex.page.getByRole('button', { name: 'Sign version 3' }).click();
  await expect(alex.page.getByTestId('signed-together')).toContainText('Version 3 is in effect now');
  await expect(sam.page.getByTestId('signed-together')).toContainText('Version 3 is in effect now', { timeout: 8_000 });
  await expect(alex.page.getByTestId('review-status')).toContainText('Version 3 is in effect: you have both signed it.');
  await shoot(sam.page, 'moment', { dark: true });
  await sam.page.getByTestId('signed-together').getByRole('button', { name: 'Close' }).click();
  await expect(sam.page.getByTestId('signed-together')).toHaveCount(0);

  for (const person of [alex, sam]) {
    await person.page.goto('/agreements');
    await expect(listStatus(person.page)).toHaveText('In effect');
  }
  // A second agreement, never proposed, is a draft beside it.
  await sam.page.getByLabel('Title').fill('Mornings');
  await sam.page.getByRole('button', { name: 'Start this agreement' }).click();
  await sam.page.waitForURL(/\/agreements\/[0-9a-f-]{36}$/);
  await sam.page.goto('/agreements');
  await expect(sam.page.getByTestId('agreement-item').filter({ hasText: 'Mornings' }).getByTestId('agreement-status')).toHaveText('Draft');
  await shoot(sam.page, 'list-final');
  await alex.page.goto(`${path}/versions`);
  await shoot(alex.page, 'versions');
  await alex.context.close();
  await sam.context.close();
});
