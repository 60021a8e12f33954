'use server';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getDb } from '@/server/db/process-database';
import { archiveAgreement, unarchiveAgreement } from '@/server/domain/agreements/archive-agreement';
import { createAgreement } from '@/server/domain/agreements/create-agreement';
import { agreementTitleSchema, agreementTemplateChoiceSchema } from '@/server/domain/agreements/agreement-input';
import { renameAgreement } from '@/server/domain/agreements/rename-agreement';
import { agreementTemplates } from '@/server/domain/agreements/templates';
import { unauthenticated } from '@/server/domain/errors';
import { formValues, invalid, runAction, type ActionState } from '../../_lib/action-result';
import { getViewer } from '../../_lib/viewer';

const createSchema = z.object({
  spaceId: z.uuid({ error: 'That space could not be found.' }),
  title: z.string().trim().max(200),
  templateId: agreementTemplateChoiceSchema,
});
const agreementIdSchema = z.object({ agreementId: z.uuid({ error: 'That agreement could not be found.' }) });
const renameSchema = agreementIdSchema.extend({ title: agreementTitleSchema });

async function viewerOrThrow() {
  const viewer = await getViewer();
  if (!viewer) throw unauthenticated();
  return viewer;
}

export async function createAgreementAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData, ['spaceId', 'title', 'templateId']);
  const parsed = createSchema.safeParse(values);
  if (!parsed.success) return invalid(parsed.error, values);
  const { spaceId, templateId } = parsed.data;
  // Starting from a template without typing a title takes the template's own title.
  const title = parsed.data.title || (templateId ? (agreementTemplates.find((t) => t.id === templateId)?.title ?? '') : '');
  let createdId: string | null = null;
  const result = await runAction(async () => {
    const viewer = await viewerOrThrow();
    const agreement = await createAgreement(getDb(), viewer, spaceId, { title, templateId: templateId ?? '' });
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
  return runAction(async () => {
    const viewer = await viewerOrThrow();
    const renamed = await renameAgreement(getDb(), viewer, parsed.data.agreementId, parsed.data.title);
    revalidatePath('/agreements');
    revalidatePath(`/agreements/${renamed.id}`);
    return { ok: true, message: 'Renamed.', values: { title: renamed.title } };
  }, values);
}

export async function archiveAgreementAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = agreementIdSchema.safeParse(formValues(formData, ['agreementId']));
  if (!parsed.success) return invalid(parsed.error);
  const archive = formData.get('archive') !== 'no';
  return runAction(async () => {
    const viewer = await viewerOrThrow();
    const db = getDb();
    const agreement = archive ? await archiveAgreement(db, viewer, parsed.data.agreementId) : await unarchiveAgreement(db, viewer, parsed.data.agreementId);
    revalidatePath('/agreements');
    revalidatePath(`/agreements/${agreement.id}`);
    return { ok: true, message: archive ? 'Archived. It is kept, read only, and either of you can bring it back.' : 'Brought back from the archive.' };
  });
}
