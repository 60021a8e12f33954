/**
 * Notices from the account page in Chromium: choosing what to be told (saved and shown again after a
 * reload); turning push on for this device as far as Chromium here allows (see below); storing and
 * removing a subscription through the app's own API; and the service worker showing a pushed notice.
 */
import { createECDH, randomBytes } from 'node:crypto';
import { expect, newPerson, screenshotPath, signUp, test } from './fixtures';

test('a person chooses notices in plain words; push for a device as far as Chromium here allows, the API round trip and the worker showing a notice', async ({ browser, baseURL }) => {
  const person = await newPerson(browser, baseURL!, 'Noor');
  await person.context.grantPermissions(['notifications'], { origin: baseURL! });
  const { page } = person;
  await signUp(person);
  await page.goto('/account');

  const section = page.getByRole('region', { name: 'Notices outside Mend' });
  await expect(section).toContainText('Nothing is sent until you choose it here.');
  // Everything is off until chosen.
  await expect(section.getByRole('checkbox', { checked: true })).toHaveCount(0);
  await section.getByRole('checkbox', { name: 'By email: My partner shared a note with me' }).check();
  await section.getByLabel('Quiet from', { exact: true }).fill('22:00');
  await section.getByLabel('Quiet until', { exact: true }).fill('07:00');
  await section.getByLabel('Your time zone').selectOption('Europe/Paris');
  await section.getByLabel('Name notices use for the app').fill('Weather');
  await section.getByRole('button', { name: 'Save notice choices' }).click();
  await expect(section.getByRole('status')).toHaveText('Saved. Notices will follow these choices from now on.');
  await page.reload();
  await expect(section.getByRole('checkbox', { name: 'By email: My partner shared a note with me' })).toBeChecked();
  await expect(section.getByRole('checkbox', { checked: true })).toHaveCount(1);
  await expect(section.getByLabel('Quiet from', { exact: true })).toHaveValue('22:00');
  await expect(section.getByLabel('Your time zone')).toHaveValue('Europe/Paris');
  await expect(section).toContainText('Something new is waiting for you in Weather');

  // Turning push on in this browser. Playwright's contexts are private (off-the-record) profiles,
  // where Chromium refuses push outright; in a normal profile here subscribe() never answers, because
  // there is no network to reach Google's push service. So what is exercised in the browser is the
  // refusal, said in plain words with nothing stored; the subscription round trip goes through the
  // app's own API with this person's cookie; and the service worker's push handler is driven by
  // DevTools' deliverPushMessage, as a push service would.
  const device = page.getByTestId('push-device');
  await expect(device).toHaveAttribute('data-status', 'off');
  await device.getByRole('button', { name: 'Turn on notices for this device' }).click();
  await expect(device.getByRole('alert')).toHaveText('This browser would not set up notices here (a private window cannot get them). Nothing was turned on.');
  await expect(device).toHaveAttribute('data-status', 'off');
  const none = await page.request.get('/api/push/subscription?endpoint=x');
  expect(await none.json()).toEqual({ subscribed: false, devices: 0 });
  await page.screenshot({ path: screenshotPath('push-notices-refused'), fullPage: true });

  // What pushManager.subscribe() would have produced: an https endpoint, a P-256 key and an auth secret.
  const endpoint = `https://push.example.com/send/${randomBytes(8).toString('hex')}`;
  const keys = { p256dh: createECDH('prime256v1').generateKeys().toString('base64url'), auth: randomBytes(16).toString('base64url') };
  const saved = await page.request.post('/api/push/subscription', { data: { endpoint, keys }, headers: { origin: baseURL! } });
  expect(saved.status()).toBe(201);
  expect(await (await page.request.get(`/api/push/subscription?endpoint=${encodeURIComponent(endpoint)}`)).json()).toEqual({ subscribed: true, devices: 1 });
  const removed = await page.request.delete('/api/push/subscription', { data: { endpoint }, headers: { origin: baseURL! } });
  expect(await removed.json()).toEqual({ removed: true });
  expect(await (await page.request.get(`/api/push/subscription?endpoint=${encodeURIComponent(endpoint)}`)).json()).toEqual({ subscribed: false, devices: 0 });

  // The service worker (/sw.js imports /push-sw.js) shows a pushed notice with its neutral words only.
  await page.evaluate(async () => {
    await navigator.serviceWorker.register('/sw.js', { scope: '/' });
    await navigator.serviceWorker.ready;
  });
  const cdp = await person.context.newCDPSession(page);
  const registrations: { registrationId: string; scopeURL: string }[] = [];
  cdp.on('ServiceWorker.workerRegistrationUpdated' as never, ((event: { registrations: typeof registrations }) => registrations.push(...event.registrations)) as never);
  await cdp.send('ServiceWorker.enable' as never);
  await expect.poll(() => registrations.find((r) => r.scopeURL === new URL('/', baseURL!).href)?.registrationId).toBeDefined();
  const registrationId = registrations.find((r) => r.scopeURL === new URL('/', baseURL!).href)!.registrationId;
  const payload = { title: 'Weather', body: 'Something new is waiting for you in Weather', url: '/', secret: 'Thaddeus feels afraid' };
  await cdp.send('ServiceWorker.deliverPushMessage' as never, { origin: new URL(baseURL!).origin, registrationId, data: JSON.stringify(payload) } as never);
  await expect
    .poll(() => page.evaluate(async () => (await (await navigator.serviceWorker.getRegistration('/'))!.getNotifications()).map((n) => ({ title: n.title, body: n.body, icon: n.icon }))))
    .toEqual([{ title: 'Weather', body: 'Something new is waiting for you in Weather', icon: new URL('/icons/icon-192.png', baseURL!).href }]);

  // The app's API refuses a subscription from someone signed out, and an endpoint that is not https.
  const signedOut = await browser.newContext({ baseURL: baseURL! });
  const refused = await signedOut.request.post('/api/push/subscription', { data: { endpoint: 'https://push.example.com/x', keys: { p256dh: 'a', auth: 'b' } }, headers: { origin: baseURL! } });
  expect(refused.status()).toBe(401);
  await signedOut.close();
  const plainHttp = await page.request.post('/api/push/subscription', {
    data: { endpoint: 'http://push.example.com/x', keys: { p256dh: Buffer.alloc(65, 4).toString('base64url'), auth: Buffer.alloc(16, 1).toString('base64url') } },
    headers: { origin: baseURL! },
  });
  expect(plainHttp.status()).toBe(400);
  expect(await plainHttp.json()).toEqual({ error: { message: 'The push endpoint must be an https address.' } });
  await person.context.close();
});
