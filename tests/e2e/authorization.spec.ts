/**
 * The access matrix across features, from the outside: what an anonymous visitor, a stranger (signed in,
 * with a space of their own) and the partner get from pages and route handlers. Each feature's own spec
 * covers its actions; this one checks that nothing signed-in is reachable without the right person.
 */
import { createSpace, expect, makeCouple, newPerson, signUp, test } from './fixtures';

const signedInPages = ['/space', '/agreements', '/notes', '/notes/new', '/journal', '/conversations', '/account'];

test('an anonymous visitor is sent to sign in from every signed-in page, and every route answers 401', async ({ browser, mendURL }) => {
  const visitor = await newPerson(browser, mendURL, 'Visitor');
  for (const path of signedInPages) {
    await visitor.page.goto(path);
    await expect(visitor.page).toHaveURL(`${mendURL}/sign-in?next=${encodeURIComponent(path)}`);
  }
  const request = visitor.context.request;
  expect((await request.get('/api/realtime/token?scope=socket')).status()).toBe(401);
  expect((await request.get('/api/realtime/token?documentId=7b0c1d7e-8f4a-4b55-9a43-0c2f5e6d7a81')).status()).toBe(401);
  const bad = await request.get('/api/realtime/token?documentId=../../etc');
  expect(bad.status()).toBe(400);
  expect(await bad.json()).toEqual({ error: { message: 'Ask for a token with ?documentId=<id> or ?scope=socket.' } });
  await visitor.context.close();
});

test('a stranger learns nothing of a couple’s agreement; the partner cannot reach a journal entry', async ({ browser, mendURL }) => {
  const { a: alex, b: sam } = await makeCouple(browser, mendURL);
  const stranger = await newPerson(browser, mendURL, 'Robin');
  await signUp(stranger);
  await createSpace(stranger, 'Robin’s space');

  await alex.page.goto('/agreements');
  await alex.page.getByLabel('Title').fill('Phones');
  await alex.page.getByRole('button', { name: 'Start this agreement' }).click();
  await alex.page.waitForURL(/\/agreements\/[0-9a-f-]{36}$/);
  const agreementPath = new URL(alex.page.url()).pathname;
  const agreementId = agreementPath.split('/').pop()!;

  await alex.page.goto('/journal');
  // The journal entry's document id is the room its editor connects to.
  const journalRoom = alex.page.waitForEvent('websocket', (socket) => socket.url().includes('/realtime/yjs/'));
  await alex.page.getByRole('button', { name: 'Start writing' }).click();
  await alex.page.waitForURL(/\/journal\/[0-9a-f-]{36}$/);
  const journalPath = new URL(alex.page.url()).pathname;
  const journalDocumentId = /\/realtime\/yjs\/([0-9a-f-]{36})/.exec((await journalRoom).url())![1]!;

  // The partner opens the agreement and gets a token for it; the stranger gets "not found" for both.
  expect((await sam.page.goto(agreementPath))?.status()).toBe(200);
  expect((await sam.context.request.get(`/api/realtime/token?documentId=${agreementId}`)).status()).toBe(200);
  for (const path of [agreementPath, `${agreementPath}/history`, journalPath]) {
    expect((await stranger.page.goto(path))?.status(), path).toBe(404);
  }
  expect((await stranger.context.request.get(`/api/realtime/token?documentId=${agreementId}`)).status()).toBe(404);

  // The journal is Alex's alone: the partner gets the same "not found" as for something that does not exist.
  expect((await sam.page.goto(journalPath))?.status()).toBe(404);
  await expect(sam.page.getByRole('heading', { name: 'Not found' })).toBeVisible();
  expect((await sam.context.request.get(`/api/realtime/token?documentId=${journalDocumentId}`)).status()).toBe(404);
  expect((await stranger.context.request.get(`/api/realtime/token?documentId=${journalDocumentId}`)).status()).toBe(404);
  expect((await alex.context.request.get(`/api/realtime/token?documentId=${journalDocumentId}`)).status()).toBe(200);

  // Signing out leaves no copy of the journal (or any document) in the browser's storage.
  await alex.page.goto(journalPath);
  await expect(alex.page.getByTestId('sync-status')).toHaveText('Synced');
  const deviceCopies = () => alex.page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name).filter((n) => n?.startsWith('mend-document-')));
  expect((await deviceCopies()).length).toBeGreaterThan(0);
  await alex.page.getByRole('button', { name: 'Sign out' }).click();
  await expect(alex.page.getByText('You are signed out.')).toBeVisible();
  expect(await deviceCopies()).toEqual([]);
  for (const person of [alex, sam, stranger]) await person.context.close();
});
