'use client';
/**
 * One calm line on every signed-in page when the partner does something that is waiting for this
 * person: shares a note, proposes a version, offers an amend, or checks in on a commitment so that
 * the views can now be seen. It says who and what kind of thing, never its content, and links to it.
 *
 * It listens to 'activity-added' (sent for every activity item once its change has committed), so it
 * needs nothing from the features themselves. Only the partner's steps make a notice; the newest one
 * replaces an older one; it is dismissible, and it goes away on its own when the person opens the
 * section it points to (where that section's own page shows the news), so it never repeats there.
 * Conversations have their own notice (conversations/conversation-notice.tsx).
 */
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useState } from 'react';
import { ACTIVITY_ADDED_EVENT, type ActivityAddedPayload } from '@/server/domain/activity/activity-notifications';
import { useLiveEvent } from '../_components/live/live-connection';
import styles from './live-notices.module.css';

interface Notice {
  id: string;
  text: string;
  linkText: string;
  href: string;
  /** Where this news is shown anyway: no notice there, and opening it clears the notice. */
  section: string;
}

const idFrom = (data: Record<string, unknown>, key: string) => (typeof data[key] === 'string' ? encodeURIComponent(data[key]) : null);

/** The steps worth a notice, in words that carry no content (no titles, no feelings, no text). */
export function describeNotice(payload: ActivityAddedPayload): Notice | null {
  const name = payload.actorName ?? 'Your partner';
  const base = { id: payload.activityId };
  switch (payload.type) {
    case 'note-shared':
      return { ...base, text: `${name} shared a note with you.`, linkText: 'Read it', href: '/notes', section: '/notes' };
    case 'version-proposed': {
      const documentId = idFrom(payload.data, 'documentId');
      return {
        ...base,
        text: `${name} proposed a version of an agreement.`,
        linkText: 'Review it',
        href: documentId ? `/agreements/${documentId}/versions` : '/agreements',
        section: '/agreements',
      };
    }
    case 'amend-offered':
      return { ...base, text: `${name} offered you an amend.`, linkText: 'Read it', href: '/amends', section: '/amends' };
    case 'commitment-checked-in': {
      const commitmentId = idFrom(payload.data, 'commitmentId');
      return {
        ...base,
        text: `${name} checked in on a commitment, and their view can be seen now.`,
        linkText: 'See it',
        href: commitmentId ? `/commitments/${commitmentId}` : '/commitments',
        section: '/commitments',
      };
    }
    default:
      return null;
  }
}

const within = (pathname: string, section: string) => pathname === section || pathname.startsWith(`${section}/`);

export function LiveNotices({ viewerId }: { viewerId: string }) {
  const pathname = usePathname();
  const [notice, setNotice] = useState<Notice | null>(null);

  useLiveEvent<ActivityAddedPayload>(ACTIVITY_ADDED_EVENT, (payload) => {
    if (!payload || payload.actorId === viewerId) return;
    const next = describeNotice(payload);
    // The home page, the space page's activity list and the section itself already show it, live.
    if (!next || within(pathname, next.section) || within(pathname, '/space') || within(pathname, '/home')) return;
    setNotice(next);
  });

  useEffect(() => {
    if (notice && within(pathname, notice.section)) setNotice(null);
  }, [pathname, notice]);

  return (
    // The polite live region stays in the page so that a screen reader announces what appears in it;
    // the line itself is the status (there is none while nothing is waiting).
    <div className="container" aria-live="polite">
      {notice ? (
        <p className={`notice notice-info ${styles.notice}`} role="status" data-testid="live-notices">
          <span>
            {notice.text}{' '}
            <Link href={notice.href} onClick={() => setNotice(null)}>
              {notice.linkText}
            </Link>
          </span>
          <button type="button" className={styles.dismiss} onClick={() => setNotice(null)} aria-label="Dismiss this notice">
            ×
          </button>
        </p>
      ) : null}
    </div>
  );
}
