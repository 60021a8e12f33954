/**
 * Playwright fixtures: the running Mend (see global-setup.ts) as baseURL, helpers to sign people up
 * and to set up a couple with a shared space, each partner in their own browser context.
 */
import { randomBytes } from 'node:crypto';
import { test as base, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';

export { expect };

export interface Person {
  name: string;
  email: string;
  password: string;
  context: BrowserContext;
  page: Page;
}

export function uniqueEmail(name: string): string {
  return `${name.toLowerCase()}-${randomBytes(4).toString('hex')}@example.com`;
}

export async function newPerson(browser: Browser, baseURL: string, name: string): Promise<Person> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  return { name, email: uniqueEmail(name), password: 'a calm long password', context, page };
}

export async function signUp(person: Person, next?: string): Promise<void> {
  const { page } = person;
  await page.goto(next ? `/sign-up?next=${encodeURIComponent(next)}` : '/sign-up');
  await page.getByLabel('Your name').fill(person.name);
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-up'));
}

export async function createSpace(person: Person, name: string): Promise<void> {
  await person.page.goto('/space');
  await person.page.getByLabel('Name of your space').fill(name);
  await person.page.getByRole('button', { name: 'Create our space' }).click();
  await expect(person.page.getByRole('heading', { level: 1, name })).toBeVisible();
}

export async function makeInviteLink(person: Person): Promise<string> {
  await person.page.goto('/space');
  await person.page.getByRole('button', { name: 'Make an invite link' }).click();
  const link = person.page.getByLabel('Invite link');
  await expect(link).toBeVisible();
  return link.inputValue();
}

/** A joined couple: Alex made the space, Sam joined by invite. Both signed in, each in their own context. */
export async function makeCouple(browser: Browser, baseURL: string, names: [string, string] = ['Alex', 'Sam']): Promise<{ a: Person; b: Person }> {
  const a = await newPerson(browser, baseURL, names[0]);
  const b = await newPerson(browser, baseURL, names[1]);
  await signUp(a);
  await createSpace(a, `${names[0]} & ${names[1]}`);
  const link = await makeInviteLink(a);
  await signUp(b, new URL(link).pathname);
  await b.page.getByRole('button', { name: /^Join/ }).click();
  await b.page.waitForURL(/\/space/);
  return { a, b };
}

export const test = base.extend<{ mendURL: string }>({
  mendURL: async ({}, use) => {
    const url = process.env.MEND_E2E_BASE_URL;
    if (!url) throw new Error('MEND_E2E_BASE_URL is not set: run the browser tests through `npm test` or `npx playwright test`.');
    await use(url);
  },
  baseURL: async ({ mendURL }, use) => use(mendURL),
});

export function screenshotPath(name: string): string {
  return `test-results/screenshots/${name}.png`;
}
