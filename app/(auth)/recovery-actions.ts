'use server';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { describeWait } from '@/server/auth/sign-in-throttle-policy';
import { getDb } from '@/server/db/process-database';
import { emailField, signUpSchema } from '@/server/domain/accounts/account-input';
import { linkBase } from '@/server/domain/accounts/account-emails';
import { requestPasswordReset, resetPassword } from '@/server/domain/accounts/password-reset';
import { CLIENT_ADDRESS_HEADER } from '@/server/request-headers';
import { formValues, invalid, runAction, type ActionState } from '../_lib/action-result';
import { requestOrigin } from '../_lib/request-origin';

/** The one answer to "forgot password", whether or not an account uses the address. */
const RESET_REQUESTED_MESSAGE =
  'If an account uses that address, a link to choose a new password is on its way. It works once, for 30 minutes.';

export async function forgotPasswordAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData, ['email']);
  const parsed = z.object({ email: emailField }).safeParse(values);
  if (!parsed.success) return invalid(parsed.error, values);
  const clientAddress = (await headers()).get(CLIENT_ADDRESS_HEADER);
  const base = await requestOrigin();
  return runAction(async () => {
    const result = await requestPasswordReset(getDb(), { email: parsed.data.email, clientAddress, linkBase: linkBase(base) });
    if (result.outcome === 'paused') {
      return { ok: false, values, message: `Please wait ${describeWait(result.waitMs)} before asking for another link for this address.` };
    }
    return { ok: true, message: RESET_REQUESTED_MESSAGE };
  }, values);
}

const resetSchema = z.object({ token: z.string().max(100), password: signUpSchema.shape.password });

export async function resetPasswordAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = resetSchema.safeParse({ token: formData.get('token'), password: formData.get('password') });
  if (!parsed.success) return invalid(parsed.error);
  const result = await runAction(async () => {
    const outcome = await resetPassword(getDb(), { token: parsed.data.token, newPassword: parsed.data.password });
    if (outcome === 'changed') return { ok: true };
    return {
      ok: false,
      message:
        outcome === 'expired'
          ? 'This link has expired. Ask for a new one below.'
          : 'This link has already been used or does not work. Ask for a new one below.',
    };
  });
  if (!result.ok) return result;
  // Not signed in here: on a shared or borrowed device, the person signs in themselves (or not).
  redirect('/sign-in?passwordReset=1');
}
