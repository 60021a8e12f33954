import { createSpace, expect, makeInviteLink, newPerson, screenshotPath, signUp, test } from './fixtures';

test('a couple forms a space through an invite; nobody else can join', async ({ browser, mendURL }) => {
  const alex = await newPerson(browser, mendURL, 'Alex');
  const sam = await newPerson(browser, mendURL, 'Sam');
  const third = await newPerson(browser, mendURL, 'Robin');

  await signUp(alex);
  await expect(alex.page.getByRole('heading', { name: 'Create your space' })).toBeVisible();
  await alex.page.screenshot({ path: screenshotPath('space-create'), fullPage: true });
  // Before there is a space, every part of it says where to go instead.
  for (const [path, title] of [['/agreements', 'Agreements'], ['/notes', 'Notes'], ['/conversations', 'Conversations']]) {
    await alex.page.goto(path!);
    await expect(alex.page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expect(alex.page.getByRole('main').getByRole('link', { name: 'Create your space' })).toHaveAttribute('href', '/space');
  }
  // The journal is the person's own: it opens with no space at all.
  await alex.page.goto('/journal');
  await expect(alex.page.getByRole('heading', { level: 1, name: 'My journal' })).toBeVisible();
  await expect(alex.page.getByRole('button', { name: 'Start writing' })).toBeVisible();
  await alex.page.goto('/space');
  await createSpace(alex, 'Alex & Sam');
  const link = await makeInviteLink(alex);
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
  await alex.page.screenshot({ path: screenshotPath('space-invite-panel'), fullPage: true });

  // Sam opens the link while signed out, signs up from it and joins.
  await sam.page.goto(link);
  await expect(sam.page.getByRole('heading', { name: 'Alex invited you to Mend' })).toBeVisible();
  await sam.page.screenshot({ path: screenshotPath('invite-landing'), fullPage: true });
  await sam.page.getByRole('button', { name: 'Create an account to join' }).click();
  await sam.page.getByLabel('Your name').fill(sam.name);
  await sam.page.getByLabel('Email').fill(sam.email);
  await sam.page.getByLabel('Password').fill(sam.password);
  await sam.page.getByRole('button', { name: 'Create account' }).click();
  await sam.page.getByRole('button', { name: 'Join “Alex & Sam”' }).click();
  await sam.page.waitForURL(/\/space/);

  for (const page of [alex.page, sam.page]) {
    await page.goto('/space');
    await expect(page.getByTestId('members')).toContainText('Alex');
    await expect(page.getByTestId('members')).toContainText('Sam');
  }
  await expect(sam.page.getByTestId('activity')).toContainText('You joined the space.');
  await sam.page.screenshot({ path: screenshotPath('space-both-members'), fullPage: true });

  // The used link refuses a third person, with a clear page.
  await signUp(third);
  await third.page.goto(link);
  await expect(third.page.getByRole('heading', { name: 'This invite has already been used' })).toBeVisible();
  await third.page.screenshot({ path: screenshotPath('invite-used'), fullPage: true });

  for (const person of [alex, sam, third]) await person.context.close();
});

test('a withdrawn link is refused', async ({ browser, mendURL }) => {
  const alex = await newPerson(browser, mendURL, 'Alex');
  const sam = await newPerson(browser, mendURL, 'Sam');
  await signUp(alex);
  await createSpace(alex, 'Ours');
  const link = await makeInviteLink(alex);
  await alex.page.goto('/space');
  await alex.page.getByRole('button', { name: 'Withdraw link' }).click();
  await expect(alex.page.getByRole('button', { name: 'Withdraw link' })).toHaveCount(0);
  await signUp(sam);
  await sam.page.goto(link);
  await expect(sam.page.getByRole('heading', { name: 'This invite was withdrawn' })).toBeVisible();
  await sam.page.screenshot({ path: screenshotPath('invite-revoked'), fullPage: true });
  await alex.context.close();
  await sam.context.close();
});

test('sign-in errors are clear, and the form keeps what was typed', async ({ browser, mendURL }) => {
  const alex = await newPerson(browser, mendURL, 'Alex');
  await signUp(alex);
  await alex.page.getByRole('button', { name: 'Sign out' }).click();
  await expect(alex.page.getByText('You are signed out.')).toBeVisible();
  await alex.page.getByLabel('Email').fill(alex.email);
  await alex.page.getByLabel('Password').fill('not the password');
  await alex.page.getByRole('button', { name: 'Sign in' }).click();
  await expect(alex.page.getByRole('alert').filter({ hasText: 'do not match' })).toBeVisible();
  await expect(alex.page.getByLabel('Email')).toHaveValue(alex.email);
  await alex.page.getByLabel('Password').fill(alex.password);
  await alex.page.getByRole('button', { name: 'Sign in' }).click();
  await expect(alex.page.getByRole('heading', { name: 'Create your space' })).toBeVisible();

  // Sign-up validation shows field messages.
  const other = await newPerson(browser, mendURL, 'Other');
  await other.page.goto('/sign-up');
  await other.page.getByLabel('Email').fill('not-an-email');
  await other.page.getByLabel('Password').fill('short');
  await other.page.getByRole('button', { name: 'Create account' }).click();
  await expect(other.page.getByText('Enter the name your partner knows you by.')).toBeVisible();
  await expect(other.page.getByText('Enter an email address like name@example.com.')).toBeVisible();
  await expect(other.page.getByText('Use at least 10 characters.')).toBeVisible();
  await other.page.screenshot({ path: screenshotPath('sign-up-errors'), fullPage: true });
  await alex.context.close();
  await other.context.close();
});

test('quick exit leaves at once, and signed-in pages need a session', async ({ browser, mendURL }) => {
  const alex = await newPerson(browser, mendURL, 'Alex');
  await alex.page.goto('/space');
  await expect(alex.page).toHaveURL(/\/sign-in\?next=%2Fspace/);
  await signUp(alex);
  await alex.page.getByRole('button', { name: 'Quick exit' }).click();
  await alex.page.waitForURL((url) => !url.href.startsWith(mendURL));
  const missing = await alex.page.goto(`${mendURL}/no-such-page`);
  expect(missing?.status()).toBe(404);
  await expect(alex.page.getByRole('heading', { name: 'Not found' })).toBeVisible();
  await alex.context.close();
});
