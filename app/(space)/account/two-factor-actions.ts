'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { beginTwoFactorSetup, confirmTwoFactorSetup, disableTwoFactor } from '@/server/auth/two-factor';
import { getDb } from '@/server/db/process-database';
import { unauthenticated } from '@/server/domain/errors';
import { invalid, runAction, type ActionState } from '../../_lib/action-result';
import { getViewer } from '../../_lib/viewer';

const password = z.string({ error: 'Enter your password.' }).min(1, 'Enter your password.').max(200, 'That password is too long.');
const code = z.string({ error: 'Enter a code.' }).trim().min(1, 'Enter a code.').max(64, 'That code is too long.');

async function viewerId(): Promise<string> {
  const viewer = await getViewer();
  if (!viewer) throw unauthenticated();
  return viewer.userId;
}

export async function beginTwoFactorAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = z.object({ password }).safeParse({ password: formData.get('password') });
  if (!parsed.success) return invalid(parsed.error);
  return runAction(async () => {
    await beginTwoFactorSetup(getDb(), await viewerId(), parsed.data.password);
    revalidatePath('/account');
    return { ok: true };
  });
}

/** On success, `data.codes` holds the ten recovery codes (one per line): shown this once and never again. */
export async function confirmTwoFactorAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = z.object({ code }).safeParse({ code: formData.get('code') });
  if (!parsed.success) return invalid(parsed.error);
  return runAction(async () => {
    const codes = await confirmTwoFactorSetup(getDb(), await viewerId(), parsed.data.code);
    return { ok: true, message: 'Two-step sign-in is on.', data: { codes: codes.join('\n') } };
  });
}

export async function disableTwoFactorAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = z.object({ password, code }).safeParse({ password: formData.get('password'), code: formData.get('code') });
  if (!parsed.success) return invalid(parsed.error);
  return runAction(async () => {
    await disableTwoFactor(getDb(), await viewerId(), parsed.data);
    revalidatePath('/account');
    return { ok: true, message: 'Two-step sign-in is off. Signing in needs only your password again.' };
  });
}
