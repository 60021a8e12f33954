import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getViewer } from './_lib/viewer';
import styles from './_components/landing/landing.module.css';

/**
 * The front door for someone signed out: what Mend is, what the partner can and cannot see, and how it
 * works. Every privacy sentence here is a promise the server keeps (server/access/authorization.ts,
 * docs/relationship-life.md) and tests/e2e/home.spec.ts reads them; change them together.
 */
export default async function Landing({ searchParams }: { searchParams: Promise<{ deleted?: string }> }) {
  if (await getViewer()) redirect('/home');
  const deleted = (await searchParams).deleted;
  return (
    <>
      <header className={styles.header}>
        <Link href="/" className={styles.brand}>
          Mend
        </Link>
        <Link href="/sign-in">Sign in</Link>
      </header>
      <main className={`container ${styles.landing}`}>
        {deleted ? (
          <p className="notice notice-info" role="status">
            Your account and your private data have been deleted.
          </p>
        ) : null}
        <section className={styles.hero} aria-labelledby="landing-title">
          <h1 id="landing-title">A private place for two people rebuilding trust</h1>
          <p className={styles.lead}>
            Mend is a shared space for partners after a betrayal: agreements you write and sign together, feelings you share when you are ready, and
            conversations where either of you can pause. Nothing is rushed, nothing is scored.
          </p>
          <div className={styles.actions}>
            <Link href="/sign-up" role="button">
              Create an account
            </Link>
            <Link href="/sign-in" role="button" className="secondary outline">
              Sign in
            </Link>
          </div>
          <p className={styles.small}>Each of you has your own account. A space holds the two of you and no one else.</p>
        </section>

        <section className={styles.section} aria-labelledby="privacy-heading" data-testid="landing-privacy">
          <h2 id="privacy-heading">What your partner can and cannot see</h2>
          <div className={styles.columns}>
            <div className={styles.column}>
              <h3>Never</h3>
              <ul>
                <li>Your journal. It is yours alone, always, even if you leave the space.</li>
                <li>A note or an amend while it is a draft. Only what you choose to share reaches your partner.</li>
                <li>How you feel at the start of a conversation, until you have both chosen.</li>
                <li>Your view on a commitment, until you have both given yours or its time has passed.</li>
                <li>What you read, or when. Your partner is never told, and Mend never tracks where you are.</li>
              </ul>
            </div>
            <div className={styles.column}>
              <h3>Only what you share</h3>
              <ul>
                <li>Notes once you share them. You can take one back; then your partner only sees that a note was retracted.</li>
                <li>The agreements you write together, every change in them and who made it, and your signatures.</li>
                <li>Amends you offer, commitments you make, and shared plans and memories.</li>
                <li>That you are here, while you both have Mend open: the same for both of you.</li>
              </ul>
            </div>
          </div>
          <p className={styles.small}>
            Notices by email or on your phone are off until you turn them on, and they never say what is waiting, only that something is. A Quick exit
            button on every page leaves for a neutral page at once.
          </p>
        </section>

        <section className={styles.section} aria-labelledby="how-heading">
          <h2 id="how-heading">How it works</h2>
          <ol className={styles.steps}>
            <li>
              <h3>Make a space, invite your partner</h3>
              <p>One of you creates the space and sends a link that works once, within a week.</p>
            </li>
            <li>
              <h3>Agree on boundaries, together</h3>
              <p>Write agreements side by side, live. A version is in effect once you have both signed it, and any later change is shown to both.</p>
            </li>
            <li>
              <h3>Say how you feel, and talk safely</h3>
              <p>Share notes when you are ready. In a conversation you take turns to speak and to listen, and either of you can pause at any moment.</p>
            </li>
            <li>
              <h3>Show it over time</h3>
              <p>Amends, commitments and gentle check-ins over weeks; shared plans for good days. No streaks, no scores.</p>
            </li>
          </ol>
        </section>

        <section className={styles.section} aria-labelledby="leaving-heading">
          <h2 id="leaving-heading">If things change</h2>
          <p>
            Either of you can leave the space at any time. Your journal stays yours; the one who stays can still read and export what was shared. Deleting
            your account deletes your journal, drafts and everything you did not share, for good; what you did share stays with your partner, marked as
            from a former partner.
          </p>
        </section>

        <div className={styles.closing}>
          <Link href="/sign-up" role="button">
            Create an account
          </Link>
          <p className={styles.small}>
            Already have one? <Link href="/sign-in">Sign in</Link>
          </p>
        </div>
      </main>
    </>
  );
}
