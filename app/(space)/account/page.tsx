import type { Metadata } from 'next';
import { getViewerProfile } from '../../_lib/viewer';
import { DeleteAccountForm } from './delete-account-form';
import { NoticePreferencesSection } from './notice-preferences-section';
import { ChangeEmailForm, ChangeNameForm, ChangePasswordForm } from './profile-forms';
import { SessionsSection } from './sessions-section';
import { TwoFactorSection } from './two-factor-section';

export const metadata: Metadata = { title: 'Your account' };

export default async function AccountPage() {
  const profile = (await getViewerProfile())!;
  return (
    <main className="container narrow">
      <h1>Your account</h1>
      <section className="card">
        <p>
          Signed in as <strong>{profile.name}</strong> ({profile.email}).
        </p>
      </section>
      <section className="card" aria-labelledby="name-heading">
        <h2 id="name-heading">Your name</h2>
        <ChangeNameForm name={profile.name} />
      </section>
      <section className="card" aria-labelledby="email-heading">
        <h2 id="email-heading">Email address</h2>
        <p>
          We send a link to the new address; it changes once you open that link here. Your current address is told that a change was asked for.
        </p>
        <ChangeEmailForm />
      </section>
      <section className="card" aria-labelledby="password-heading">
        <h2 id="password-heading">Password</h2>
        <ChangePasswordForm />
      </section>
      <TwoFactorSection />
      <SessionsSection />
      <NoticePreferencesSection />
      <section className="card" aria-labelledby="delete-heading">
        <h2 id="delete-heading">Delete your account</h2>
        <p>It cannot be undone. If you delete your account:</p>
        <ul data-testid="delete-consequences">
          <li>Everything private to you goes for good: your journal, your drafts, notes you retracted, and any check-in your partner never saw.</li>
          <li>
            If you are in a space, it closes. Your partner keeps what you shared with them (agreements, signed versions, shared notes and
            replies), shown as written by “Former partner (account deleted)”.
          </li>
          <li>You are signed out everywhere, and your email address can be used for a new account.</li>
        </ul>
        <p>
          You may want to <a href="/journal/export">export your journal</a> first.
        </p>
        <DeleteAccountForm />
      </section>
    </main>
  );
}
