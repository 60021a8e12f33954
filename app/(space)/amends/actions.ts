'use server';
/**
 * Amends: thin server actions. Each reads its form, asks the domain (which asks the authorization
 * module and validates with zod), and answers with field messages or a calm message; nothing is
 * half-saved (the domain checks every field before writing, then writes in one transaction).
 */
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { createAmend } from '@/server/domain/amends/create-amend';
import { deleteAmendDraft } from '@/server/domain/amends/delete-amend-draft';
import { offerAmend } from '@/server/domain/amends/offer-amend';
import { receiveAmend } from '@/server/domain/amends/receive-amend';
import { saveHowItAffectedMe } from '@/server/domain/amends/save-how-it-affected-me';
import { updateAmendDraft } from '@/server/domain/amends/update-amend-draft';
import { withdrawAmend } from '@/server/domain/amends/withdraw-amend';
import { type ActionState, formValues } from '../../_lib/action-result';
import { authedAction } from '../../_lib/authed-action';

const amendIdSchema = z.uuid();
const amendGone: ActionState = { ok: false, message: 'That amend could not be found.' };

const DRAFT_FIELDS = ['whatIDid', 'howItAffectedYou', 'commitmentIds', 'commitmentText', 'cadenceKind', 'weekdays', 'everyDays', 'byDate', 'startDate', 'timeZone'];

/** The form's values, kept so a form answered with errors shows what the person wrote. */
function draftValues(formData: FormData): Record<string, string> {
  const values = formValues(formData, DRAFT_FIELDS);
  values.commitmentIds = formData.getAll('commitmentId').map(String).join(',');
  values.weekdays = formData.getAll('weekday').map(String).join(',');
  return values;
}

/**
 * The domain's input. A new commitment is asked for only when its "I will …" has words; anything
 * malformed is passed on for zod to name beside its field.
 */
function draftInput(values: Record<string, string>) {
  const field = (name: string) => values[name] ?? '';
  const commitmentIds = field('commitmentIds') ? field('commitmentIds').split(',') : [];
  const words = { whatIDid: field('whatIDid'), howItAffectedYou: field('howItAffectedYou'), commitmentIds };
  if (!field('commitmentText').trim()) return words;
  const kind = field('cadenceKind');
  const cadence =
    kind === 'weekly'
      ? { kind, days: field('weekdays') ? field('weekdays').split(',').map(Number) : [] }
      : kind === 'every'
        ? { kind, days: field('everyDays') === '' ? Number.NaN : Number(field('everyDays')) }
        : kind === 'once'
          ? { kind, by: field('byDate') }
          : { kind };
  return { ...words, newCommitment: { text: field('commitmentText'), cadence, startDate: field('startDate'), timeZone: field('timeZone') } };
}

export async function createAmendAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const values = draftValues(formData);
  let createdId: string | null = null;
  const result = await authedAction(async ({ viewer, db }) => {
    createdId = (await createAmend(db, viewer, draftInput(values))).id;
    return { ok: true };
  }, values);
  if (!createdId) return result;
  revalidatePath('/amends');
  redirect(`/amends/${createdId}?created=1`);
}

/** The draft form's two buttons: "Save draft" (intent=save) and "Offer" (intent=offer, which saves first). */
export async function saveOrOfferAmendAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const values = draftValues(formData);
  const amendId = amendIdSchema.safeParse(formData.get('amendId'));
  if (!amendId.success) return amendGone;
  const offer = formData.get('intent') === 'offer';
  return authedAction(async ({ viewer, db }) => {
    const { createdCommitmentId } = await updateAmendDraft(db, viewer, amendId.data, draftInput(values));
    if (offer) await offerAmend(db, viewer, amendId.data);
    revalidatePath('/amends');
    revalidatePath(`/amends/${amendId.data}`);
    if (createdCommitmentId) revalidatePath('/commitments');
    const message = offer
      ? 'Offered. Your partner can read it now; there is nothing they have to do with it.'
      : createdCommitmentId
        ? 'Draft saved, with your new commitment linked. Only you can see the draft.'
        : 'Draft saved. Only you can see it.';
    return { ok: true, message };
  }, values);
}

export async function deleteAmendDraftAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const amendId = amendIdSchema.safeParse(formData.get('amendId'));
  if (!amendId.success) return amendGone;
  if (formData.get('confirm') !== 'yes') return { ok: false, fieldErrors: { confirm: ['Tick the box to confirm.'] }, message: 'Please confirm first.' };
  const result = await authedAction(async ({ viewer, db }) => {
    await deleteAmendDraft(db, viewer, amendId.data);
    return { ok: true };
  });
  if (!result.ok) return result;
  revalidatePath('/amends');
  redirect('/amends?deleted=1');
}

export async function withdrawAmendAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const amendId = amendIdSchema.safeParse(formData.get('amendId'));
  if (!amendId.success) return amendGone;
  return authedAction(async ({ viewer, db }) => {
    await withdrawAmend(db, viewer, amendId.data);
    revalidatePath('/amends');
    revalidatePath(`/amends/${amendId.data}`);
    return { ok: true, message: 'Withdrawn. Your partner now only sees that an amend was withdrawn.' };
  });
}

export async function receiveAmendAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData, ['words']);
  const amendId = amendIdSchema.safeParse(formData.get('amendId'));
  if (!amendId.success) return amendGone;
  return authedAction(async ({ viewer, db }) => {
    await receiveAmend(db, viewer, amendId.data, { words: values.words });
    revalidatePath('/amends');
    revalidatePath(`/amends/${amendId.data}`);
    return { ok: true, message: 'Your partner can see that it reached you.' };
  }, values);
}

export async function saveHowItAffectedMeAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData, ['text']);
  const amendId = amendIdSchema.safeParse(formData.get('amendId'));
  if (!amendId.success) return amendGone;
  return authedAction(async ({ viewer, db }) => {
    await saveHowItAffectedMe(db, viewer, amendId.data, { text: values.text });
    revalidatePath('/amends');
    revalidatePath(`/amends/${amendId.data}`);
    return { ok: true, message: 'Saved. Your partner can read it beside their own understanding.' };
  }, values);
}
