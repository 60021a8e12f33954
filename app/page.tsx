import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getViewer } from './_lib/viewer';

export default async function Home({ searchParams }: { searchParams: Promise<{ deleted?: string }> }) {
  if (await getViewer()) redirect('/space');
  const deleted = (await searchParams).deleted;
  return (
    <main className="container narrow">
      {deleted ? <p className="notice notice-info" role="status">Your account and your private data have been deleted.</p> : null}
      <hgroup>
        <h1>Mend</h1>
        <p>A private, shared space for two partners rebuilding trust — at your own pace.</p>
      </hgroup>
      <ul>
        <li>Write boundary agreements together, live, and sign them when you both agree.</li>
        <li>Share how you feel when you are ready; keep a journal that is only yours.</li>
        <li>Hold structured, honest conversations where either of you can pause at any time.</li>
      </ul>
      <div className="grid">
        <Link href="/sign-up" role="button">Create an account</Link>
        <Link href="/sign-in" role="button" className="secondary outline">Sign in</Link>
      </div>
    </main>
  );
}
