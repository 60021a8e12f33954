'use client';
/**
 * Keeps the space page's members, invite links and partner status current: when someone joins or
 * leaves the space, or an invite link is made or withdrawn (on another device, say), the page reads
 * itself again from the server, which decides what this person sees. The activity list keeps itself
 * current on its own.
 */
import { useRouter } from 'next/navigation';
import { ACTIVITY_ADDED_EVENT, type ActivityAddedPayload } from '@/server/domain/activity/activity-notifications';
import { useLiveEvent } from '../../_components/live/live-connection';

const CHANGES_THE_PAGE = new Set(['member-joined', 'member-left', 'invite-created', 'invite-revoked']);

export function SpaceLiveRefresh() {
  const router = useRouter();
  useLiveEvent<ActivityAddedPayload>(ACTIVITY_ADDED_EVENT, (payload) => {
    if (CHANGES_THE_PAGE.has(payload.type)) router.refresh();
  });
  return null;
}
