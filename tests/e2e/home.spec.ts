/**
 * The front door and the home page: a signed-out visitor reads what Mend is and what a partner can
 * and cannot see; a new couple lands on a home with first steps that recede once done; what waits
 * for a partner (a shared note, a version to sign) appears on their home live and goes once dealt with.
 */
import type { Page } from '@playwright/test';
import { createSpace, expect, makeInviteLink, newPerson, signUp, test } from './fixtures';

const SHOTS = process.env.MEND_SHOTS_DIR ?? 'test-results/screenshots';

/** The screen at 1200 px and 390 px wide, and once in the dark theme the system may ask for. */
async function shootBoth(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}/${name}-phone.png`, fullPage: true });
  await page.setViewportSize({ width: 1200, height: 820 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: `${SHOTS}/${name}-dark.png`, fullPage: true });
  await page.emulateMedia({ colorScheme: 'light' });
}

const editor = (page: Page) => page.locator('.ProseMirror');

test('the front door says what Mend is, what a partner can and cannot see, and how to begin', async ({ browser, mendURL }) => {
  const visitor = await newPerson(browser, mendURL, 'Visitor');
  await visitor.page.goto('/');
  await expect(visitor.page.getByRole('heading', { level: 1 })).toHaveText('A private place for two people rebuilding trust');
  const privacy = visitor.page.getByTestId('landing-privacy');
  await expect(privacy.getByRole('heading', { name: 'What your partner can and cannot see' })).toBeVisible();
  await expect(privacy).toContainText('Your journal. It is yours alone');
  await expect(privacy).toContainText('A note or an amend while it is a draft');
  await expect(privacy).toContainText('Notes once you share them');
  await expect(privacy).toContainText('never say what is waiting');
  await expect(visitor.page.getByRole('heading', { name: 'How it works' })).toBeVisible();
  // Signing up is the first thing in reach, on a laptop and on a phone.
  await expect(visitor.page.getByRole('main').getByRole('button', { name: 'Create an account' }).first()).toBeInViewport();
  await shootBoth(visitor.page, 'landing');
  await visitor.page.setViewportSize({ width: 390, height: 844 });
  await expect(visitor.page.getByRole('main').getByRole('button', { name: 'Create an account' }).first()).toBeInViewport();
  await visitor.page.getByRole('main').getByRole('button', { name: 'Create an account' }).first().click();
  await visitor.page.waitForURL(/\/sign-up$/);
  await visitor.context.close();
});

test('a new couple lands on a home with first steps, which recede once done, live', async ({ browser, mendURL }) => {
  const alex = await newPerson(browser, mendURL, 'Alex');
  const sam = await newPerson(browser, mendURL, 'Sam');
  await signUp(alex);
  await alex.page.waitForURL(/\/home$/);
  await expect(alex.page.getByRole('heading', { level: 1 })).toHaveText('Hello, Alex');
  await expect(alex.page.getByTestId('first-step-create-space')).toBeVisible();
  await expect(alex.page.getByTestId('first-step-journal')).toContainText('Only you can ever read it');
  await shootBoth(alex.page, 'home-no-space');
  // The signed-in front door is the home.
  await alex.page.goto('/');
  await alex.page.waitForURL(/\/home$/);

  await createSpace(alex, 'Alex & Sam');
  const link = await makeInviteLink(alex);
  await alex.page.goto('/home');
  await expect(alex.page.getByTestId('first-step-invite-partner')).toBeVisible();
  await signUp(sam, new URL(link).pathname);
  await sam.page.getByRole('button', { name: /^Join/ }).click();
  await sam.page.waitForURL(/\/space/);

  await sam.page.goto('/home');
  await expect(sam.page.getByTestId('home-nothing-waiting')).toBeVisible();
  for (const step of ['first-agreement', 'journal', 'notes', 'talk']) await expect(sam.page.getByTestId(`first-step-${step}`)).toBeVisible();
  await expect(sam.page.getByRole('link', { name: 'Home', exact: true })).toHaveAttribute('aria-current', 'page');
  await shootBoth(sam.page, 'home-first-steps');

  // Alex starts the couple's first agreement: "start with one agreement" recedes on Sam's open home.
  await alex.page.goto('/agreements');
  await alex.page.getByLabel('Title').fill('Evenings');
  await alex.page.getByRole('button', { name: 'Start this agreement' }).click();
  await alex.page.waitForURL(/\/agreements\/[0-9a-f-]{36}$/);
  await expect(sam.page.getByTestId('first-step-first-agreement')).toHaveCount(0);
  await expect(sam.page.getByTestId('first-step-journal')).toBeVisible();
  await alex.context.close();
  await sam.context.close();
});

test('a shared note and a version to sign appear on the partner’s home live, and go once dealt with', async ({ browser, mendURL }) => {
  const alex = await newPerson(browser, mendURL, 'Alex');
  const sam = await newPerson(browser, mendURL, 'Sam');
  await signUp(alex);
  await createSpace(alex, 'Alex & Sam');
  const link = await makeInviteLink(alex);
  await signUp(sam, new URL(link).pathname);
  await sam.page.getByRole('button', { name: /^Join/ }).click();
  await sam.page.waitForURL(/\/space/);

  // Sam keeps the home open for the whole test: it is never reloaded.
  await sam.page.goto('/home');
  await expect(sam.page.getByTestId('home-nothing-waiting')).toBeVisible();
  const loads: string[] = [];
  sam.page.on('load', () => loads.push(sam.page.url()));

  // Alex writes a note: a draft shows nothing on Sam's home.
  await alex.page.goto('/notes/new');
  await alex.page.getByRole('button', { name: 'hopeful', exact: true }).click();
  await alex.page.getByLabel(/What I need/).fill('NEED-MARKER a walk together');
  await alex.page.getByRole('button', { name: 'Continue' }).click();
  await alex.page.waitForURL(/\/notes\/[0-9a-f-]{36}\?created=1$/);
  await expect(alex.page.getByText('Only you can see this draft')).toBeVisible();
  await expect(sam.page.getByTestId('home-note-shared')).toHaveCount(0);

  await alex.page.getByRole('button', { name: 'Share with Sam' }).click();
  const noteLine = sam.page.getByTestId('home-note-shared');
  await expect(noteLine).toContainText('Alex shared a note with you.');
  await expect(sam.page.getByTestId('home-waiting')).not.toContainText('NEED-MARKER');
  await expect(sam.page.getByTestId('home-waiting')).not.toContainText('hopeful');

  // Alex proposes a version of an agreement: Sam's home asks for a signature, live.
  await alex.page.goto('/agreements');
  await alex.page.getByLabel('Title').fill('Evenings');
  await alex.page.getByRole('button', { name: 'Start this agreement' }).click();
  await alex.page.waitForURL(/\/agreements\/[0-9a-f-]{36}$/);
  const path = new URL(alex.page.url()).pathname;
  await expect(alex.page.getByTestId('sync-status')).toHaveText('Synced');
  await editor(alex.page).click();
  await alex.page.keyboard.type('We talk every evening.', { delay: 10 });
  await expect(alex.page.getByTestId('sync-status')).toHaveText('Synced');
  await alex.page.goto(`${path}/versions`);
  await alex.page.getByRole('button', { name: 'Propose the current text as version 1' }).click();
  const versionLine = sam.page.getByTestId('home-version-to-sign');
  await expect(versionLine).toContainText('Alex proposed version 1 of “Evenings”.');
  await expect(versionLine.getByRole('link', { name: 'Review and sign' })).toHaveAttribute('href', `${path}/versions/1`);
  expect(loads).toEqual([]);
  await shootBoth(sam.page, 'home-waiting');

  // Sam reads and acknowledges the note in another tab: it leaves the home that stays open.
  const reading = await sam.context.newPage();
  await reading.goto(await noteLine.getByRole('link', { name: 'Read it' }).getAttribute('href').then((href) => href!));
  await reading.getByRole('button', { name: 'I read this' }).click();
  await expect(reading.getByTestId('acknowledgement')).toContainText('You read this');
  await expect(sam.page.getByTestId('home-note-shared')).toHaveCount(0);
  await expect(sam.page.getByTestId('home-version-to-sign')).toBeVisible();
  // The author's home never asks them to acknowledge their own note.
  await alex.page.goto('/home');
  await expect(alex.page.getByTestId('home-note-shared')).toHaveCount(0);
  await alex.context.close();
  await sam.context.close();
});

test('a talk request and this week’s check-in on the partner’s home; a closed space waits for nobody, and the one who left sees no trace of it', async ({ browser, mendURL }) => {
  const alex = await newPerson(browser, mendURL, 'Alex');
  const sam = await newPerson(browser, mendURL, 'Sam');
  await signUp(alex);
  await createSpace(alex, 'Alex & Sam');
  const link = await makeInviteLink(alex);
  await signUp(sam, new URL(link).pathname);
  await sam.page.getByRole('button', { name: /^Join/ }).click();
  await sam.page.waitForURL(/\/space/);
  await sam.page.goto('/home');

  await alex.page.goto('/commitments');
  await alex.page.getByLabel('I will …').fill('I will put my phone away at dinner');
  await alex.page.getByRole('button', { name: 'Make this commitment' }).click();
  await alex.page.waitForURL(/\/commitments\/[0-9a-f-]{36}\?created=1$/);
  await expect(sam.page.getByTestId('home-check-in')).toContainText('Alex’s commitment “I will put my phone away at dinner”: you can give your view of');

  await alex.page.goto('/conversations');
  await alex.page.getByLabel('Topic').fill('How we spend our evenings');
  await alex.page.getByRole('button', { name: 'Propose this conversation' }).click();
  const request = sam.page.getByTestId('home-talk-request');
  await expect(request).toContainText('Alex would like to talk about “How we spend our evenings”.');
  await expect(request.getByRole('link', { name: 'Answer' })).toHaveAttribute('href', '/conversations');
  // Said once: the home lists it, so the banner other pages show stays away here.
  await expect(sam.page.getByTestId('conversation-notice')).toHaveCount(0);
  await shootBoth(sam.page, 'home-talk-and-check-in');

  // Alex leaves: Sam's open home says so calmly, with nothing left waiting.
  await alex.page.goto('/space');
  await alex.page.getByText('Leave this space').click();
  await alex.page.getByRole('checkbox', { name: 'I understand, leave the space' }).check();
  await alex.page.getByRole('button', { name: 'Leave space' }).click();
  await alex.page.waitForURL(/left=1/);
  await expect(sam.page.getByRole('heading', { name: 'Your space has closed' })).toBeVisible();
  await expect(sam.page.getByRole('main')).toContainText('Alex left Alex & Sam on');
  await expect(sam.page.getByTestId('home-talk-request')).toHaveCount(0);
  await expect(sam.page.getByTestId('home-check-in')).toHaveCount(0);
  await shootBoth(sam.page, 'home-closed-space');

  await alex.page.goto('/home');
  await expect(alex.page.getByTestId('first-step-create-space')).toBeVisible();
  await expect(alex.page.getByRole('main')).not.toContainText('Alex & Sam');
  await expect(alex.page.getByRole('main')).not.toContainText('evenings');
  await alex.context.close();
  await sam.context.close();
});
