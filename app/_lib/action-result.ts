/**
 * What every server action returns to its form, and the one place that turns errors into it:
 * typed application errors become their message (and field messages); anything else is logged in
 * full and shown as a calm generic message. A stack trace never reaches the person.
 */
import { unstable_rethrow } from 'next/navigation';
import type { z } from 'zod';
import { isAppError } from '@/server/domain/errors';
import { fieldErrorsOf } from '@/server/domain/field-errors';

export type ActionState<Values = Record<string, string>> = {
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string[] | undefined>;
  /** What the person typed, so a form with an error keeps it. Never contains passwords. */
  values?: Partial<Values>;
  /** Present on some successes: e.g. an invite link shown once. */
  data?: Record<string, string>;
};

export const initialActionState: ActionState = { ok: false };

export function invalid(error: z.ZodError, values?: Record<string, string>): ActionState {
  return { ok: false, message: 'Please check the highlighted fields.', fieldErrors: fieldErrorsOf(error), values };
}

export async function runAction(work: () => Promise<ActionState>, values?: Record<string, string>): Promise<ActionState> {
  try {
    return await work();
  } catch (error) {
    unstable_rethrow(error);
    if (isAppError(error)) return { ok: false, message: error.message, fieldErrors: error.fieldErrors, values };
    console.error('Server action failed:', error);
    return { ok: false, message: 'Something went wrong on our side and nothing was changed. Please try again.', values };
  }
}

export function formValues(formData: FormData, names: string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of names) {
    const value = formData.get(name);
    values[name] = typeof value === 'string' ? value : '';
  }
  return values;
}
