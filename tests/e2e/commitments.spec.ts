/**
 * Two partners and a commitment: Alex makes one that keeps a clause of an agreement; both give their
 * view of the first period, and each sees the other's only once both have (the page text is checked
 * before and after, on both sides, with a reload to be sure nothing was only hidden by the browser);
 * the chart shows the period; a conversation's next step becomes a commitment; the space page's
 * "this week" card lists them.
 */
import { expect, makeCouple, screenshotPath, test, type Person } from './fixtures';

async function startPhoneAgreement(person: Person): Promise<void> {
  await person.page.goto('/agreements');
  await person.page.getByRole('radio', { name: /^Phone and privacy/ }).check();
  await person.page.getByRole('button', { name: 'Start this agreement' }).click();
  await person.page.waitForURL(/\/agreements\/[0-9a-f-]{36}$/);
  await expect(person.page.getByTestId('sync-status')).toHaveText('Synced');
}

test('two partners check in on a commitment and see each other’s view only once both have', async ({ browser, mendURL }) => {
  test.setTimeout(300_000);
  const { a: alex, b: sam } = await makeCouple(browser, mendURL);
  alex.page.on('dialog', (dialog) => void dialog.accept());
  sam.page.on('dialog', (dialog) => void dialog.accept());
  await startPhoneAgreement(alex);

  // Alex makes a commitment that keeps a clause of the agreement.
  await alex.page.goto('/commitments');
  await expect(alex.page.getByText('No active commitments yet.')).toBeVisible();
  await alex.page.getByLabel('I will …').fill('I will leave my phone in the hall after dinner');
  await alex.page.getByLabel('It keeps a clause of').selectOption({ label: 'Phone and privacy' });
  const clause = alex.page.locator('#commitment-clause');
  await expect(clause.locator('option', { hasText: 'Phones can become a place where doubt grows' })).toHaveCount(1);
  await clause.selectOption({ label: 'Phones can become a place where doubt grows. We want openness that rebuilds trust, without either of us feeling watched or controlled.' });
  await alex.page.screenshot({ path: screenshotPath('commitments-new-form'), fullPage: true });
  await alex.page.getByRole('button', { name: 'Make this commitment' }).click();
  await alex.page.waitForURL(/\/commitments\/[0-9a-f-]{36}\?created=1$/);
  const commitmentPath = new URL(alex.page.url()).pathname;
  await expect(alex.page.getByTestId('commitment-text')).toHaveText('I will leave my phone in the hall after dinner');
  await expect(alex.page.getByTestId('commitment-clause')).toContainText('Phones can become a place where doubt grows');

  // Sam opens it from the list and sees it is waiting for both views.
  await sam.page.goto('/commitments');
  await sam.page.getByRole('link', { name: 'I will leave my phone in the hall after dinner' }).click();
  await sam.page.waitForURL(new RegExp(`${commitmentPath}$`));
  await expect(sam.page.getByTestId('their-view')).toContainText('You will see Alex’s view once you have both given yours');

  // Alex gives theirs first: Sam's page, even reloaded, shows nothing of it.
  await alex.page.getByRole('radio', { name: 'Kept' }).check();
  await alex.page.getByLabel('A few words').fill('ALEXVIEW it felt calmer');
  await alex.page.getByRole('button', { name: 'Give my view' }).click();
  await expect(alex.page.getByTestId('my-view')).toContainText('ALEXVIEW it felt calmer');
  await expect(alex.page.getByTestId('their-view')).toContainText('Sam has not given their view yet');
  await sam.page.reload();
  await expect(sam.page.getByTestId('this-period')).toBeVisible();
  expect(await sam.page.content()).not.toContain('ALEXVIEW');
  await expect(sam.page.getByTestId('their-view')).toContainText('You will see Alex’s view once you have both given yours');
  await expect(sam.page.getByTestId('commitment-chart')).not.toContainText('Kept');
  await sam.page.screenshot({ path: screenshotPath('commitment-before-both'), fullPage: true });

  // Sam gives theirs: now each sees both, and Alex's page follows live.
  await sam.page.getByRole('radio', { name: 'Partly' }).check();
  await sam.page.getByLabel('A few words').fill('SAMVIEW most evenings');
  await sam.page.getByRole('button', { name: 'Give my view' }).click();
  await expect(sam.page.getByTestId('their-view')).toContainText('ALEXVIEW it felt calmer');
  await expect(alex.page.getByTestId('their-view')).toContainText('SAMVIEW most evenings');
  await expect(alex.page.getByTestId('live-notice')).toContainText('Sam checked in');
  // The notice's dismiss is a quiet ×, not a full button (its style must not depend on another page's CSS).
  await expect(alex.page.getByTestId('live-notice').getByRole('button', { name: 'Dismiss' })).toHaveCSS('background-color', 'rgba(0, 0, 0, 0)');

  // The chart shows the period, with both views side by side in words.
  const period = alex.page.getByTestId('chart-period');
  await expect(period).toHaveCount(1);
  await expect(period).toContainText('You Kept');
  await expect(period).toContainText('Sam Partly');
  await expect(sam.page.getByTestId('chart-period')).toContainText('Alex Kept');
  expect(await alex.page.content()).not.toMatch(/\d+\s?%/);
  await alex.page.screenshot({ path: screenshotPath('commitment-after-both'), fullPage: true });
  await alex.page.setViewportSize({ width: 390, height: 844 });
  await alex.page.reload();
  await expect(alex.page.getByTestId('chart-period')).toBeVisible();
  await alex.page.screenshot({ path: screenshotPath('commitment-after-both-phone'), fullPage: true });
  await alex.page.setViewportSize({ width: 1200, height: 820 });

  // A conversation's next step becomes Sam's commitment.
  await alex.page.goto('/conversations');
  await alex.page.getByLabel('Topic').fill('Evenings together');
  await alex.page.getByRole('button', { name: 'Propose this conversation' }).click();
  await sam.page.goto('/conversations');
  await sam.page.getByRole('button', { name: 'Start now' }).click();
  await alex.page.getByRole('button', { name: 'I am here, let us begin' }).click();
  for (const [person, feeling] of [
    [alex, 'hopeful'],
    [sam, 'tired'],
  ] as const) {
    await person.page.getByLabel(feeling).check();
    await person.page.getByRole('radio', { name: '2' }).check();
    await person.page.getByRole('button', { name: 'Check in' }).click();
  }
  await alex.page.getByRole('button', { name: 'Move on to next steps' }).click();
  await expect(sam.page.getByRole('button', { name: 'Make it a commitment' })).toBeVisible();
  await sam.page.getByLabel('Or make a next step your own commitment').fill('I will cook on Saturdays');
  await sam.page.getByRole('button', { name: 'Make it a commitment' }).click();
  await sam.page.waitForURL(/\/commitments\?/);
  await expect(sam.page.getByRole('heading', { name: 'Make a next step your commitment' })).toBeVisible();
  await expect(sam.page.getByLabel('I will …')).toHaveValue('I will cook on Saturdays');
  await sam.page.getByRole('radio', { name: 'Every day' }).check();
  await sam.page.getByRole('button', { name: 'Make this commitment' }).click();
  await sam.page.waitForURL(/\/commitments\/[0-9a-f-]{36}\?created=1$/);
  await expect(sam.page.getByTestId('commitment-text')).toHaveText('I will cook on Saturdays');

  // The space page's calm list of what is due this week.
  await sam.page.goto('/space');
  const due = sam.page.getByTestId('due-this-week');
  await expect(due).toContainText('I will leave my phone in the hall after dinner');
  await expect(due).toContainText('(your view given)');
  await expect(due).toContainText('I will cook on Saturdays');
  await sam.page.screenshot({ path: screenshotPath('space-due-this-week'), fullPage: true });
  await sam.page.setViewportSize({ width: 390, height: 844 });
  await sam.page.screenshot({ path: screenshotPath('space-due-this-week-phone'), fullPage: true });
});
