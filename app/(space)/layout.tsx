import type { ReactNode } from 'react';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { REQUEST_PATH_HEADER } from '@/server/request-headers';
import { safeReturnPath } from '../_lib/safe-return-path';
import { LiveConnection } from '../_components/live/live-connection';
import { ConversationNotice } from './conversations/conversation-notice';
import { LiveNotices } from './live-notices';
import { getViewerProfile } from '../_lib/viewer';
import { findMembership } from '@/server/access/authorization';
import { getDb } from '@/server/db/process-database';
import { SiteHeader } from './site-header';
import { OfflineMark } from '../_components/offline-support';

/** Every page in this group is for signed-in people only (the quick-exit control is on every page: app/layout.tsx). */
export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const profile = await getViewerProfile();
  if (!profile) {
    const path = safeReturnPath((await headers()).get(REQUEST_PATH_HEADER), '/space');
    redirect(`/sign-in?next=${encodeURIComponent(path)}`);
  }
  const membership = await findMembership(getDb(), profile.userId);
  return (
    <>
      <SiteHeader name={profile.name} />
      <OfflineMark />
      {/* One live connection per page, shared by presence, live updates and conversations. */}
      <LiveConnection spaceId={membership?.spaceId ?? null}>
        <ConversationNotice />
        <LiveNotices viewerId={profile.userId} />
        {children}
      </LiveConnection>
    </>
  );
}
