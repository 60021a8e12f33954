/**
 * Two partners hold a whole short conversation in two browsers: proposal, live notice, check-in,
 * turns with a "Not quite" and a "That's right", a pause whose return time both agree, and a resume,
 * next steps (one becoming an agreement draft), the end, and the summary. Then a withdrawn talk
 * request, and a conversation ended before both checked in, whose summary shows the partner nothing
 * of the check-in. The e2e server's pause minimum is 6 seconds (see global-setup.ts); the last test
 * starts a server with the default to show 20 minutes hold.
 */
import { createTestDatabaseUrl } from '../support/test-database';
import { startMendProcess } from '../support/mend-process';
import { expect, makeCouple, screenshotPath, test, type Person } from './fixtures';

function acceptDialogs(person: Person) {
  person.page.on('dialog', (dialog) => void dialog.accept());
}

async function stepTitle(person: Person, text: string | RegExp) {
  await expect(person.page.getByTestId('step-title')).toHaveText(text);
}

test('two partners hold a whole structured conversation', async ({ browser, mendURL }) => {
  test.setTimeout(420_000);
  const { a: alex, b: sam } = await makeCouple(browser, mendURL);
  acceptDialogs(alex);
  acceptDialogs(sam);
  await alex.page.goto('/conversations');
  await sam.page.goto('/space');
  await expect(sam.page.getByTestId('presence-line')).toBeVisible();

  // Alex proposes; Sam is told live on the page they are on.
  await alex.page.getByLabel('Topic').fill('How we decide about money');
  await alex.page.getByLabel('Length of each turn').selectOption('1');
  await alex.page.getByRole('button', { name: 'Propose this conversation' }).click();
  await stepTitle(alex, 'Waiting for Sam');
  await expect(sam.page.getByTestId('conversation-notice')).toContainText('How we decide about money');
  await sam.page.getByRole('link', { name: 'Open the conversation' }).click();
  await stepTitle(sam, 'Alex would like to talk');
  await sam.page.getByRole('button', { name: 'Start now' }).click();
  await stepTitle(sam, 'Waiting for Alex');
  await stepTitle(alex, 'Sam is ready to begin');
  await expect(alex.page.getByText('Sam is here now')).toBeVisible();
  await alex.page.getByRole('button', { name: 'I am here, let us begin' }).click();

  // Check-in: private until both have chosen.
  await stepTitle(alex, 'Check in');
  await alex.page.getByLabel('anxious').check();
  await alex.page.getByLabel('hopeful').check();
  await alex.page.getByRole('radio', { name: '3' }).check();
  await alex.page.getByRole('button', { name: 'Check in' }).click();
  await stepTitle(alex, 'Your check-in is in');
  await expect(sam.page.getByText('Alex has checked in.')).toBeVisible();
  await expect(sam.page.getByTestId('check-in-partner')).toHaveCount(0);
  await sam.page.getByLabel('tired').check();
  await sam.page.getByRole('radio', { name: '2' }).check();
  await sam.page.getByRole('button', { name: 'Check in' }).click();

  // Both check-ins are shown to both for a moment; then the floor: Alex (who proposed) speaks
  // first; Sam listens and cannot take the floor.
  await expect(sam.page.getByTestId('check-in-reveal')).toContainText('anxious');
  await expect(alex.page.getByTestId('role-banner')).toContainText('You are speaking', { timeout: 15_000 });
  await expect(sam.page.getByTestId('role-banner')).toContainText('You are listening');
  await expect(alex.page.getByTestId('turn-timer')).toHaveText(/^0:5\d|^1:00$/);
  await expect(sam.page.getByRole('button', { name: 'I am done, hand over' })).toHaveCount(0);
  await expect(sam.page.getByRole('region', { name: 'How you both checked in' }).getByTestId('check-in-partner')).toContainText('anxious');
  await alex.page.screenshot({ path: screenshotPath('conversation-speaker'), fullPage: true });
  await sam.page.screenshot({ path: screenshotPath('conversation-listener'), fullPage: true });
  // At phone width the timer, the roles and the Pause button stay readable and in reach.
  await alex.page.setViewportSize({ width: 390, height: 844 });
  await expect(alex.page.getByRole('button', { name: 'Pause', exact: true })).toBeInViewport();
  await alex.page.screenshot({ path: screenshotPath('conversation-speaker-phone') });
  await alex.page.setViewportSize({ width: 1200, height: 820 });
  await alex.page.getByRole('button', { name: 'I am done, hand over' }).click();

  // Reflection: "Not quite", then "That's right", then "Is there more?", then the floor passes.
  await stepTitle(sam, 'Say back what you heard');
  await sam.page.getByLabel('What I heard is…').fill('You think I spend without asking.');
  await sam.page.getByRole('button', { name: 'Share my reflection' }).click();
  await expect(alex.page.getByTestId('reflection')).toContainText('You think I spend without asking.');
  await alex.page.screenshot({ path: screenshotPath('conversation-speaker-confirming'), fullPage: true });
  await alex.page.getByRole('button', { name: 'Not quite' }).click();
  await stepTitle(sam, 'Say back what you heard');
  await expect(sam.page.getByText('You think I spend without asking.')).toBeVisible();
  await sam.page.getByLabel('What I heard is…').fill('You feel left out when I decide about money alone.');
  await sam.page.getByRole('button', { name: 'Share my reflection' }).click();
  await alex.page.getByRole('button', { name: 'That’s right' }).click();
  await sam.page.getByRole('button', { name: 'Is there more?' }).click();
  await alex.page.getByRole('button', { name: 'That is all, pass the floor to Sam' }).click();
  await expect(sam.page.getByTestId('role-banner')).toContainText('You are speaking');
  await expect(alex.page.getByTestId('role-banner')).toContainText('You are listening');

  // A pause, from the listener; nothing else can happen until both are ready after the minimum.
  await alex.page.getByRole('button', { name: 'Pause', exact: true }).click();
  await alex.page.getByRole('combobox', { name: 'Come back in' }).selectOption({ label: '30 minutes' });
  await alex.page.getByRole('button', { name: 'Pause now' }).click();
  await stepTitle(alex, 'Paused');
  await stepTitle(sam, 'Paused');
  await expect(sam.page.getByText('Alex paused the conversation.')).toBeVisible();
  await expect(sam.page.getByRole('button', { name: 'I am ready to continue' })).toBeDisabled();
  // The return time is agreed by both: Alex suggested 30 minutes; Sam suggests the earliest; Alex agrees.
  await expect(alex.page.getByTestId('pause-return')).toContainText('You suggested coming back at');
  await expect(sam.page.getByTestId('pause-return')).toContainText('Alex suggests coming back at');
  await sam.page.screenshot({ path: screenshotPath('conversation-pause-agreement'), fullPage: true });
  await sam.page.setViewportSize({ width: 390, height: 844 });
  await expect(sam.page.getByRole('button', { name: /^Agree to / })).toBeVisible();
  // The return time in the one shared format (the reader's locale, en-US here): "3:33 PM", not "03:33 PM".
  await expect(sam.page.getByRole('button', { name: /^Agree to / })).toHaveText(/^Agree to [1-9]\d?:\d\d\s[AP]M$/);
  await sam.page.screenshot({ path: screenshotPath('conversation-pause-agreement-phone'), fullPage: true });
  await sam.page.setViewportSize({ width: 1200, height: 820 });
  await expect(sam.page.getByLabel('Or suggest another time').locator('option').first()).toContainText('(the earliest)');
  await sam.page.getByLabel('Or suggest another time').selectOption({ index: 0 });
  await sam.page.getByRole('button', { name: 'Suggest this time' }).click();
  await expect(sam.page.getByTestId('pause-return')).toContainText('You suggested coming back at');
  await expect(alex.page.getByTestId('pause-return')).toContainText('Sam suggests coming back at');
  await alex.page.getByRole('button', { name: /^Agree to / }).click();
  await expect(alex.page.getByTestId('pause-return')).toContainText('You both agreed to come back at');
  await expect(sam.page.getByTestId('pause-return')).toContainText('You both agreed to come back at');
  // Sam chose the earliest, 6 seconds after the pause began: both are told, calmly, when it comes.
  await expect(sam.page.getByTestId('return-notice')).toContainText('the time you agreed to come back', { timeout: 15_000 });
  await expect(alex.page.getByTestId('return-notice')).toContainText('There is no rush');
  await sam.page.screenshot({ path: screenshotPath('conversation-pause-agreed'), fullPage: true });
  // A reload in the middle of the pause brings it back as it was.
  await sam.page.reload();
  await stepTitle(sam, 'Paused');
  await expect(sam.page.getByTestId('return-notice')).toContainText('the time you agreed to come back');
  await expect(sam.page.getByRole('button', { name: 'I am ready to continue' })).toBeEnabled({ timeout: 15_000 });
  await sam.page.getByRole('button', { name: 'I am ready to continue' }).click();
  await expect(alex.page.getByText('Sam is ready.')).toBeVisible();
  await alex.page.getByRole('button', { name: 'I am ready to continue' }).click();
  await expect(sam.page.getByTestId('role-banner')).toContainText('You are speaking');
  await sam.page.getByRole('button', { name: 'I am done, hand over' }).click();
  await alex.page.getByLabel('What I heard is…').fill('You want us to plan together.');
  await alex.page.getByRole('button', { name: 'Share my reflection' }).click();
  await sam.page.getByRole('button', { name: 'That’s right' }).click();

  // Next steps, written together in a live document; one becomes an agreement draft. Only the
  // speaker (Sam, now) can move them both on; the listener is told so instead of shown the button.
  await expect(alex.page.getByRole('button', { name: 'Move on to next steps' })).toHaveCount(0);
  await expect(alex.page.getByTestId('next-steps-by-speaker')).toContainText('When Sam has said what they need to, they can move you both on');
  await sam.page.getByRole('button', { name: 'Move on to next steps' }).click();
  await stepTitle(alex, 'Next steps');
  const alexEditor = alex.page.getByRole('textbox', { name: 'Next steps' });
  await alexEditor.click();
  await alex.page.keyboard.type('We look at the budget together every Sunday.', { delay: 10 });
  await expect(sam.page.getByRole('textbox', { name: 'Next steps' })).toContainText('every Sunday');
  await sam.page.getByLabel('Turn a next step into an agreement draft').fill('We look at the budget together every Sunday');
  await sam.page.getByRole('button', { name: 'Create agreement draft' }).click();
  await expect(sam.page.getByText('Agreement draft “We look at the budget together every Sunday” created.')).toBeVisible();
  await sam.page.screenshot({ path: screenshotPath('conversation-next-steps'), fullPage: true });

  // Either can end it; it ends for both, and the summary is kept.
  await alex.page.getByRole('button', { name: 'We are done: end the conversation' }).click();
  await stepTitle(sam, 'The conversation has ended');
  await sam.page.getByRole('link', { name: 'Read the summary' }).click();
  await expect(sam.page.getByRole('heading', { level: 1, name: 'How we decide about money' })).toBeVisible();
  await expect(sam.page.getByTestId('summary-turns').getByRole('listitem')).toHaveCount(2);
  await expect(sam.page.getByTestId('summary-reflections')).toContainText('2 tries');
  await expect(sam.page.getByTestId('summary-reflections')).toContainText('You feel left out when I decide about money alone.');
  await expect(sam.page.getByTestId('summary-pauses')).toContainText('Alex paused');
  await expect(sam.page.getByTestId('summary-pauses')).toContainText('you agreed to come back at');
  await expect(sam.page.getByText('Alex ended it.')).toBeVisible();
  await expect(sam.page.getByRole('textbox', { name: 'Next steps' })).toContainText('every Sunday');
  await sam.page.screenshot({ path: screenshotPath('conversation-summary'), fullPage: true });
  await alex.page.goto('/space');
  await expect(alex.page.getByTestId('conversation-list')).toContainText('How we decide about money');
  await expect(alex.page.getByTestId('presence-line')).toContainText('Sam is here now');
  await alex.page.screenshot({ path: screenshotPath('conversation-space-page'), fullPage: true });
  await alex.page.goto('/agreements');
  await expect(alex.page.getByText('We look at the budget together every Sunday')).toBeVisible();
});

test('a withdrawn talk request says so, and an early end shows the partner nothing of a check-in they never saw', async ({ browser, mendURL }) => {
  test.setTimeout(180_000);
  const { a: alex, b: sam } = await makeCouple(browser, mendURL);
  acceptDialogs(alex);
  acceptDialogs(sam);
  await alex.page.goto('/conversations');
  await sam.page.goto('/conversations');

  // Alex asks, then withdraws: a talk that never happened has no summary to read.
  await alex.page.getByLabel('Topic').fill('Next weekend');
  await alex.page.getByRole('button', { name: 'Propose this conversation' }).click();
  await stepTitle(sam, 'Alex would like to talk');
  await alex.page.getByRole('button', { name: 'Withdraw' }).click();
  await stepTitle(alex, 'This talk request was withdrawn');
  await stepTitle(sam, 'This talk request was withdrawn');
  await expect(sam.page.getByText('Alex withdrew it before it began. Nothing is needed from you.')).toBeVisible();
  await expect(sam.page.getByRole('link', { name: 'Read the summary' })).toHaveCount(0);
  await sam.page.screenshot({ path: screenshotPath('conversation-withdrawn'), fullPage: true });
  await alex.page.getByRole('button', { name: 'Propose a conversation' }).click();
  await stepTitle(alex, 'Start a conversation');

  // Alex checks in; Sam ends the conversation before checking in.
  await alex.page.getByLabel('Topic').fill('What happened in March');
  await alex.page.getByRole('button', { name: 'Propose this conversation' }).click();
  await sam.page.getByRole('button', { name: 'Start now' }).click();
  await alex.page.getByRole('button', { name: 'I am here, let us begin' }).click();
  await alex.page.getByLabel('ashamed').check();
  await alex.page.getByLabel('lonely').check();
  await alex.page.getByRole('radio', { name: '5' }).check();
  await alex.page.getByRole('button', { name: 'Check in' }).click();
  await expect(sam.page.getByText('Alex has checked in.')).toBeVisible();
  await sam.page.getByRole('button', { name: 'End for both of us' }).click();
  await stepTitle(sam, 'The conversation has ended');
  await expect(sam.page.getByText('You ended it. Thank you for taking the time.')).toBeVisible();
  await sam.page.getByRole('link', { name: 'Read the summary' }).click();
  await expect(sam.page.getByRole('heading', { level: 1, name: 'What happened in March' })).toBeVisible();
  await expect(sam.page.getByText('You ended it.')).toBeVisible();
  // Nothing of Alex's check-in is anywhere in the page Sam receives, not even hidden in the markup.
  const html = await sam.page.content();
  expect(html).not.toMatch(/ashamed|lonely|5\/5/);
  await expect(sam.page.getByText('None shared. Check-ins are shown only once you have both chosen.')).toBeVisible();
  await sam.page.screenshot({ path: screenshotPath('conversation-summary-unrevealed'), fullPage: true });
  await sam.page.goto('/conversations');
  await expect(sam.page.getByTestId('conversation-list')).toContainText('What happened in March');
  expect(await sam.page.content()).not.toMatch(/ashamed|lonely/);
  // Alex still reads their own check-in, and who ended it.
  await alex.page.goto('/conversations');
  await alex.page.getByTestId('conversation-list').getByRole('link', { name: 'What happened in March' }).click();
  await expect(alex.page.getByText('Sam ended it.')).toBeVisible();
  await expect(alex.page.getByRole('region', { name: 'Check-ins' }).getByTestId('check-in-mine')).toContainText('ashamed');
  await expect(alex.page.getByRole('region', { name: 'Check-ins' }).getByTestId('check-in-mine')).toContainText('lonely');
  await alex.context.close();
  await sam.context.close();
});

test('the pause minimum is 20 minutes on a server with the default setting', async ({ browser }) => {
  test.setTimeout(180_000);
  const database = process.env.TEST_DATABASE_URL ? await createTestDatabaseUrl() : null;
  const mend = await startMendProcess({ databaseUrl: database?.url, env: { MEND_QUICK_EXIT_URL: 'about:blank#left-mend', MEND_PAUSE_MINIMUM_SECONDS: '' } });
  try {
    const { a: alex, b: sam } = await makeCouple(browser, mend.url);
    await alex.page.goto('/conversations');
    await sam.page.goto('/conversations');
    await alex.page.getByLabel('Topic').fill('Weekends');
    await alex.page.getByRole('button', { name: 'Propose this conversation' }).click();
    await sam.page.getByRole('button', { name: 'Start now' }).click();
    await alex.page.getByRole('button', { name: 'I am here, let us begin' }).click();
    await sam.page.getByRole('button', { name: 'Pause', exact: true }).click();
    await expect(sam.page.getByText('A pause lasts at least 20 minutes')).toBeVisible();
    await expect(sam.page.getByRole('combobox', { name: 'Come back in' }).locator('option').first()).toHaveText('20 minutes');
    await sam.page.getByRole('button', { name: 'Pause now' }).click();
    await stepTitle(alex, 'Paused');
    await expect(alex.page.getByTestId('pause-timer')).toHaveText(/^(20:00|19:5\d)$/);
    await expect(alex.page.getByRole('button', { name: 'I am ready to continue' })).toBeDisabled();
    await alex.page.screenshot({ path: screenshotPath('conversation-paused-20-minutes'), fullPage: true });
    await alex.context.close();
    await sam.context.close();
  } finally {
    await mend.stop();
    await database?.drop();
  }
});
