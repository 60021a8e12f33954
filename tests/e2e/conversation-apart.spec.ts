/**
 * Partners who are apart, in two browsers with Chromium's fake microphone: the check-in from the
 * notes' vocabulary (fitting a phone's width), the reveal both see together, a voice call that
 * really connects peer to peer (RTCPeerConnection 'connected', the partner's audio track arriving)
 * and hangs up, the speaker's written words reaching the listener live, a gentle notice 30 seconds
 * before the turn ends, and a pause that ends the call on both screens.
 */
import { chromiumArgs, chromiumPath } from '../support/chromium';
import { expect, makeCouple, screenshotPath, test, type Person } from './fixtures';

test.use({
  launchOptions: {
    executablePath: chromiumPath,
    // A fake microphone (a tone) and no permission prompt; peers on this machine need no STUN server.
    args: [...chromiumArgs, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
  },
});

function acceptDialogs(person: Person) {
  person.page.on('dialog', (dialog) => void dialog.accept());
}

async function stepTitle(person: Person, text: string | RegExp, timeout?: number) {
  await expect(person.page.getByTestId('step-title')).toHaveText(text, { timeout });
}

/** Nothing on the page is wider than the window (no sideways scrolling on a phone). */
async function expectNoSidewaysScroll(person: Person) {
  const overflow = await person.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

/** The state of the partner's audio as the page's <audio> element holds it. */
function remoteAudio(person: Person) {
  return person.page.evaluate(() => {
    const audio = document.querySelector<HTMLAudioElement>('[data-testid="remote-audio"]');
    const stream = audio?.srcObject as MediaStream | null | undefined;
    const track = stream?.getAudioTracks()[0];
    return { tracks: stream?.getAudioTracks().length ?? 0, kind: track?.kind ?? null, state: track?.readyState ?? null };
  });
}

async function expectConnected(alex: Person, sam: Person) {
  for (const person of [alex, sam]) {
    await expect(person.page.getByTestId('call-panel')).toHaveAttribute('data-connection-state', 'connected', { timeout: 20_000 });
    await expect(person.page.getByTestId('call-panel')).toHaveAttribute('data-call-phase', 'connected');
    await expect.poll(() => remoteAudio(person)).toEqual({ tracks: 1, kind: 'audio', state: 'live' });
  }
}

test('partners apart: the reveal together, a voice call, the speaker’s words and a calm notice before the turn ends', async ({ browser, mendURL }) => {
  test.setTimeout(240_000);
  const { a: alex, b: sam } = await makeCouple(browser, mendURL);
  for (const person of [alex, sam]) {
    acceptDialogs(person);
    await person.context.grantPermissions(['microphone'], { origin: mendURL });
  }
  await alex.page.goto('/conversations');
  await sam.page.goto('/conversations');
  await alex.page.getByLabel('Topic').fill('Living in two cities for now');
  await alex.page.getByLabel('Length of each turn').selectOption('1');
  await alex.page.getByRole('button', { name: 'Propose this conversation' }).click();
  await sam.page.getByRole('button', { name: 'Start now' }).click();
  await alex.page.getByRole('button', { name: 'I am here, let us begin' }).click();

  // The check-in offers the notes' vocabulary by family; on a phone every chip stays on the card.
  await stepTitle(sam, 'Check in');
  await expect(sam.page.getByText('Hope', { exact: true })).toBeVisible();
  await sam.page.setViewportSize({ width: 390, height: 844 });
  await sam.page.getByLabel('guilty').check();
  await sam.page.getByLabel('tender').check();
  await sam.page.getByRole('radio', { name: '2, somewhat' }).check();
  await expectNoSidewaysScroll(sam);
  const card = await sam.page.locator('.conversation-step').boundingBox();
  for (const chip of await sam.page.locator('.conv-intensity .conv-chip').all()) {
    const box = (await chip.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(card!.x + card!.width);
  }
  await sam.page.screenshot({ path: screenshotPath('apart-check-in-phone'), fullPage: true });
  await alex.page.getByLabel('let down').check();
  await alex.page.getByLabel('hopeful').check();
  await alex.page.getByRole('radio', { name: '4, very' }).check();
  await alex.page.screenshot({ path: screenshotPath('apart-check-in'), fullPage: true });
  // Dark mode follows the system: the family colours stay readable on the dark card.
  await alex.page.emulateMedia({ colorScheme: 'dark' });
  await alex.page.screenshot({ path: screenshotPath('apart-check-in-dark'), fullPage: true });
  await alex.page.emulateMedia({ colorScheme: 'light' });
  await alex.page.getByRole('button', { name: 'Check in' }).click();
  await sam.page.getByRole('button', { name: 'Check in' }).click();

  // The reveal: both screens show both check-ins at the same moment, before the first turn's time runs.
  await Promise.all([expect(alex.page.getByTestId('check-in-reveal')).toBeVisible(), expect(sam.page.getByTestId('check-in-reveal')).toBeVisible()]);
  await expect(alex.page.getByTestId('check-in-reveal').getByTestId('check-in-partner')).toContainText('guilty');
  await expect(sam.page.getByTestId('check-in-reveal').getByTestId('check-in-partner')).toContainText('let down');
  await expect(sam.page.getByTestId('check-in-reveal')).toContainText('4/5 · very');
  await expect(alex.page.getByText(/^You speak first, in \d seconds?\.$/)).toBeVisible();
  await expect(sam.page.getByText(/^Alex speaks first, in \d seconds?\.$/)).toBeVisible();
  await expectNoSidewaysScroll(sam);
  await alex.page.screenshot({ path: screenshotPath('apart-reveal'), fullPage: true });
  await sam.page.screenshot({ path: screenshotPath('apart-reveal-phone'), fullPage: true });
  // Then the floor, with both check-ins still in view, and the whole minute for Alex.
  await expect(alex.page.getByTestId('role-banner')).toContainText('You are speaking', { timeout: 15_000 });
  await expect(alex.page.getByTestId('turn-timer')).toHaveText(/^(1:00|0:5\d)$/);
  await expect(sam.page.getByRole('region', { name: 'How you both checked in' }).getByTestId('check-in-partner')).toContainText('hopeful');

  // A voice call: Alex calls, Sam joins; the browsers connect to each other and each hears the other.
  await alex.page.getByRole('button', { name: 'Start a voice call' }).click();
  await expect(alex.page.getByTestId('call-panel')).toContainText('Waiting for Sam to join');
  await expect(sam.page.getByRole('heading', { name: 'Alex would like to talk by voice' })).toBeVisible();
  await sam.page.getByRole('button', { name: 'Join the call' }).click();
  await expectConnected(alex, sam);
  await expect(alex.page.getByRole('heading', { name: 'In a call with Sam' })).toBeVisible();
  await alex.page.getByRole('button', { name: 'Mute' }).click();
  await expect(alex.page.getByRole('button', { name: 'Unmute' })).toHaveAttribute('aria-pressed', 'true');
  await expect(alex.page.getByTestId('call-panel')).toContainText('you are muted');
  await alex.page.getByRole('button', { name: 'Unmute' }).click();

  // The speaker writes; the listener reads it as it is typed, and both are told it is not kept.
  await expect(sam.page.getByTestId('speaker-words-empty')).toBeVisible();
  await alex.page.getByRole('textbox', { name: 'Your words for Sam' }).pressSequentially('I miss the evenings ', { delay: 20 });
  await expect(sam.page.getByTestId('speaker-words')).toHaveText('I miss the evenings');
  await alex.page.getByRole('textbox', { name: 'Your words for Sam' }).pressSequentially('when we cooked together.', { delay: 20 });
  await expect(sam.page.getByTestId('speaker-words')).toHaveText('I miss the evenings when we cooked together.');
  await expect(sam.page.getByText('Not saved: you see these words live, and they are gone once the floor passes.')).toBeVisible();
  // A listener who reloads gets the words so far again (from Alex's page, not from any store).
  await sam.page.reload();
  await expect(sam.page.getByTestId('speaker-words')).toHaveText('I miss the evenings when we cooked together.');
  // The reload dropped Sam's side of the call; Alex's page sees it end rather than hang.
  await expect(alex.page.getByTestId('call-panel')).toHaveAttribute('data-call-phase', 'idle', { timeout: 20_000 });
  await sam.page.getByRole('button', { name: 'Start a voice call' }).click();
  await alex.page.getByRole('button', { name: 'Join the call' }).click();
  await expectConnected(alex, sam);
  await alex.page.screenshot({ path: screenshotPath('apart-floor-call-speaker'), fullPage: true });
  await alex.page.emulateMedia({ colorScheme: 'dark' });
  await alex.page.screenshot({ path: screenshotPath('apart-floor-call-speaker-dark'), fullPage: true });
  await alex.page.emulateMedia({ colorScheme: 'light' });
  await sam.page.screenshot({ path: screenshotPath('apart-floor-call-listener-phone'), fullPage: true });

  // Thirty seconds before the turn ends, a gentle word to both.
  await expect(alex.page.getByTestId('turn-ending-notice')).toHaveText('About 30 seconds left. There is time to finish your thought.', { timeout: 45_000 });
  await expect(sam.page.getByTestId('turn-ending-notice')).toHaveText('About 30 seconds left in Alex’s turn.');
  await alex.page.screenshot({ path: screenshotPath('apart-turn-notice'), fullPage: true });

  // Either can hang up; it ends on both screens and the partner's audio goes.
  await sam.page.getByRole('button', { name: 'Hang up' }).click();
  await expect(alex.page.getByTestId('call-panel')).toContainText('Sam hung up.');
  for (const person of [alex, sam]) {
    await expect(person.page.getByTestId('call-panel')).toHaveAttribute('data-call-phase', 'idle');
    expect(await remoteAudio(person)).toEqual({ tracks: 0, kind: null, state: null });
  }

  // The turn ends; the listener still reads the words while reflecting, under a label said once.
  await stepTitle(sam, 'Say back what you heard', 45_000);
  await expect(sam.page.getByTestId('speaker-words')).toHaveText('I miss the evenings when we cooked together.');
  await expect(sam.page.getByLabel('What I heard is…')).toHaveAttribute('placeholder', /^…that you/);
  await sam.page.getByLabel('What I heard is…').fill('What I heard is that you miss our evenings cooking.');
  await sam.page.getByRole('button', { name: 'Share my reflection' }).click();
  await expect(alex.page.getByTestId('reflection')).toHaveText('What I heard is that you miss our evenings cooking.');

  // A pause is time apart: a call going on ends on both screens.
  await alex.page.getByRole('button', { name: 'Start a voice call' }).click();
  await sam.page.getByRole('button', { name: 'Join the call' }).click();
  await expectConnected(alex, sam);
  await sam.page.getByRole('button', { name: 'Pause', exact: true }).click();
  await sam.page.getByRole('button', { name: 'Pause now' }).click();
  for (const person of [alex, sam]) {
    await stepTitle(person, 'Paused');
    await expect(person.page.getByTestId('call-panel')).toHaveAttribute('data-call-phase', 'idle');
    await expect(person.page.getByTestId('call-panel')).toContainText('The call ended with the pause');
    await expect(person.page.getByRole('button', { name: 'Start a voice call' })).toBeDisabled();
  }
  await sam.page.screenshot({ path: screenshotPath('apart-paused-call-ended-phone'), fullPage: true });
  await alex.page.getByRole('button', { name: 'End for both of us' }).click();
  await stepTitle(sam, 'The conversation has ended');
  await expect(sam.page.getByTestId('call-panel')).toHaveCount(0);
  await alex.context.close();
  await sam.context.close();
});
