/**
 * What a partner may write when asking for changes instead of signing: a short message to the one
 * who proposed (no imports beyond zod, so the form in the browser shares the limit).
 */
import { z } from 'zod';

/** A message, not a counter-proposal: the changes themselves are made together in the agreement. */
export const REQUEST_CHANGES_MAX = 1000;

export const requestChangesSchema = z.object({
  comment: z
    .string({ error: 'Say what you would like changed, in a sentence or two.' })
    .trim()
    .min(1, 'Say what you would like changed, in a sentence or two.')
    .max(REQUEST_CHANGES_MAX, `Keep the message under ${REQUEST_CHANGES_MAX.toLocaleString('en-GB')} characters: the changes themselves you make together in the agreement.`)
    .refine((comment) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(comment), 'The message cannot contain control characters.'),
});
