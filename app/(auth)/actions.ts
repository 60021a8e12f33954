'use server';
import { AuthError } from 'next-auth';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { signIn, signOut } from '@/server/auth/next-auth';
import { describeWait } from '@/server/auth/sign-in-throttle-policy';
import { clearSignInFailures, recordSignInFailure, signInWaitMs } from '@/server/auth/sign-in-throttle';
import { getDb } from '@/server/db/process-database';
import { signInSchema, signUpSchema } from '@/server/domain/accounts/account-input';
import { normaliseEmail } from '@/server/domain/accounts/email';
import { registerUser } from '@/server/domain/accounts/register-user';
import { CLIENT_ADDRESS_HEADER } from '@/server/request-headers';
import { formValues, invalid, runAction, type ActionState } from '../_lib/action-result';
import { safeReturnPath } from '../_lib/safe-return-path';

export async function signUpAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData, ['name', 'email']);
  const parsed = signUpSchema.safeParse({ ...values, password: formData.get('password') });
  if (!parsed.success) return invalid(parsed.error, values);
  const next = safeReturnPath(formData.get('next'), '/space');
  return runAction(async () => {
    await registerUser(getDb(), parsed.data);
    await signIn('credentials', { email: parsed.data.email, password: parsed.data.password, redirect: false });
    redirect(next);
  }, values);
}

export async function signInAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData, ['email']);
  const parsed = signInSchema.safeParse({ ...values, password: formData.get('password') });
  if (!parsed.success) return invalid(parsed.error, values);
  const next = safeReturnPath(formData.get('next'), '/space');
  const email = normaliseEmail(parsed.data.email);
  const address = (await headers()).get(CLIENT_ADDRESS_HEADER) || null;
  return runAction(async () => {
    const db = getDb();
    const wait = await signInWaitMs(db, email, address);
    if (wait > 0) {
      return { ok: false, values, message: `Too many sign-in attempts. For your safety, please wait ${describeWait(wait)} and try again.` };
    }
    try {
      await signIn('credentials', { email, password: parsed.data.password, redirect: false });
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      await recordSignInFailure(db, email, address);
      return { ok: false, values, message: 'That email and password do not match an account. Please check them and try again.' };
    }
    await clearSignInFailures(db, email);
    redirect(next);
  }, values);
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: '/sign-in?signedOut=1' });
}
