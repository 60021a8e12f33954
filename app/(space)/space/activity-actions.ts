'use server';
/** "I have seen the activity up to this item": moves the viewer's own marker (never shown to the partner). */
import { getDb } from '@/server/db/process-database';
import { markActivityLooked } from '@/server/domain/activity/mark-activity-looked';
import { runAction, type ActionState } from '../../_lib/action-result';
import { getViewer } from '../../_lib/viewer';

export async function markActivityLookedAction(spaceId: string, upTo: string): Promise<ActionState> {
  return runAction(async () => {
    await markActivityLooked(getDb(), await getViewer(), String(spaceId), String(upTo));
    return { ok: true };
  });
}
