import { expect, makeCouple, screenshotPath, test, type Person } from './fixtures';

/** Alex writes a draft on /amends/new; returns its path. */
async function startAmend(alex: Person, whatIDid: string, understanding: string): Promise<string> {
  const { page } = alex;
  await page.goto('/amends');
  await page.getByRole('button', { name: 'Write an amend' }).click();
  await page.waitForURL(/\/amends\/new$/);
  await page.getByLabel('What I did').fill(whatIDid);
  await page.getByLabel(/How I understand it affected you/).fill(understanding);
  return page.url();
}

async function shoot(page: Person['page'], name: string): Promise<void> {
  await page.screenshot({ path: screenshotPath(name), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: screenshotPath(`${name}-phone`), fullPage: true });
  await page.setViewportSize({ width: 1200, height: 820 });
}

test('amends: written with a new commitment, offered live, received with words and "how it affected me"; a withdrawn one leaves only that', async ({ browser, mendURL }) => {
  test.setTimeout(180_000);
  const { a: alex, b: sam } = await makeCouple(browser, mendURL);
  const whatIDid = 'I read your messages while you slept, and then lied about it.';
  const understanding = 'I think it made our home feel unsafe, like you had to guard yourself.';

  // Sam is already on /amends before anything exists.
  await sam.page.goto('/amends');
  await expect(sam.page.getByTestId('no-amends')).toBeVisible();

  // Bad input first: nothing saved, a message beside the field.
  await startAmend(alex, '', understanding);
  await alex.page.getByRole('button', { name: 'Save as a draft' }).click();
  await expect(alex.page.locator('#amend-what-message')).toHaveText('Write what you did, in your own words.');
  await expect(alex.page).toHaveURL(/\/amends\/new$/);
  await alex.page.getByLabel('What I did').fill(whatIDid);

  // A new commitment made in place ("I will …", on chosen days), linked to the amend.
  await expect(alex.page.getByText('Make a new commitment')).toBeVisible();
  await alex.page.getByLabel('I will …').fill('leave my phone in the hall at night');
  await alex.page.getByLabel('On chosen days of the week').check();
  await alex.page.getByLabel('Mon', { exact: true }).check();
  await alex.page.getByLabel('Thu', { exact: true }).check();
  await shoot(alex.page, 'amends-new-form');
  await alex.page.getByRole('button', { name: 'Save as a draft' }).click();
  await alex.page.waitForURL(/\/amends\/[0-9a-f-]{36}\?created=1$/);
  const amendPath = new URL(alex.page.url()).pathname;
  await expect(alex.page.getByText('Only you can see this draft')).toBeVisible();
  await expect(alex.page.getByLabel(/leave my phone in the hall at night/)).toBeChecked();
  await shoot(alex.page, 'amends-draft');

  // Sam's open list shows nothing of the draft, live or after a reload; the draft's URL is a 404 for Sam.
  await sam.page.waitForTimeout(800);
  await expect(sam.page.getByTestId('amend-item')).toHaveCount(0);
  expect((await sam.page.request.get(amendPath)).status()).toBe(404);
  expect(await sam.page.content()).not.toContain('while you slept');

  // Offered: Sam's open list shows it without a reload.
  await alex.page.getByRole('button', { name: 'Offer to Sam' }).click();
  await expect(alex.page.getByRole('heading', { level: 1, name: 'Your amend' })).toBeVisible();
  await expect(sam.page.getByTestId('amend-item')).toHaveCount(1);
  await expect(sam.page.getByTestId('live-notice')).toHaveText(/Alex offered you an amend/);
  await expect(sam.page.getByTestId('amend-item')).toContainText('while you slept');
  await shoot(sam.page, 'amends-list-partner');

  // Sam reads it, says how it affected them in their own words, and that it reached them.
  await sam.page.getByRole('link', { name: /An amend from Alex/ }).click();
  await expect(sam.page.getByTestId('what-i-did')).toHaveText(whatIDid);
  await expect(sam.page.getByText(understanding)).toBeVisible();
  await expect(sam.page.getByTestId('linked-commitments')).toContainText('leave my phone in the hall at night');
  await expect(sam.page.locator('body')).not.toContainText(/forgiv|accept/i);
  await sam.page.getByRole('textbox', { name: /^My words/ }).fill('I stopped sleeping well. I still check where my phone is.');
  await sam.page.getByRole('button', { name: 'Save my words' }).click();
  await expect(sam.page.getByTestId('partner-affected')).toHaveText('I stopped sleeping well. I still check where my phone is.');
  await sam.page.getByLabel(/A few words of your own/).fill('Thank you for writing it down plainly.');
  await sam.page.getByRole('button', { name: 'I received this' }).click();
  await expect(sam.page.getByTestId('amend-response')).toContainText('You received this');
  await shoot(sam.page, 'amends-offered-partner');

  // Alex, still on the amend, sees the response arrive.
  await expect(alex.page.getByTestId('amend-response')).toContainText('Sam received this');
  await expect(alex.page.getByTestId('amend-response')).toContainText('Thank you for writing it down plainly.');
  await expect(alex.page.getByTestId('partner-affected')).toHaveText('I stopped sleeping well. I still check where my phone is.');
  await expect(alex.page.locator('body')).not.toContainText(/forgiv|accept/i);
  await shoot(alex.page, 'amends-offered-author');

  // A second amend, offered then withdrawn: Sam (on /amends) is left with only that it was withdrawn.
  await startAmend(alex, 'I cancelled our Sunday plans without telling you why.', 'Second understanding words.');
  await alex.page.getByRole('button', { name: 'Save as a draft' }).click();
  await alex.page.waitForURL(/\/amends\/[0-9a-f-]{36}\?created=1$/);
  const secondPath = new URL(alex.page.url()).pathname;
  await alex.page.getByRole('button', { name: 'Offer to Sam' }).click();
  await expect(alex.page.getByRole('heading', { level: 1, name: 'Your amend' })).toBeVisible();
  await sam.page.goto('/amends');
  await expect(sam.page.getByTestId('amend-item')).toHaveCount(2);
  await expect(sam.page.getByTestId('amend-list')).toContainText('Sunday plans');
  await alex.page.getByText('Withdraw this amend').click();
  await alex.page.getByRole('button', { name: 'Withdraw amend' }).click();
  await expect(alex.page.getByText('You withdrew this amend.')).toBeVisible();
  await expect(sam.page.locator('[data-testid="amend-item"][data-status="withdrawn"]')).toHaveText(/An amend from Alex was withdrawn/);
  await expect(sam.page.getByTestId('amend-list')).not.toContainText('Sunday plans');
  await shoot(sam.page, 'amends-list-withdrawn-partner');
  await sam.page.goto(secondPath);
  await expect(sam.page.getByTestId('withdrawn-message')).toContainText('Alex withdrew this amend');
  expect(await sam.page.content()).not.toContain('Sunday plans');
  expect(await sam.page.content()).not.toContain('Second understanding');
  await shoot(sam.page, 'amends-withdrawn-partner');

  await alex.context.close();
  await sam.context.close();
});
