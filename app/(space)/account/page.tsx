import type { Metadata } from 'next';
import { getViewerProfile } from '../../_lib/viewer';
import { DeleteAccountForm } from './delete-account-form';

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
      <section className="card" aria-labelledby="delete-heading">
        <h2 id="delete-heading">Delete your account</h2>
        <p>
          This deletes your account and everything private to you — your journal and your drafts — for good. Your partner keeps the
          agreements and notes you shared. It cannot be undone.
        </p>
        <DeleteAccountForm />
      </section>
    </main>
  );
}
