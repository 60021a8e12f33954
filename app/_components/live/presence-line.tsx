'use client';
/** "Sam is here now": the live presence both partners can see, and nothing more. */
import { useLiveSocket, usePresence } from './live-connection';
import styles from './presence-line.module.css';

export function PresenceLine({ viewerId }: { viewerId: string }) {
  const people = usePresence();
  const { status } = useLiveSocket();
  const others = people.filter((person) => person.userId !== viewerId);
  let text: string;
  if (status !== 'connected') text = status === 'closed' ? 'Not connected' : 'Connecting…';
  else if (others.length === 0) text = 'Your partner is not here right now';
  else text = `${others.map((person) => person.name).join(' and ')} ${others.length === 1 ? 'is' : 'are'} here now`;
  return (
    <p className={styles.line} role="status" aria-live="polite" data-testid="presence-line">
      <span className={others.length > 0 && status === 'connected' ? `${styles.dot} ${styles.here}` : styles.dot} aria-hidden="true" />
      {text}
    </p>
  );
}
