import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/server/db/process-database';
import { getWhatNeedsYou } from '@/server/domain/home/what-needs-you';
import { getViewerProfile, requireSignedIn } from '../../_lib/viewer';
import { LocalTime } from '../../_components/local-time';
import { FirstSteps } from './first-steps';
import { ComingUpLine, WaitingLine } from './home-items';
import { HomeLive } from './home-live';
import styles from './home.module.css';

export const metadata: Metadata = { title: 'Home' };

/**
 * The signed-in landing: what waits for this person, what is coming up, and a few first steps while
 * they are new. Kept current live (home-live.tsx); everything on it comes from one read model.
 */
export default async function HomePage() {
  const viewer = await requireSignedIn('/home');
  const profile = await getViewerProfile();
  const view = await getWhatNeedsYou(getDb(), viewer);
  const greeting = `Hello, ${profile?.name ?? 'there'}`;

  if (view.space === 'none') {
    return (
      <main className="container">
        <hgroup>
          <h1>{greeting}</h1>
          <p>Mend is a private space for the two of you. Here is where to begin, at your own pace.</p>
        </hgroup>
        <FirstSteps steps={view.firstSteps} />
      </main>
    );
  }

  if (view.space === 'closed') {
    return (
      <main className="container">
        <hgroup>
          <h1>{greeting}</h1>
          <p>Take whatever time you need.</p>
        </hgroup>
        <section className={styles.section} aria-labelledby="closed-heading">
          <h2 id="closed-heading">Your space has closed</h2>
          <p>
            {view.leaverName} left {view.name} on <LocalTime iso={view.closedAt} format="date" />. Nothing in it waits for you any more. What
            was shared there stays for you to read and export, and your journal is still yours.
          </p>
          <p className={styles.links}>
            <Link href="/space">Open the closed space</Link>
            <Link href="/journal">Open your journal</Link>
          </p>
          <p className="muted">When you are ready, you can start a new space from the space page. It starts empty.</p>
        </section>
      </main>
    );
  }

  return (
    <main className="container">
      <HomeLive />
      <hgroup>
        <h1>{greeting}</h1>
        <p>{view.partnerName ? `What is waiting for you in ${view.name}, at your own pace.` : `${view.name} is ready.`}</p>
      </hgroup>
      <section className={styles.section} aria-labelledby="waiting-heading" data-testid="home-waiting">
        <h2 id="waiting-heading">Waiting for you</h2>
        <div aria-live="polite">
          {view.needsYou.length ? (
            <ul className={styles.items}>
              {view.needsYou.map((item) => (
                <WaitingLine key={keyOf(item)} item={item} partnerName={view.partnerName ?? 'Your partner'} />
              ))}
            </ul>
          ) : (
            <p className={styles.quiet} data-testid="home-nothing-waiting">
              {view.partnerName
                ? 'Nothing is waiting for you right now. This page updates by itself when something arrives.'
                : 'Nothing is waiting for you yet. Once your partner joins, what they share with you will appear here.'}
            </p>
          )}
        </div>
      </section>
      {view.comingUp.length ? (
        <section className={styles.section} aria-labelledby="coming-up-heading" data-testid="home-coming-up">
          <h2 id="coming-up-heading">Coming up</h2>
          <ul className={styles.items}>
            {view.comingUp.map((item) => (
              <ComingUpLine key={keyOf(item)} item={item} />
            ))}
          </ul>
        </section>
      ) : null}
      <FirstSteps steps={view.firstSteps} />
    </main>
  );
}

function keyOf(item: { kind: string } & Record<string, unknown>): string {
  const id = ['conversationId', 'agreementId', 'noteId', 'amendId', 'commitmentId', 'experienceId'].map((key) => item[key]).find((value) => typeof value === 'string');
  return `${item.kind}:${id ?? ''}`;
}
