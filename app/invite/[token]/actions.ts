'use server';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getDb } from '@/server/db/process-database';
import { acceptInvite } from '@/server/domain/spaces/accept-invite';
import { runAction, type ActionState } from '../../_lib/action-result';
import { getViewer } from '../../_lib/viewer';

const tokenSchema = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'This invite link is not complete.');

export async function acceptInviteAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const token = tokenSchema.safeParse(formData.get('token'));
  if (!token.success) return { ok: false, message: 'This invite link is not complete. Ask your partner to send it again.' };
  const viewer = await getViewer();
  if (!viewer) redirect(`/sign-in?next=${encodeURIComponent(`/invite/${token.data}`)}`);
  const result = await runAction(async () => {
    await acceptInvite(getDb(), viewer.userId, token.data);
    return { ok: true };
  });
  // The invite page explains every invite problem in full (expired, used, full…): send the person back to it.
  if (!result.ok) redirect(`/invite/${token.data}`);
  redirect('/space?joined=1');
}
