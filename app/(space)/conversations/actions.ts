'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { turnNextStepIntoAgreement } from '@/server/domain/conversations/turn-next-step-into-agreement';
import { type ActionState, formValues, invalid } from '../../_lib/action-result';
import { authedAction } from '../../_lib/authed-action';

const nextStepSchema = z.object({
  conversationId: z.uuid({ error: 'That conversation could not be found.' }),
  nextStep: z.string().trim().min(1, 'Write or paste the next step to turn into an agreement.').max(500, 'Keep the next step under 500 characters.'),
});

export async function turnNextStepIntoAgreementAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData, ['conversationId', 'nextStep']);
  const parsed = nextStepSchema.safeParse(values);
  if (!parsed.success) return invalid(parsed.error, values);
  return authedAction(async ({ viewer, db }) => {
    const agreement = await turnNextStepIntoAgreement(db, viewer, parsed.data.conversationId, parsed.data.nextStep);
    revalidatePath('/agreements');
    return { ok: true, message: `Agreement draft “${agreement.title}” created.`, data: { agreementId: agreement.id, title: agreement.title } };
  }, values);
}
