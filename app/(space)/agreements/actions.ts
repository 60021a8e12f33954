'use server';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { archiveAgreement, unarchiveAgreement } from '@/server/domain/agreements/archive-agreement';
import { createAgreement } from '@/server/domain/agreements/create-agreement';
import { agreementTitleSchema, agreementTemplateChoiceSchema } from '@/server/domain/agreements/agreement-input';
import { renameAgreement } from '@/server/domain/agreements/rename-agreement';
import { agreementTemplates } from '@/server/domain/agreements/templates';
import { type ActionState, formValues, invalid } from '../../_lib/action-result';
import { authedAction } from '../../_lib/authed-action';

const createSchema = z.object({
  spaceId: z.uuid({ error: 'That space could not be found.' }),
  title: z.string().trim().max(200),
  templateId: agreementTemplateChoiceSchema,
});
const agreementIdSchema = z.object({ agreementId: z.uuid({ error: 'That agreement could not be found.' }) });
const renameSchema = agreementIdSchema.extend({ title: agreementTitleSchema });

export async function createAgreementAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData, ['spaceId', 'title', 'templateId']);
  const parsed = createSchema.safeParse(values);
  if (!parsed.success) return invalid(parsed.error, values);
  const { spaceId, templateId } = parsed.data;
  // Starting from a template without typing a title takes the template's own title.
  const title = parsed.data.title || (templateId ? (agreementTemplates.find((t) => t.id === templateId)?.title ?? '') : '');
  let createdId: string | null = null;
  const result = await authedAction(async ({ viewer, db }) => {
    const agreement = await createAgreement(db, viewer, spaceId, { title, templateId: templateId ?? '' });
    createdId = agreement.id;
    return { ok: true };
  }, values);
  if (!result.ok || !createdId) return result;
  revalidatePath('/agreements');
  redirect(`/agreements/${createdId}`);
}

export async function renameAgreementAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData, ['agreementId', 'title']);
  const parsed = renameSchema.safeParse(values);
  if (!parsed.success) return invalid(parsed.error, values);
  return authedAction(async ({ viewer, db }) => {
    const renamed = await renameAgreement(db, viewer, parsed.data.agreementId, parsed.data.title);
    revalidatePath('/agreements');
    revalidatePath(`/agreements/${renamed.id}`);
    return { ok: true, message: 'Renamed.', values: { title: renamed.title } };
  }, values);
}

export async function archiveAgreementAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = agreementIdSchema.safeParse(formValues(formData, ['agreementId']));
  if (!parsed.success) return invalid(parsed.error);
  const archive = formData.get('archive') !== 'no';
  return authedAction(async ({ viewer, db }) => {
    const agreement = archive ? await archiveAgreement(db, viewer, parsed.data.agreementId) : await unarchiveAgreement(db, viewer, parsed.data.agreementId);
    revalidatePath('/agreements');
    revalidatePath(`/agreements/${agreement.id}`);
    return { ok: true, message: archive ? 'Archived. It is kept, read only, and either of you can bring it back.' : 'Brought back from the archive.' };
  });
}
