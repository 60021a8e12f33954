/**
 * At 390 px (a phone) no page is wider than the screen, and the live notice lines up with the page
 * column. Every main page is visited with some content in it, and a screenshot of each is kept.
 */
import type { Page } from '@playwright/test';
import { expect, makeCouple, screenshotPath, test } from './fixtures';

/** Elements sticking out past the right edge of the screen, except inside a box that scrolls sideways on purpose. */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const scrolls = (element: Element | null): boolean => {
      for (let node = element; node && node !== document.body; node = node.parentElement) {
        const style = getComputedStyle(node);
        if (style.overflowX === 'auto' || style.overflowX === 'scroll' || style.overflowX === 'hidden') return true;
      }
      return false;
    };
    const found: string[] = [];
    for (const element of document.body.querySelectorAll('*')) {
      const box = element.getBoundingClientRect();
      // A pixel of rounding past the edge shows nothing; the page scrolling sideways is checked below.
      if (box.width === 0 || box.right <= width + 2) continue;
      // Inside a closed disclosure (the header's menu) nothing is shown, wherever it would be.
      if (!element.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
      if (scrolls(element.parentElement)) continue;
      const name = `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${typeof element.className === 'string' && element.className ? `.${element.className.trim().split(/\s+/).join('.')}` : ''}`;
      found.push(`${name} (right edge ${Math.round(box.right)} px)`);
    }
    if (document.documentElement.scrollWidth > width) found.push(`page scrolls sideways (${document.documentElement.scrollWidth} px)`);
    return found;
  });
}

test('every main page fits a 390 px phone, and the live notice lines up with the page column', async ({ browser, mendURL }) => {
  test.setTimeout(240_000);
  const { a: alex, b: sam } = await makeCouple(browser, mendURL);

  // Something on the pages: an agreement with text, and a note Alex shares with Sam.
  await alex.page.goto('/agreements');
  await alex.page.getByLabel('Title').fill('Evenings and weekends, and what we promised each other about both');
  await alex.page.getByRole('button', { name: 'Start this agreement' }).click();
  await alex.page.waitForURL(/\/agreements\/[0-9a-f-]{36}$/);
  const agreementPath = new URL(alex.page.url()).pathname;
  await expect(alex.page.getByTestId('sync-status')).toHaveText('Synced');
  await alex.page.locator('.collab-prose').click();
  await alex.page.keyboard.type('We talk every evening, and https://example.com/a-rather-long-link-that-could-push-the-page-sideways-on-a-phone stays readable.', { delay: 5 });
  await expect(alex.page.getByTestId('sync-status')).toHaveText('Synced');

  await sam.page.setViewportSize({ width: 390, height: 844 });
  await sam.page.goto('/journal');
  await alex.page.goto('/notes');
  await alex.page.getByRole('button', { name: 'Write a note' }).click();
  await alex.page.waitForURL(/\/notes\/new$/);
  await alex.page.getByRole('button', { name: 'hopeful', exact: true }).click();
  await alex.page.getByRole('button', { name: 'Continue' }).click();
  await alex.page.waitForURL(/\/notes\/[0-9a-f-]{36}\?created=1$/);
  const notePath = new URL(alex.page.url()).pathname;
  await expect(alex.page.getByTestId('sync-status')).toHaveText('Synced');
  await alex.page.getByRole('button', { name: 'Share with Sam' }).click();
  await expect(alex.page.getByText('Not acknowledged yet.')).toBeVisible();

  // The notice on Sam's journal sits inside the page column, edge to edge with the heading's column.
  const notice = sam.page.getByTestId('live-notices');
  await expect(notice).toContainText('Alex shared a note with you.');
  const noticeBox = (await notice.boundingBox())!;
  const columnBox = (await sam.page.getByRole('main').locator('h1').first().boundingBox())!;
  expect(Math.abs(noticeBox.x - columnBox.x)).toBeLessThanOrEqual(1);
  expect(noticeBox.x + noticeBox.width).toBeLessThanOrEqual(390 - columnBox.x + 1);
  expect(await overflowing(sam.page)).toEqual([]);
  await sam.page.screenshot({ path: screenshotPath('phone-notice') });

  const pages: Array<[string, string]> = [
    ['home', '/home'],
    ['space', '/space'],
    ['agreements', '/agreements'],
    ['agreement', agreementPath],
    ['history', `${agreementPath}/history`],
    ['compare', `${agreementPath}/history/compare`],
    ['versions', `${agreementPath}/versions`],
    ['notes', '/notes'],
    ['note', notePath],
    ['journal', '/journal'],
    ['conversations', '/conversations'],
    ['commitments', '/commitments'],
    ['amends', '/amends'],
    ['experiences', '/experiences'],
    ['account', '/account'],
  ];
  const problems: string[] = [];
  for (const [name, path] of pages) {
    await sam.page.goto(path);
    await expect(sam.page.getByRole('main')).toBeVisible();
    await sam.page.waitForLoadState('networkidle');
    for (const problem of await overflowing(sam.page)) problems.push(`${path}: ${problem}`);
    await sam.page.screenshot({ path: screenshotPath(`phone-${name}`), fullPage: true });
  }
  expect(problems).toEqual([]);
  await alex.context.close();
  await sam.context.close();
});
