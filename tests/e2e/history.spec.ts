import type { Page } from '@playwright/test';
import { expect, makeCouple, newPerson, screenshotPath, signUp, test } from './fixtures';

function editor(page: Page) {
  return page.locator('.collab-prose');
}

/** The editor's text without the partner's caret label. */
async function editorText(page: Page): Promise<string> {
  return editor(page).evaluate((element) => {
    const copy = element.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('.collaboration-carets__caret').forEach((caret) => caret.remove());
    return copy.textContent ?? '';
  });
}

async function expectSynced(page: Page): Promise<void> {
  await expect(page.getByTestId('sync-status')).toHaveText('Synced');
}

test('two partners propose, review, sign, see changes since signing, restore, and read it all in the timeline', async ({ browser, mendURL }) => {
  test.setTimeout(120_000);
  const { a: alex, b: sam } = await makeCouple(browser, mendURL);

  // Alex writes a short agreement.
  await alex.page.goto('/agreements');
  await alex.page.getByLabel('Title').fill('Evenings');
  await alex.page.getByRole('button', { name: 'Start this agreement' }).click();
  await alex.page.waitForURL(/\/agreements\/[0-9a-f-]{36}$/);
  const path = new URL(alex.page.url()).pathname;
  await expectSynced(alex.page);
  await editor(alex.page).click();
  await alex.page.keyboard.type('We talk every evening.', { delay: 10 });
  await alex.page.keyboard.press('Enter');
  await alex.page.keyboard.type('No phones at dinner.', { delay: 10 });
  await expectSynced(alex.page);
  await expect(alex.page.getByTestId('agreement-versions')).toContainText('No version signed by both of you yet');

  // Sam has the agreement open while Alex proposes it.
  await sam.page.goto(path);
  await expectSynced(sam.page);
  await expect(editor(sam.page)).toContainText('No phones at dinner.');

  await alex.page.goto(`${path}/versions`);
  await alex.page.getByLabel('A note for your partner (optional)').fill('The two things we said on Sunday.');
  await alex.page.getByRole('button', { name: 'Propose the current text as version 1' }).click();
  await expect(alex.page.getByTestId('proposal')).toContainText('You proposed version 1. Your partner has been told.');

  // Sam sees the proposal arrive without reloading, reviews the changes, and signs.
  await expect(sam.page.getByTestId('proposal-notice')).toContainText('Alex proposed version 1', { timeout: 8_000 });
  await sam.page.getByTestId('proposal-notice').getByRole('link', { name: 'Review and sign' }).click();
  await expect(sam.page.getByText('The two things we said on Sunday.')).toBeVisible();
  await expect(sam.page.getByRole('heading', { name: 'The whole text of version 1' })).toBeVisible();
  await expect(sam.page.locator('.document-view')).toContainText('No phones at dinner.');
  await sam.page.getByRole('button', { name: 'Sign version 1' }).click();
  await expect(sam.page.getByTestId('review-status')).toContainText('You signed version 1. It takes effect when your partner signs too.');

  // Alex's versions page updates live; Alex signs from the review; both see it in effect.
  await expect(alex.page.getByTestId('proposal')).toContainText('Signed so far by Sam', { timeout: 8_000 });
  await alex.page.getByTestId('review-and-sign').click();
  await alex.page.getByRole('button', { name: 'Sign version 1' }).click();
  await expect(alex.page.getByTestId('signed-together')).toContainText('You have both signed');
  await alex.page.goto(`${path}/versions`);
  await expect(alex.page.getByTestId('in-effect')).toContainText('Version 1, since');
  await sam.page.goto(path);
  await expect(sam.page.getByTestId('in-effect-line')).toContainText('Version 1 in effect since');
  await alex.page.goto(path);
  await expect(alex.page.getByTestId('in-effect-line')).toContainText('Version 1 in effect since');
  await expect(alex.page.getByTestId('changed-banner')).toHaveCount(0);

  // Alex edits after signing: both see the calm banner.
  await expectSynced(alex.page);
  await editor(alex.page).click();
  await alex.page.keyboard.press('Control+End');
  await alex.page.keyboard.type(' Except on Fridays.', { delay: 10 });
  await expect(editor(sam.page)).toContainText('Except on Fridays.');
  await expect(alex.page.getByTestId('changed-banner')).toContainText('Changed since you both signed on', { timeout: 10_000 });
  await expect(sam.page.getByTestId('changed-banner')).toContainText('Changed since you both signed on', { timeout: 10_000 });
  await sam.page.screenshot({ path: screenshotPath('history-changed-banner'), fullPage: false });

  // Sam looks at what changed, then restores the signed version; Alex sees it happen live.
  await sam.page.getByTestId('changed-banner').getByRole('link', { name: 'See what changed' }).click();
  await expect(sam.page.getByTestId('diff-summary')).toContainText('Alex added 3 words');
  await expect(sam.page.locator('.document-view ins')).toContainText('Except on Fridays.');
  await sam.page.screenshot({ path: screenshotPath('history-diff'), fullPage: true });
  sam.page.once('dialog', (dialog) => void dialog.accept());
  await sam.page.getByRole('button', { name: 'Restore version 1' }).click();
  await expect(sam.page.getByTestId('diff-summary')).toContainText('the agreement says exactly what version 1 says');
  await expect(editor(alex.page)).not.toContainText('Except on Fridays.', { timeout: 5_000 });
  await expect.poll(() => editorText(alex.page)).toBe('We talk every evening.No phones at dinner.');
  await expect(alex.page.getByTestId('changed-banner')).toHaveCount(0, { timeout: 10_000 });

  // The timeline tells the whole story, newest first.
  await sam.page.goto(`${path}/history`);
  const timeline = sam.page.getByTestId('timeline');
  await expect(timeline.locator('li')).toHaveText([
    /You restored version 1/,
    /Alex edited/,
    /Alex signed version 1/,
    /You signed version 1/,
    /Alex proposed version 1/,
    /Alex edited/,
  ]);
  await sam.page.screenshot({ path: screenshotPath('history-timeline'), fullPage: true });
  // The restore's own entry shows what it took out, in Sam's colour.
  await timeline.locator('li').first().getByRole('link', { name: 'What changed' }).click();
  await expect(sam.page.getByTestId('diff-summary')).toContainText('You removed 3 words');
  await expect(sam.page.locator('.document-view del')).toContainText('Except on Fridays.');
  await sam.page.screenshot({ path: screenshotPath('history-diff-restore'), fullPage: true });
  await sam.page.goBack();
  // Selecting an earlier entry shows the agreement as it was then, read only.
  await timeline.locator('li').nth(1).getByRole('link', { name: 'Show the agreement then' }).click();
  await expect(sam.page.locator('.point-panel .document-view')).toContainText('Except on Fridays.');
  await expect(sam.page.locator('.point-panel [contenteditable]')).toHaveCount(0);

  // Verify, export and print.
  await sam.page.goto(`${path}/versions`);
  await sam.page.getByRole('button', { name: 'Verify history' }).click();
  await expect(sam.page.getByText('All 3 records check out: nothing has been altered.')).toBeVisible();
  const exported = await sam.page.request.get(`${path}/versions/export?version=1`);
  expect(exported.status()).toBe(200);
  expect(exported.headers()['content-disposition']).toContain('evenings-version-1.md');
  const markdown = await exported.text();
  expect(markdown).toContain('We talk every evening.\n\nNo phones at dinner.\n');
  expect(markdown).toMatch(/Signed by Sam on .*record hash `[0-9a-f]{64}`/);
  expect(markdown).toMatch(/Signed by Alex on /);
  await sam.page.getByRole('link', { name: 'Print view' }).click();
  await expect(sam.page.getByRole('heading', { name: 'Signatures' })).toBeVisible();
  await expect(sam.page.locator('.print-view .signature-list li')).toHaveCount(2);
  await sam.page.emulateMedia({ media: 'print' });
  await sam.page.screenshot({ path: screenshotPath('history-print'), fullPage: true });
  await sam.page.emulateMedia({ media: 'screen' });

  // Phone width.
  await sam.page.setViewportSize({ width: 390, height: 844 });
  await sam.page.goto(`${path}/history`);
  // On a phone the header's links sit behind its Menu; opened, every one is in sight, Sign out included.
  await sam.page.locator('header').first().locator('summary', { hasText: 'Menu' }).click();
  for (const name of ['Our space', 'Journal']) await expect(sam.page.getByRole('link', { name, exact: true })).toBeInViewport({ ratio: 1 });
  await expect(sam.page.getByRole('button', { name: 'Sign out' })).toBeInViewport({ ratio: 1 });
  await sam.page.screenshot({ path: screenshotPath('history-timeline-phone'), fullPage: true });

  // Nobody else gets anything: signed out goes to sign-in, a stranger gets "not found".
  const anonymous = await newPerson(browser, mendURL, 'Anon');
  await anonymous.page.goto(`${path}/history`);
  await expect(anonymous.page).toHaveURL(/\/sign-in/);
  expect((await anonymous.page.request.get(`${path}/versions/export`)).status()).toBe(401);
  expect((await anonymous.page.request.get(`${path}/versions/status`)).status()).toBe(401);
  const stranger = await newPerson(browser, mendURL, 'Stranger');
  await signUp(stranger);
  for (const page of ['history', 'history/compare', 'versions', 'versions/1/print']) {
    const response = await stranger.page.goto(`${path}/${page}`);
    expect(response?.status()).toBe(404);
    await expect(stranger.page.getByText('Evenings')).toHaveCount(0);
  }
  expect((await stranger.page.request.get(`${path}/versions/export?version=1`)).status()).toBe(404);
  expect((await stranger.page.request.get(`${path}/versions/status`)).status()).toBe(404);
});

test('asking for changes closes a proposal, and a proposal goes stale when the text changes before both sign', async ({ browser, mendURL }) => {
  test.setTimeout(120_000);
  const { a: alex, b: sam } = await makeCouple(browser, mendURL, ['Robin', 'Kai']);
  await alex.page.goto('/agreements');
  await alex.page.getByLabel('Title').fill('Time apart');
  await alex.page.getByRole('button', { name: 'Start this agreement' }).click();
  await alex.page.waitForURL(/\/agreements\/[0-9a-f-]{36}$/);
  const path = new URL(alex.page.url()).pathname;
  await expectSynced(alex.page);
  await editor(alex.page).click();
  await alex.page.keyboard.type('Each of us can take an evening alone each week.', { delay: 5 });
  await expectSynced(alex.page);

  await alex.page.goto(`${path}/versions`);
  await alex.page.getByRole('button', { name: 'Propose the current text as version 1' }).click();
  await expect(alex.page.getByTestId('proposal')).toContainText('You proposed version 1.');

  // Kai asks for changes from the review; an empty comment is refused with a clear message.
  await sam.page.goto(`${path}/versions/1`);
  await sam.page.getByRole('button', { name: 'Ask for changes' }).click();
  await expect(sam.page.getByText('Say what you would like changed, in a sentence or two.')).toBeVisible();
  await sam.page.getByLabel('Or ask for changes').fill('Can we say which evening, so it is not a surprise?');
  await sam.page.screenshot({ path: screenshotPath('history-versions-review'), fullPage: true });
  await sam.page.getByRole('button', { name: 'Ask for changes' }).click();
  await expect(sam.page.getByTestId('review-status')).toContainText('Changes asked for');
  await sam.page.goto(`${path}/versions`);
  await expect(sam.page.getByTestId('versions')).toContainText('Changes asked for');

  // Robin sees it live, with the comment.
  await expect(alex.page.getByTestId('versions')).toContainText('Kai asked for changes: “Can we say which evening, so it is not a surprise?”', { timeout: 8_000 });
  await expect(sam.page.getByTestId('versions')).toContainText('You asked for changes');
  await expect(alex.page.getByTestId('proposal')).toHaveCount(0);

  // Robin edits and proposes again; Robin signs; then Kai edits before signing: the proposal goes stale.
  await alex.page.goto(path);
  await expectSynced(alex.page);
  await editor(alex.page).click();
  await alex.page.keyboard.press('Control+End');
  await alex.page.keyboard.type(' We say which one by Sunday.', { delay: 5 });
  await expectSynced(alex.page);
  await alex.page.goto(`${path}/versions`);
  await alex.page.getByRole('button', { name: 'Propose the current text as version 2' }).click();
  await alex.page.getByTestId('review-and-sign').click();
  await alex.page.getByRole('button', { name: 'Sign version 2' }).click();
  await expect(alex.page.getByTestId('review-status')).toContainText('You signed version 2.');

  await sam.page.goto(path);
  await expect(sam.page.getByTestId('proposal-notice')).toContainText('Robin proposed version 2.');
  await expectSynced(sam.page);
  await editor(sam.page).click();
  await sam.page.keyboard.press('Control+End');
  await sam.page.keyboard.type(' Or Monday.', { delay: 5 });
  await expect(sam.page.getByTestId('proposal-notice')).toContainText('can no longer be signed', { timeout: 10_000 });
  await sam.page.goto(`${path}/versions`);
  await expect(sam.page.getByTestId('proposal')).toContainText('The agreement changed after this version was proposed, so it can no longer be signed.');
  await expect(sam.page.getByRole('button', { name: /^Sign version/ })).toHaveCount(0);
  await expect(sam.page.getByRole('button', { name: 'Propose the current text as version 3' })).toBeVisible();
  await sam.page.screenshot({ path: screenshotPath('history-versions-stale'), fullPage: true });

  // The space's activity list tells the story too, for both.
  await sam.page.goto('/space');
  const activity = sam.page.getByTestId('activity');
  await expect(activity).toContainText('Robin signed version 2 of “Time apart”.');
  await expect(activity).toContainText('Robin proposed version 2 of “Time apart”.');
  await expect(activity).toContainText('You asked for changes to version 1 of “Time apart”.');
  await expect(activity).toContainText('Robin proposed version 1 of “Time apart”.');
});
