/**
 * A couple with real content on every main page, and the list of those pages, for checks that walk
 * through all of Mend (accessibility, screenshots in light and dark, desktop and phone). Each piece of
 * content is made the way a person makes it, through the pages themselves.
 */
import type { Browser, Page } from '@playwright/test';
import { createSpace, expect, makeCouple, makeInviteLink, newPerson, signUp, type Person } from './fixtures';

export interface MainPage {
  /** A short name for reports and screenshot files. */
  name: string;
  path: string;
  /** Whose browser opens it: 'a' (Alex, who made the space), 'b' (Sam) or 'anonymous'. */
  who: 'a' | 'b' | 'anonymous';
}

async function expectSynced(page: Page): Promise<void> {
  await expect(page.getByTestId('sync-status')).toHaveText('Synced');
}

const pathOf = (page: Page) => new URL(page.url()).pathname;

/** Makes the couple and their content; returns both partners and every main page to visit. */
export async function coupleWithContent(browser: Browser, baseURL: string): Promise<{ a: Person; b: Person; pages: MainPage[] }> {
  const { a, b } = await makeCouple(browser, baseURL);
  a.page.on('dialog', (dialog) => void dialog.accept());
  b.page.on('dialog', (dialog) => void dialog.accept());

  // An agreement both have written in, with a version Alex proposed (so versions, its review and history have rows).
  await a.page.goto('/agreements');
  await a.page.getByRole('radio', { name: /^How we talk when upset/ }).check();
  await a.page.getByRole('button', { name: 'Start this agreement' }).click();
  await a.page.waitForURL(/\/agreements\/[0-9a-f-]{36}$/);
  await expectSynced(a.page);
  const agreement = pathOf(a.page);
  await a.page.locator('.collab-prose').click();
  await a.page.keyboard.press('Control+End');
  await a.page.keyboard.type(' We will try this for a month.');
  await b.page.goto(agreement);
  await expectSynced(b.page);
  await b.page.locator('.collab-prose').click();
  await b.page.keyboard.press('Control+Home');
  await b.page.keyboard.type('Agreed on a calm evening. ');
  await expect(a.page.locator('.collab-prose')).toContainText('Agreed on a calm evening.');
  await a.page.goto(`${agreement}/versions`);
  await a.page.getByRole('button', { name: 'Propose the current text as version 1' }).click();
  await expect(a.page.getByTestId('proposal')).toContainText('You proposed version 1.');

  // A note Alex shared with Sam.
  await a.page.goto('/notes');
  await a.page.getByRole('button', { name: 'Write a note' }).click();
  await a.page.getByRole('button', { name: 'hopeful', exact: true }).click();
  await a.page.getByLabel(/What I need/).fill('A quiet evening to talk, without phones.');
  await a.page.getByRole('button', { name: 'Continue' }).click();
  await a.page.waitForURL(/\/notes\/[0-9a-f-]{36}\?created=1$/);
  await expect(a.page.getByText('Only you can see this draft')).toBeVisible();
  const note = pathOf(a.page);
  await expectSynced(a.page);
  await a.page.locator('.collab-prose').click();
  await a.page.keyboard.type('We argued about the phone again and I went quiet.');
  await expect(a.page.locator('.collab-prose')).toContainText('I went quiet.');
  await a.page.getByRole('button', { name: 'Share with Sam' }).click();
  await expect(a.page.getByText('Not acknowledged yet.')).toBeVisible();

  // A journal entry of Alex's.
  await a.page.goto('/journal');
  await a.page.getByRole('button', { name: 'Start writing' }).click();
  await a.page.waitForURL(/\/journal\/[0-9a-f-]{36}$/);
  await expectSynced(a.page);
  const journalEntry = pathOf(a.page);
  await a.page.locator('.collab-prose').click();
  await a.page.keyboard.type('Slept badly. Walked by the river; it helped.');

  // A commitment of Alex's.
  await a.page.goto('/commitments');
  await a.page.getByLabel('I will …').fill('I will leave my phone in the hall after dinner');
  await a.page.getByRole('button', { name: 'Make this commitment' }).click();
  await a.page.waitForURL(/\/commitments\/[0-9a-f-]{36}\?created=1$/);
  const commitment = pathOf(a.page);

  // An amend Alex offered to Sam.
  await a.page.goto('/amends');
  await a.page.getByRole('button', { name: 'Write an amend' }).click();
  await a.page.waitForURL(/\/amends\/new$/);
  await a.page.getByLabel('What I did').fill('I read your messages while you slept, and then lied about it.');
  await a.page.getByLabel(/How I understand it affected you/).fill('I think it made our home feel unsafe.');
  await a.page.getByRole('button', { name: 'Save as a draft' }).click();
  await a.page.waitForURL(/\/amends\/[0-9a-f-]{36}\?created=1$/);
  const amend = pathOf(a.page);
  await a.page.getByRole('button', { name: 'Offer to Sam' }).click();
  await expect(a.page.getByRole('heading', { level: 1, name: 'Your amend' })).toBeVisible();

  // An idea on the shared list.
  await b.page.goto('/experiences');
  const addIdea = b.page.getByRole('form', { name: 'Add an idea' });
  await addIdea.getByLabel('What to do together').fill('Learn to make fresh pasta');
  await addIdea.getByRole('button', { name: 'Add to our list' }).click();
  await expect(b.page.getByTestId('ideas-list').getByRole('link', { name: 'Learn to make fresh pasta' })).toBeVisible();
  await b.page.getByTestId('ideas-list').getByRole('link', { name: 'Learn to make fresh pasta' }).click();
  await b.page.waitForURL(/\/experiences\/[0-9a-f-]{36}/);
  const experience = pathOf(b.page);

  // A conversation Alex proposed.
  await a.page.goto('/conversations');
  await a.page.getByLabel('Topic').fill('How we decide about money');
  await a.page.getByRole('button', { name: 'Propose this conversation' }).click();
  await expect(a.page.getByRole('heading', { name: 'Waiting for Sam' })).toBeVisible();
  await b.page.goto('/space');
  const conversation = (await b.page.getByRole('link', { name: 'Open the conversation' }).first().getAttribute('href')) ?? '/conversations';

  // An invite as the invited person first sees it, not signed in: from another couple's space (this
  // one holds two already), whose maker then leaves the stage.
  const robin = await newPerson(browser, baseURL, 'Robin');
  await signUp(robin);
  await createSpace(robin, 'Robin & Kim');
  const invite = new URL(await makeInviteLink(robin)).pathname;
  await robin.context.close();

  const pages: MainPage[] = [
    { name: 'landing', path: '/', who: 'anonymous' },
    { name: 'sign-in', path: '/sign-in', who: 'anonymous' },
    { name: 'sign-up', path: '/sign-up', who: 'anonymous' },
    { name: 'invite', path: invite, who: 'anonymous' },
    { name: 'home', path: '/home', who: 'b' },
    { name: 'space', path: '/space', who: 'a' },
    { name: 'agreements', path: '/agreements', who: 'a' },
    { name: 'agreement-editor', path: agreement, who: 'a' },
    { name: 'versions', path: `${agreement}/versions`, who: 'a' },
    { name: 'version-review', path: `${agreement}/versions/1`, who: 'b' },
    { name: 'history', path: `${agreement}/history`, who: 'a' },
    { name: 'notes', path: '/notes', who: 'b' },
    { name: 'note', path: note, who: 'b' },
    { name: 'journal', path: '/journal', who: 'a' },
    { name: 'journal-entry', path: journalEntry, who: 'a' },
    { name: 'commitments', path: '/commitments', who: 'a' },
    { name: 'commitment', path: commitment, who: 'b' },
    { name: 'amends', path: '/amends', who: 'b' },
    { name: 'amend', path: amend, who: 'b' },
    { name: 'experiences', path: '/experiences', who: 'a' },
    { name: 'experience', path: experience, who: 'a' },
    { name: 'memories', path: '/experiences/memories', who: 'b' },
    { name: 'conversations', path: '/conversations', who: 'b' },
    { name: 'conversation', path: conversation, who: 'b' },
    { name: 'account', path: '/account', who: 'a' },
  ];
  return { a, b, pages };
}
