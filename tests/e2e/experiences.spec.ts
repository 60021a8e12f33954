/**
 * Shared experiences with two partners in their own browsers: an idea from a suggestion appears live
 * for the other, is planned (a past time refused, in words), marked done, and each adds a memory with
 * a photo made here with sharp (a JPEG with a GPS location, a PNG); a text file named .jpg is refused.
 * The memories view shows both side by side; the photo is 404 for a stranger and needs signing in.
 */
import sharp from 'sharp';
import { expect, makeCouple, newPerson, screenshotPath, signUp, test, type Person } from './fixtures';

async function shoot(person: Person, name: string): Promise<void> {
  const { page } = person;
  await page.setViewportSize({ width: 1200, height: 820 });
  await page.screenshot({ path: screenshotPath(`${name}-desktop`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: screenshotPath(`${name}-phone`), fullPage: true });
  await page.setViewportSize({ width: 1200, height: 820 });
}

/** A local datetime-local value `days` from now at `hour`:00. */
function localInput(days: number, hour: number): string {
  const date = new Date();
  date.setDate(date.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(hour)}:00`;
}

test('experiences: plan one from a suggestion, do it, and each add a memory with a photo; a stranger cannot fetch the photo', async ({ browser, mendURL }) => {
  test.setTimeout(180_000);
  const { a: alex, b: sam } = await makeCouple(browser, mendURL);
  const sunrise = 'Watch a sunrise together';

  await sam.page.goto('/experiences');
  await expect(sam.page.getByText('No ideas yet.')).toBeVisible();

  await alex.page.goto('/experiences');
  await expect(alex.page.getByTestId('suggestions')).toBeVisible();
  await shoot(alex, 'experiences-empty');
  await alex.page.getByRole('button', { name: `Add “${sunrise}” to our list` }).click();
  await expect(alex.page.getByTestId('ideas-list').getByRole('link', { name: sunrise })).toBeVisible();
  // Sam's open page follows without a reload.
  await expect(sam.page.getByTestId('ideas-list').getByRole('link', { name: sunrise })).toBeVisible();
  await expect(sam.page.getByTestId('live-notice')).toContainText('Alex added an idea.');

  // Sam adds one of their own; a link that is not a web address is refused in words.
  const addForm = sam.page.getByRole('form', { name: 'Add an idea' });
  await addForm.getByLabel('What to do together').fill('Learn to make fresh pasta');
  await addForm.getByLabel(/A link/).fill('javascript:alert(1)');
  await addForm.getByRole('button', { name: 'Add to our list' }).click();
  await expect(addForm.getByText('Only web links (starting with https:// or http://) can be added.')).toBeVisible();
  await addForm.getByLabel(/A link/).fill('https://example.com/pasta');
  await addForm.getByRole('button', { name: 'Add to our list' }).click();
  await expect(sam.page.getByTestId('ideas-list').getByRole('link', { name: 'Learn to make fresh pasta' })).toBeVisible();

  // Edit in place: Alex makes the suggestion their own.
  const item = alex.page.getByTestId('experience-item').filter({ hasText: sunrise });
  await item.getByText('Edit', { exact: true }).click();
  await item.getByLabel(/Notes/).fill('From the hill behind the station, with the red flask.');
  await item.getByRole('button', { name: 'Save' }).click();
  await expect(item.locator('.experience-notes')).toHaveText('From the hill behind the station, with the red flask.');
  await expect(item.getByLabel(/Notes/)).toBeHidden();
  await shoot(alex, 'experiences-list');

  // Plan it: a time in the past is refused with a clear message, then tomorrow at 06:00 (written the reader’s way: 06:00 or 6:00 AM).
  await item.getByRole('link', { name: sunrise }).click();
  await alex.page.waitForURL(/\/experiences\/[0-9a-f-]{36}$/);
  const experiencePath = new URL(alex.page.url()).pathname;
  await expect(alex.page.getByText(/In your time zone/)).toBeVisible();
  await alex.page.getByLabel('When').fill(localInput(-1, 6));
  await alex.page.getByRole('button', { name: 'Plan it' }).click();
  await expect(alex.page.getByText('That time has already passed. Choose a day and time in the future.')).toBeVisible();
  await alex.page.getByLabel('When').fill(localInput(1, 6));
  await alex.page.getByRole('button', { name: 'Plan it' }).click();
  await expect(alex.page.getByTestId('planned-for')).toContainText(/Planned for .*\b0?6:00/);
  await expect(sam.page.getByTestId('planned-list').getByRole('link', { name: sunrise })).toBeVisible();
  await shoot(alex, 'experience-planned');

  // Sam marks it done; Alex's open page shows the memories section live.
  await sam.page.goto(experiencePath);
  await sam.page.getByRole('button', { name: 'We did it' }).click();
  await expect(sam.page.getByTestId('done-on')).toBeVisible();
  await expect(alex.page.getByTestId('memories-pair')).toBeVisible();

  // Alex: a text file named .jpg is refused and nothing is saved; then a phone photo with GPS.
  const myMemory = alex.page.getByTestId('my-memory');
  await myMemory.getByLabel('A few lines, in your own words').fill('The sky went pink before the sun came up, and we were both quiet.');
  await myMemory.getByLabel(/A photo/).setInputFiles({ name: 'holiday.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('not a photo at all, only words\n'.repeat(40)) });
  await myMemory.getByRole('button', { name: 'Add my memory' }).click();
  await expect(myMemory.getByText('That file is not a photo Mend can read. Please choose a JPEG, PNG or WebP image.').first()).toBeVisible();
  await expect(sam.page.getByTestId('memories-pair').getByText('The sky went pink')).toHaveCount(0);
  const phonePhoto = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: { r: 240, g: 160, b: 120 } } })
    .composite([{ input: { create: { width: 400, height: 400, channels: 3, background: { r: 250, g: 220, b: 90 } } }, top: 500, left: 600 }])
    .jpeg()
    .withExif({ IFD0: { Make: 'PhoneCo' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '0/1 7/1 0/1' } })
    .toBuffer();
  expect(phonePhoto.includes(Buffer.from('Exif'))).toBe(true);
  await myMemory.getByLabel(/A photo/).setInputFiles({ name: 'sunrise.jpg', mimeType: 'image/jpeg', buffer: phonePhoto });
  await myMemory.getByRole('button', { name: 'Add my memory' }).click();
  await expect(myMemory.getByText('Your memory is saved. Your partner can read it.')).toBeVisible();
  await expect(myMemory.locator('img.memory-photo')).toBeVisible();

  // The upload route on the wire: over 5 MB is refused in words before anything is read into a
  // memory; another site cannot post with Alex's cookie; the memory is unchanged.
  const memoryRoute = `${experiencePath}/memory`;
  const tooBig = await alex.page.request.post(memoryRoute, {
    headers: { origin: mendURL },
    multipart: { text: 'Replaced words', photo: { name: 'big.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(6 * 1024 * 1024, 1) } },
  });
  expect(tooBig.status()).toBe(413);
  expect((await tooBig.json()).error.fieldErrors.photo[0]).toMatch(/larger than 5 MB/);
  const crossSite = await alex.page.request.post(memoryRoute, { headers: { origin: 'https://elsewhere.example' }, multipart: { text: 'Replaced words' } });
  expect(crossSite.status()).toBe(403);
  await alex.page.reload();
  await expect(myMemory.getByLabel('A few lines, in your own words')).toHaveValue('The sky went pink before the sun came up, and we were both quiet.');

  // Sam sees Alex's memory live, then adds their own with a PNG.
  const samSide = sam.page.getByTestId('memories-pair');
  await expect(samSide.getByText('The sky went pink')).toBeVisible();
  const png = await sharp({ create: { width: 900, height: 1200, channels: 4, background: { r: 90, g: 140, b: 200, alpha: 1 } } }).png().toBuffer();
  const samMemory = sam.page.getByTestId('my-memory');
  await samMemory.getByLabel('A few lines, in your own words').fill('Alex brought the red flask. I want to go back in the autumn.');
  await samMemory.getByLabel(/A photo/).setInputFiles({ name: 'hill.png', mimeType: 'image/png', buffer: png });
  await samMemory.getByRole('button', { name: 'Add my memory' }).click();
  await expect(samMemory.getByText('Your memory is saved. Your partner can read it.')).toBeVisible();
  await expect(alex.page.getByTestId('memories-pair').getByText('Alex brought the red flask.')).toBeVisible();
  await shoot(sam, 'experience-memories-both');

  // The memories view: both side by side, photos loaded.
  await alex.page.goto('/experiences/memories');
  const entry = alex.page.getByTestId('memory-entry').filter({ hasText: sunrise });
  const sides = entry.getByTestId('memory');
  await expect(sides).toHaveCount(2);
  await expect(sides.nth(0)).toContainText('The sky went pink');
  await expect(sides.nth(1)).toContainText('Alex brought the red flask.');
  const images = entry.locator('img.memory-photo');
  await expect(images).toHaveCount(2);
  for (const image of await images.all()) await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  await shoot(alex, 'experiences-memories');

  // The stored photo as served: WebP, private, no EXIF; a stranger gets 404, no session 401.
  const photoUrl = (await images.nth(0).getAttribute('src'))!;
  expect(photoUrl).toMatch(/^\/experiences\/photos\/[0-9a-f-]{36}$/);
  const served = await alex.page.request.get(photoUrl);
  expect(served.status()).toBe(200);
  expect(served.headers()['content-type']).toBe('image/webp');
  expect(served.headers()['cache-control']).toBe('private, no-store');
  const bytes = await served.body();
  expect(bytes.includes(Buffer.from('Exif'))).toBe(false);
  expect((await sharp(bytes).metadata()).exif).toBeUndefined();
  expect((await sam.page.request.get(photoUrl)).status()).toBe(200);

  const stranger = await newPerson(browser, mendURL, 'Stranger');
  await signUp(stranger);
  const forStranger = await stranger.page.request.get(photoUrl);
  expect(forStranger.status()).toBe(404);
  expect((await forStranger.body()).includes(bytes.subarray(0, 64))).toBe(false);
  const strangerPage = await stranger.page.goto(experiencePath);
  expect(strangerPage?.status()).toBe(404);
  const anonymous = await browser.newContext({ baseURL: mendURL });
  expect((await anonymous.request.get(photoUrl)).status()).toBe(401);
  await anonymous.close();
  await stranger.context.close();
  await alex.context.close();
  await sam.context.close();
});
