'use server';
import { headers } from 'next/headers';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '@/server/db/process-database';
import { emailField, signUpSchema } from '@/server/domain/accounts/account-input';
import { linkBase } from '@/server/domain/accounts/account-emails';
import { changeName, changePassword, confirmEmailChange, requestEmailChange } from '@/server/domain/accounts/account-settings';
import { unauthenticated } from '@/server/domain/errors';
import { CLIENT_ADDRESS_HEADER } from '@/server/request-headers';
import { formValues, invalid, runAction, type ActionState } from '../../_lib/action-result';
import { requestOrigin } from '../../_lib/request-origin';
import { getViewerSession } from '../../_lib/viewer';

const currentPassword = z.string({ error: 'Enter your current password.' }).min(1, 'Enter your current password.').max(200, 'That password is too long.');

async function signedIn(): Promise<{ userId: string; sessionId: string }> {
  const session = await getViewerSession();
  if (!session) throw unauthenticated();
  return session;
}

export async function changeNameAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData, ['name']);
  const parsed = signUpSchema.pick({ name: true }).safeParse(values);
  if (!parsed.success) return invalid(parsed.error, values);
  return runAction(async () => {
    const session = await signedIn();
    await changeName(getDb(), session.userId, parsed.data.name);
    // The name is in the header of every page.
    revalidatePath('/', 'layout');
    return { ok: true, message: 'Your name is changed.', values: { name: parsed.data.name } };
  }, values);
}

const passwordSchema = z.object({ currentPassword, newPassword: signUpSchema.shape.password });

export async function changePasswordAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = passwordSchema.safeParse({ currentPassword: formData.get('currentPassword'), newPassword: formData.get('newPassword') });
  if (!parsed.success) return invalid(parsed.error);
  const clientAddress = (await headers()).get(CLIENT_ADDRESS_HEADER);
  return runAction(async () => {
    const session = await signedIn();
    const ended = await changePassword(getDb(), {
      userId: session.userId,
      currentPassword: parsed.data.currentPassword,
      newPassword: parsed.data.newPassword,
      keepSessionId: session.sessionId,
      clientAddress,
    });
    revalidatePath('/account');
    const others = ended === 0 ? '' : ended === 1 ? ' Your other device is signed out.' : ` Your ${ended} other devices are signed out.`;
    return { ok: true, message: `Your password is changed.${others}` };
  });
}

const emailSchema = z.object({ newEmail: emailField, password: currentPassword });

export async function requestEmailChangeAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData, ['newEmail']);
  const parsed = emailSchema.safeParse({ ...values, password: formData.get('password') });
  if (!parsed.success) return invalid(parsed.error, values);
  const clientAddress = (await headers()).get(CLIENT_ADDRESS_HEADER);
  const base = linkBase(await requestOrigin());
  return runAction(async () => {
    const session = await signedIn();
    await requestEmailChange(getDb(), { userId: session.userId, password: parsed.data.password, newEmail: parsed.data.newEmail, linkBase: base, clientAddress });
    return {
      ok: true,
      message: 'Nearly done: open the link we sent to the new address, on this device, within 24 hours. Until then your address stays as it is.',
    };
  }, values);
}

export async function confirmEmailChangeAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const token = String(formData.get('token') ?? '').slice(0, 100);
  return runAction(async () => {
    const session = await signedIn();
    const result = await confirmEmailChange(getDb(), { token, viewerUserId: session.userId });
    switch (result.outcome) {
      case 'changed':
        revalidatePath('/account');
        return { ok: true, message: `Your email address is now ${result.email}.` };
      case 'expired':
        return { ok: false, message: 'This link has expired. Ask for the change again on your account page.' };
      case 'taken':
        return { ok: false, message: 'That address now belongs to another account, so it cannot be used. Nothing changed.' };
      case 'not-yours':
        return { ok: false, message: 'This link is for another account. Nothing changed.' };
      default:
        return { ok: false, message: 'This link has already been used or does not work. Nothing changed.' };
    }
  });
}
