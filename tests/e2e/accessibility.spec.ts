/**
 * Every main page, as two partners with real content see it, passes axe-core with no serious or
 * critical problem: on a laptop in the light theme and on a phone (390 px) in the dark one, so both
 * themes and both layouts are checked in one walk. Moderate findings are printed, not failed.
 * On the way, what a phone needs on every page: Quick exit is the first Tab stop, the header is one
 * slim row, and the notes filter folds away on a phone but is open on a laptop.
 * A screenshot of each page in each variant lands in test-results/screenshots/a11y-*.png.
 */
import { describeFindings, findAccessibilityProblems } from './accessibility-check';
import { expect, screenshotPath, test } from './fixtures';
import { coupleWithContent } from './main-pages';

const variants = [
  { label: 'desktop-light', width: 1200, height: 820, colorScheme: 'light' as const },
  { label: 'phone-dark', width: 390, height: 844, colorScheme: 'dark' as const },
];

test('every main page has no serious or critical accessibility problem, light and dark, desktop and phone', async ({ browser, mendURL }) => {
  test.setTimeout(420_000);
  const { a, b, pages } = await coupleWithContent(browser, mendURL);
  const anonymous = await browser.newContext({ baseURL: mendURL });
  const pageOf = { a: a.page, b: b.page, anonymous: await anonymous.newPage() };

  const blocking: string[] = [];
  const other: string[] = [];
  for (const variant of variants) {
    for (const page of Object.values(pageOf)) {
      await page.setViewportSize({ width: variant.width, height: variant.height });
      await page.emulateMedia({ colorScheme: variant.colorScheme });
    }
    for (const { name, path, who } of pages) {
      const page = pageOf[who];
      const response = await page.goto(path);
      expect(response?.status(), `${path} opens`).toBeLessThan(400);
      // Let the live parts (editor, presence, live lists) settle before looking.
      await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
      await page.keyboard.press('Tab');
      await expect(page.getByRole('button', { name: 'Quick exit' }), `Quick exit is the first Tab stop on ${path}`).toBeFocused();
      const header = await page.locator('header.site-header').boundingBox({ timeout: 1_000 }).catch(() => null);
      if (header && variant.width < 500) expect(header.height, `the header on ${path} is one slim row`).toBeLessThan(60);
      if (name === 'notes') {
        const phone = variant.width < 500;
        await expect(page.getByRole('combobox', { name: 'Feeling' })).toBeVisible({ visible: !phone });
        await expect(page.locator('summary', { hasText: 'Filter' })).toBeVisible({ visible: phone });
        if (phone) await expect(page.getByTestId('note-list')).toBeInViewport();
      }
      const found = await findAccessibilityProblems(page);
      if (found.blocking.length) blocking.push(describeFindings(`${name} (${variant.label})`, found.blocking));
      if (found.other.length) other.push(describeFindings(`${name} (${variant.label})`, found.other));
      await page.screenshot({ path: screenshotPath(`a11y-${name}-${variant.label}`), fullPage: true });
    }
  }
  if (other.length) console.log(`Moderate or minor findings (not failing):\n${other.join('\n')}`);
  expect(blocking, `Serious or critical accessibility problems:\n${blocking.join('\n')}`).toEqual([]);
  await anonymous.close();
});
