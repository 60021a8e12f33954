/**
 * A relationship's life in the browser: Sam leaves (told plainly what happens, offered an export),
 * keeps their journal; Alex stays with a read-only closed space and starts a new one with Eden, who
 * sees nothing of the former pair.
 */
import type { Page } from '@playwright/test';
import { createSpace, expect, makeCouple, makeInviteLink, newPerson, screenshotPath, signUp, test } from './fixtures';

function editor(page: Page) {
  return page.locator('.collab-prose');
}

test('leaving closes the space; the one who stays reads and exports it; a new partner starts fresh', async ({ browser, mendURL }) => {
  test.setTimeout(180_000);
  const { a: alex, b: sam } = await makeCouple(browser, mendURL);

  // Sam keeps a journal entry and shares a note with Alex.
  await sam.page.goto('/journal');
  await sam.page.getByRole('button', { name: 'Start writing' }).click();
  await sam.page.waitForURL(/\/journal\/[0-9a-f-]{36}$/);
  await expect(sam.page.getByTestId('sync-status')).toHaveText('Synced');
  await editor(sam.page).click();
  await sam.page.keyboard.type('Mine alone: the walk by the sea.');
  await expect(sam.page.getByTestId('sync-status')).toHaveText('Synced');
  await sam.page.goto('/notes');
  await sam.page.getByRole('button', { name: 'Write a note' }).click();
  await sam.page.getByRole('button', { name: 'hopeful', exact: true }).click();
  await sam.page.getByLabel(/What I need/).fill('Patience with me this month.');
  await sam.page.getByRole('button', { name: 'Continue' }).click();
  await sam.page.waitForURL(/\/notes\/[0-9a-f-]{36}\?created=1$/);
  const notePath = new URL(sam.page.url()).pathname;
  await sam.page.getByRole('button', { name: 'Share with Alex' }).click();
  await expect(sam.page.getByText('Not acknowledged yet.')).toBeVisible();

  // Before leaving, Sam reads what will happen and can keep a copy of what was shared.
  await sam.page.goto('/space');
  await sam.page.getByText('Leave this space').click();
  const consequences = sam.page.getByTestId('leave-consequences');
  await expect(consequences).toContainText('This space closes for good');
  await expect(consequences).toContainText('Your journal is yours');
  const download = sam.page.waitForEvent('download');
  await sam.page.getByRole('link', { name: 'export what was shared (Markdown)' }).click();
  const exported = await (await download).path();
  const { readFileSync } = await import('node:fs');
  expect(readFileSync(exported, 'utf8')).toContain('Patience with me this month.');
  await sam.page.screenshot({ path: screenshotPath('space-leave-form'), fullPage: true });
  await sam.page.getByLabel('I understand, leave the space').check();
  await sam.page.getByRole('button', { name: 'Leave space' }).click();
  await sam.page.waitForURL(/\/space\?left=1/);
  await expect(sam.page.getByRole('status')).toContainText('Your journal is still yours');
  await sam.page.goto('/journal');
  await expect(sam.page.getByRole('heading', { level: 1, name: 'My journal' })).toBeVisible();
  await expect(sam.page.getByTestId('journal-list').getByRole('listitem')).toHaveCount(1);
  expect((await sam.page.goto(notePath))?.status()).toBe(404);

  // Alex: the space is closed, readable, not writable.
  await alex.page.goto('/space');
  await expect(alex.page.getByText(/This space closed on .+, when Sam left\./)).toBeVisible();
  await alex.page.screenshot({ path: screenshotPath('space-closed'), fullPage: true });
  await alex.page.goto('/notes');
  await expect(alex.page.getByRole('button', { name: 'Write a note' })).toHaveCount(0);
  await alex.page.goto(notePath);
  await expect(alex.page.getByText('Patience with me this month.')).toBeVisible();
  await expect(alex.page.getByRole('button', { name: /I read this|Acknowledge/ })).toHaveCount(0);
  await expect(alex.page.getByLabel(/Reply/)).toHaveCount(0);
  await alex.page.screenshot({ path: screenshotPath('space-closed-note'), fullPage: true });
  const alexExport = await alex.page.request.get(`/space/export?space=${await spaceIdFrom(alex.page)}`);
  expect(alexExport.status()).toBe(200);
  expect(await alexExport.text()).toContain('Patience with me this month.');

  // A new partner means a new space.
  await alex.page.goto('/space');
  await alex.page.getByLabel('Name of your space').fill('Alex & Eden');
  await alex.page.getByRole('button', { name: 'Create our space' }).click();
  await expect(alex.page.getByRole('heading', { level: 1, name: 'Alex & Eden' })).toBeVisible();
  await expect(alex.page.getByRole('heading', { name: 'Earlier spaces' })).toBeVisible();
  const link = await makeInviteLink(alex);
  const eden = await newPerson(browser, mendURL, 'Eden');
  await signUp(eden, new URL(link).pathname);
  await eden.page.getByRole('button', { name: /^Join/ }).click();
  await eden.page.waitForURL(/\/space/);
  await expect(eden.page.getByTestId('activity')).not.toContainText('Sam');
  await eden.page.goto('/notes');
  await expect(eden.page.getByTestId('no-notes')).toBeVisible();
  expect((await eden.page.goto(notePath))?.status()).toBe(404);
  expect(await eden.page.content()).not.toContain('Patience');
  await eden.page.screenshot({ path: screenshotPath('space-new-partner-notes'), fullPage: true });

  for (const person of [alex, sam, eden]) await person.context.close();
});

async function spaceIdFrom(page: Page): Promise<string> {
  const href = await page.getByRole('link', { name: 'Export what was shared (Markdown)' }).first().getAttribute('href');
  return new URL(href!, 'http://x').searchParams.get('space')!;
}
