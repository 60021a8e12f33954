/** The shapes a person may send when creating or changing an agreement, with messages they can act on. */
import { z } from 'zod';
import { agreementTemplateIds } from './templates';

export const AGREEMENT_TITLE_MAX = 120;

export const agreementTitleSchema = z
  .string({ error: 'Give the agreement a title.' })
  .trim()
  .min(1, 'Give the agreement a title, for example “Phone and privacy”.')
  .max(AGREEMENT_TITLE_MAX, `Keep the title under ${AGREEMENT_TITLE_MAX} characters.`)
  .refine((title) => !/[\u0000-\u001f\u007f]/.test(title), 'The title cannot contain control characters.');

/** '' (or absent) means a blank agreement. */
export const agreementTemplateChoiceSchema = z
  .enum(['', ...agreementTemplateIds], { error: 'Choose one of the starter templates, or start blank.' })
  .optional()
  .transform((value) => (value ? value : null));

export const createAgreementInputSchema = z.object({ title: agreementTitleSchema, templateId: agreementTemplateChoiceSchema });
export type CreateAgreementInput = z.input<typeof createAgreementInputSchema>;
