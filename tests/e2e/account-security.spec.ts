/**
 * Recovering and securing an account alone, in a browser:
 *  - "forgot password" answers calmly; the link arrives in the outbox folder of the data directory
 *    (this Mend runs without SMTP_URL, like a single-machine install), sets a new password once, signs
 *    out the device that was signed in, and does not sign anyone in; the link then says it was used;
 *  - two-step sign-in set up from the account page with a QR code (the code computed here with
 *    otplib, as a phone's app would), recovery codes shown once; after signing out, the password alone
 *    leads to a second step that asks for the code.
 * This spec starts its own Mend so that it knows the data directory.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { generate } from 'otplib';
import type { Locator, Page } from '@playwright/test';
import { startMendProcess, type MendProcess } from '../support/mend-process';
import { createTestDatabaseUrl } from '../support/test-database';
import { expect, newPerson, screenshotPath, signUp, test } from './fixtures';

let mend: MendProcess;
let database: Awaited<ReturnType<typeof createTestDatabaseUrl>> | null = null;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  database = process.env.TEST_DATABASE_URL ? await createTestDatabaseUrl() : null;
  mend = await startMendProcess({ databaseUrl: database?.url, env: { MEND_SIGN_UPS_PER_HOUR: '10000', MEND_TEST_MODE: '1' } });
});
test.afterAll(async () => {
  await mend?.stop();
  await database?.drop();
});

/** The newest email to `to` in the outbox, parsed, waiting for it to be written. */
async function outboxMail(to: string): Promise<{ subject: string; text: string }> {
  const outbox = path.join(mend.dataDir, 'outbox');
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const files = (await readdir(outbox).catch(() => [] as string[])).filter((f) => f.endsWith('.eml')).sort().reverse();
    for (const file of files) {
      const parsed = await simpleParser(await readFile(path.join(outbox, file)));
      const recipients = parsed.to && !Array.isArray(parsed.to) ? parsed.to.value.map((v) => v.address) : [];
      if (recipients.includes(to)) return { subject: parsed.subject ?? '', text: parsed.text ?? '' };
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no email to ${to} in ${outbox}`);
}

/** The page (or one part of it, on the long account page) at 1200 and 390 px wide. */
async function both(page: Page, name: string, part?: Locator): Promise<void> {
  const shoot = (width: number) =>
    part ? part.screenshot({ path: screenshotPath(`${name}-${width}`) }) : page.screenshot({ path: screenshotPath(`${name}-${width}`), fullPage: true });
  await shoot(1200);
  await page.setViewportSize({ width: 390, height: 844 });
  await shoot(390);
  await page.setViewportSize({ width: 1200, height: 820 });
}

test('forgot password: a link from the outbox sets a new password once, then sign in', async ({ browser }) => {
  const alex = await newPerson(browser, mend.url, 'Alex');
  await signUp(alex);

  // Another browser (not signed in) asks for a link.
  const visitor = await browser.newContext({ baseURL: mend.url });
  const page = await visitor.newPage();
  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await expect(page.getByRole('heading', { name: 'Forgot your password?' })).toBeVisible();
  await page.getByLabel('Email').fill(alex.email.toUpperCase());
  await page.getByRole('button', { name: 'Send me a link' }).click();
  const calm = 'If an account uses that address, a link to choose a new password is on its way. It works once, for 30 minutes.';
  await expect(page.getByRole('status')).toHaveText(calm);
  await both(page, 'account-forgot-password');

  // The same words for an address with no account.
  await page.getByLabel('Email').fill('nobody-here@example.com');
  await page.getByRole('button', { name: 'Send me a link' }).click();
  await expect(page.getByRole('status')).toHaveText(calm);

  const mail = await outboxMail(alex.email);
  expect(mail.subject).toBe('Choosing a new password for Mend');
  const link = /http:\/\/\S+\/reset-password\/[A-Za-z0-9_-]{43}/.exec(mail.text)?.[0];
  expect(link).toBeTruthy();
  expect(mend.output()).toContain(path.join(mend.dataDir, 'outbox'));
  expect(mend.output()).not.toContain(link!);

  await page.goto(link!);
  await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
  await both(page, 'account-reset-password');
  await page.getByLabel('New password').fill('short');
  await page.getByRole('button', { name: 'Save new password' }).click();
  await expect(page.getByText('Use at least 10 characters.')).toBeVisible();
  await page.getByLabel('New password').fill('a fresh long password');
  await page.getByRole('button', { name: 'Save new password' }).click();
  await page.waitForURL(/\/sign-in\?passwordReset=1/);
  await expect(page.getByRole('status')).toContainText('Your new password is saved and every device was signed out.');
  await both(page, 'account-reset-done');

  // The device that was signed in is signed out; the link works once.
  await alex.page.goto('/account');
  await alex.page.waitForURL(/\/sign-in/);
  await page.goto(link!);
  await expect(page.getByRole('heading', { name: 'This link has already been used' })).toBeVisible();
  await both(page, 'account-reset-link-used');

  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(alex.email);
  await page.getByLabel('Password').fill('a calm long password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('That email and password do not match an account.')).toBeVisible();
  await page.getByLabel('Password').fill('a fresh long password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/home/);
  await visitor.close();
  await alex.context.close();
});

test('two-step sign-in: set up with a QR code, then signing in asks for the code', async ({ browser }) => {
  const sam = await newPerson(browser, mend.url, 'Sam');
  await signUp(sam);
  const page = sam.page;
  await page.goto('/account');
  const section = page.getByRole('region', { name: 'Two-step sign-in' });
  await section.getByLabel('Account password').fill(sam.password);
  await section.getByRole('button', { name: 'Set up two-step sign-in' }).click();
  const qr = section.getByRole('img', { name: 'QR code to add Mend to an authenticator app' });
  await expect(qr).toBeVisible();
  expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
  // The QR code really rendered (CSP allows data: images): it has a natural size.
  expect(await qr.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(100);
  const secret = (await section.getByTestId('two-factor-key').textContent())!.trim();
  await both(page, 'account-two-factor-setup', section);

  await section.getByLabel('Enter the six-digit code the app shows').fill('000000');
  await section.getByRole('button', { name: 'Turn on' }).click();
  await expect(section.getByText('That code is not right. Enter the six digits your app shows now.')).toBeVisible();
  const setupCode = await generate({ secret });
  await section.getByLabel('Enter the six-digit code the app shows').fill(setupCode);
  await section.getByRole('button', { name: 'Turn on' }).click();
  const codes = section.getByTestId('recovery-codes');
  await expect(codes.getByRole('listitem')).toHaveCount(10);
  await both(page, 'account-two-factor-recovery-codes', section);
  await section.getByRole('link', { name: 'I have kept them' }).click();
  await expect(page.getByRole('region', { name: 'Two-step sign-in' })).toContainText('Two-step sign-in is on. 10 of 10 recovery codes left.');
  await expect(page.getByTestId('recovery-codes')).toHaveCount(0);

  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.waitForURL(/\/sign-in/);
  await page.getByLabel('Email').fill(sam.email);
  await page.getByLabel('Password').fill(sam.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'This account uses two-step sign-in. Enter the six-digit code from your authenticator app.' })).toBeVisible();
  const codeField = page.getByLabel('Code from your authenticator app');
  await expect(codeField).toBeVisible();
  expect(page.url()).toContain('/sign-in');
  // No session exists yet.
  expect((await sam.context.cookies()).some((c) => c.name.includes('session-token'))).toBe(false);
  await both(page, 'account-two-factor-sign-in');

  await codeField.fill('123456');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByText('That code is not right. Enter the code your app shows now')).toBeVisible();
  // The form is reset once the server has answered: only then is the next code typed, so it is not
  // wiped by the answer to the previous one.
  await expect(page.getByLabel('Code from your authenticator app')).toHaveValue('');
  // The code that turned it on was used once already: refused.
  await page.getByLabel('Code from your authenticator app').fill(setupCode);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByLabel('Code from your authenticator app')).toHaveValue('');
  await expect(page.getByText('That code is not right. Enter the code your app shows now')).toBeVisible();
  expect(page.url()).toContain('/sign-in');
  // The code of the next time step: the one used to turn it on cannot be used again.
  await page.getByLabel('Code from your authenticator app').fill(await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }));
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL(/\/home/);
  await sam.context.close();
});
