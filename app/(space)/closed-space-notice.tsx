import Link from 'next/link';
import type { ClosedSpaceDescription } from '@/server/domain/spaces/describe-closed-space';
import { LocalTime } from '@/app/_components/local-time';

/**
 * Shown on every section of a closed space: what happened, what the person can still do, and that
 * nothing will change here again. Calm, with no blame.
 */
export function ClosedSpaceNotice({ closed }: { closed: ClosedSpaceDescription }) {
  return (
    <section className="notice notice-info closed-space-notice" role="note" aria-label="This space has closed">
      <p>
        <strong>This space closed on <LocalTime iso={closed.closedAt} format="date" /></strong>, when {closed.leaverName} left. Everything that was shared here stays for you to
        read, and nothing in it can change. Your journal is yours and is not affected.
      </p>
      <p>
        <a href={`/space/export?space=${closed.spaceId}`} download>
          Export what was shared (Markdown)
        </a>
        {' · '}
        <Link href="/space">Start a new space</Link>
      </p>
    </section>
  );
}
