/**
 * A few gentle pointers for a new couple. Each one recedes once it is done (server/domain/home/
 * first-steps.ts decides which are left); none is a task to tick off.
 */
import Link from 'next/link';
import type { FirstStep } from '@/server/domain/home/first-steps';
import styles from './home.module.css';

const STEPS: Record<FirstStep, { title: string; text: string; href: string; action: string }> = {
  'create-space': {
    title: 'Create your space',
    text: 'A space is for the two of you. Make it, then invite your partner with a link only they can use. If your partner has already made one, open the invite link they sent you instead.',
    href: '/space',
    action: 'Make the space',
  },
  'invite-partner': {
    title: 'Invite your partner',
    text: 'Your space is ready. Make an invite link and send it to your partner when you both feel ready; it works once, within a week.',
    href: '/space',
    action: 'Make an invite link',
  },
  'first-agreement': {
    title: 'Start with one agreement',
    text: 'Choose one area that matters now (phones and privacy, time and space, how you talk when upset) and write it together, live. Nothing is binding until you have both signed it.',
    href: '/agreements',
    action: 'Start an agreement',
  },
  journal: {
    title: 'What the journal is for',
    text: 'A place to write what you are not ready to say. Only you can ever read it: your partner never sees it, and it stays yours even if you leave the space.',
    href: '/journal',
    action: 'Open your journal',
  },
  notes: {
    title: 'How notes work',
    text: 'A note names what you feel, what happened and what you need. It stays a private draft until you choose to share it; then your partner can read it, say they read it and reply. You can take it back.',
    href: '/notes/new',
    action: 'Write a note',
  },
  talk: {
    title: 'When you need to talk',
    text: 'Propose one topic. You take turns to speak and to listen, and either of you can pause at any moment, with no reason needed.',
    href: '/conversations',
    action: 'See how it works',
  },
};

export function FirstSteps({ steps }: { steps: FirstStep[] }) {
  if (steps.length === 0) return null;
  return (
    <section aria-labelledby="first-steps-heading" className={styles.section} data-testid="home-first-steps">
      <h2 id="first-steps-heading">Getting started</h2>
      <p className="muted">A few things worth knowing. Each one goes away once you have tried it.</p>
      <ul className={styles.steps}>
        {steps.map((step) => (
          <li key={step} className={styles.step} data-testid={`first-step-${step}`}>
            <h3>{STEPS[step].title}</h3>
            <p>{STEPS[step].text}</p>
            <Link href={STEPS[step].href}>{STEPS[step].action}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
