'use server';
import { AuthError } from 'next-auth';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { SecondStepMismatch, SecondStepNeeded, SignInPaused, signIn, signOut } from '@/server/auth/next-auth';
import { describeWait } from '@/server/auth/sign-in-throttle-policy';
import { getDb } from '@/server/db/process-database';
import { signInSchema, signUpSchema } from '@/server/domain/accounts/account-input';
import { normaliseEmail } from '@/server/domain/accounts/email';
import { registerUser } from '@/server/domain/accounts/register-user';
import { CLIENT_ADDRESS_HEADER } from '@/server/request-headers';
import { formValues, invalid, runAction, type ActionState } from '../_lib/action-result';
import { safeReturnPath } from '../_lib/safe-return-path';

/** Calm words for a paused sign-in: it says to wait, not that anyone is under attack. */
function pausedMessage(waitMs: number): string {
  return `Please wait ${describeWait(waitMs)} and try again.`;
}

export async function signUpAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData, ['name', 'email']);
  const parsed = signUpSchema.safeParse({ ...values, password: formData.get('password') });
  if (!parsed.success) return invalid(parsed.error, values);
  const next = safeReturnPath(formData.get('next'), '/home');
  const clientAddress = (await headers()).get(CLIENT_ADDRESS_HEADER);
  return runAction(async () => {
    await registerUser(getDb(), parsed.data, { clientAddress });
    try {
      await signIn('credentials', { email: parsed.data.email, password: parsed.data.password, redirect: false });
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      // The account exists; only signing in has to wait (this address failed many sign-ins lately).
      const wait = error instanceof SignInPaused ? `wait ${describeWait(error.waitMs)}, then ` : '';
      return { ok: true, message: `Your account is ready. Please ${wait}sign in.` };
    }
    redirect(next);
  }, values);
}

/** Throttling and deleted accounts are decided inside the credentials check (server/auth/next-auth.ts), for every way in. */
export async function signInAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData, ['email']);
  const parsed = signInSchema.safeParse({ ...values, password: formData.get('password') });
  if (!parsed.success) return invalid(parsed.error, values);
  const next = safeReturnPath(formData.get('next'), '/home');
  // The two-step code, sent with the email and password again once the form has asked for it.
  const code = String(formData.get('code') ?? '').trim().slice(0, 64);
  return runAction(async () => {
    try {
      await signIn('credentials', { email: normaliseEmail(parsed.data.email), password: parsed.data.password, code, redirect: false });
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      if (error instanceof SignInPaused) return { ok: false, values, message: pausedMessage(error.waitMs), data: code ? { needCode: '1' } : undefined };
      if (error instanceof SecondStepNeeded) {
        // Not an error: the form shows the code field with a calm word of its own.
        return { ok: false, values, data: { needCode: '1' } };
      }
      if (error instanceof SecondStepMismatch) {
        return {
          ok: false,
          values,
          data: { needCode: '1' },
          fieldErrors: { code: ['That code is not right.'] },
          message: 'That code is not right. Enter the code your app shows now (each code works once), or one of your recovery codes.',
        };
      }
      return { ok: false, values, message: 'That email and password do not match an account. Please check them and try again.' };
    }
    redirect(next);
  }, values);
}

/** Ends this device's session (the events.signOut hook revokes its row) and clears the cookie. */
export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: '/sign-in?signedOut=1' });
}
