'use server';
import { revalidatePath } from 'next/cache';
import { getDb } from '@/server/db/process-database';
import { unauthenticated } from '@/server/domain/errors';
import { saveNoticePreferences } from '@/server/notices/notice-preferences';
import { runAction, type ActionState } from '../../_lib/action-result';
import { getViewer } from '../../_lib/viewer';

/** The notices form on the account page: kinds per channel, quiet hours, time zone, the app's name. */
export async function saveNoticePreferencesAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const text = (name: string) => {
    const value = formData.get(name);
    return typeof value === 'string' ? value : '';
  };
  const values = { quietStart: text('quietStart'), quietEnd: text('quietEnd'), timeZone: text('timeZone'), appName: text('appName') };
  return runAction(async () => {
    const viewer = await getViewer();
    if (!viewer) throw unauthenticated();
    await saveNoticePreferences(getDb(), viewer.userId, {
      email: formData.getAll('email').map(String),
      push: formData.getAll('push').map(String),
      ...values,
    });
    revalidatePath('/account');
    return { ok: true, message: 'Saved. Notices will follow these choices from now on.' };
  }, values);
}
