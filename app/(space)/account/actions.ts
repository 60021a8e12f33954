'use server';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { signOut } from '@/server/auth/next-auth';
import { deleteAccount } from '@/server/domain/accounts/delete-account';
import { type ActionState, invalid } from '../../_lib/action-result';
import { authedAction } from '../../_lib/authed-action';

const deleteSchema = z.object({
  password: z.string().min(1, 'Enter your password to confirm.').max(200, 'That password is too long.'),
  confirm: z.literal('delete', { error: 'Type delete to confirm.' }),
});

export async function deleteAccountAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = deleteSchema.safeParse({ password: formData.get('password'), confirm: String(formData.get('confirm') ?? '').trim().toLowerCase() });
  if (!parsed.success) return invalid(parsed.error);
  const result = await authedAction(async ({ viewer, db }) => {
    await deleteAccount(db, viewer.userId, parsed.data.password);
    return { ok: true };
  });
  if (!result.ok) return result;
  await signOut({ redirect: false });
  redirect('/?deleted=1');
}
