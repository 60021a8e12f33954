/**
 * Forms whose text can exceed what a server action accepts: when Mend's server refuses the request
 * as too large (see server/action-body-limit.ts), the form says which field was too long and by how
 * much it may be at most, instead of the page failing with a generic error.
 */
import { isTooLongToSaveError, tooLongToSave, TOO_LONG_TO_SAVE_MESSAGE } from '@/server/action-body-limit';
import type { ActionState } from './action-result';

export interface LongField {
  /** How the message names it, e.g. "an agreement title". */
  what: string;
  maxLength: number;
}

export function explainTooLong<State extends ActionState>(
  action: (previous: State, formData: FormData) => Promise<State>,
  fields: Record<string, LongField>,
): (previous: State, formData: FormData) => Promise<State> {
  return async (previous, formData) => {
    try {
      return await action(previous, formData);
    } catch (error) {
      if (!isTooLongToSaveError(error)) throw error;
      const fieldErrors: Record<string, string[]> = {};
      const named: string[] = [];
      for (const [name, field] of Object.entries(fields)) {
        const value = formData.get(name);
        if (typeof value !== 'string' || value.length <= field.maxLength) continue;
        fieldErrors[name] = [`At most ${field.maxLength} characters.`];
        named.push(tooLongToSave(field.what, field.maxLength));
      }
      // What was typed is not sent back into the form: it is the very text that was too long.
      return { ok: false, message: named.length === 1 ? named[0] : TOO_LONG_TO_SAVE_MESSAGE, fieldErrors } as State;
    }
  };
}
