'use server';
/** The private journal's server actions. Every one answers "not found" for anything not the viewer's own. */
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { parseFeelingsField } from '@/server/domain/feelings/feeling-input';
import { createJournalEntry } from '@/server/domain/journal/create-journal-entry';
import { deleteJournalEntry } from '@/server/domain/journal/delete-journal-entry';
import { updateJournalEntry } from '@/server/domain/journal/update-journal-entry';
import { type ActionState, formValues } from '../../_lib/action-result';
import { authedAction } from '../../_lib/authed-action';

const entryIdSchema = z.uuid({ error: 'That journal entry could not be found.' });
const entryGone: ActionState = { ok: false, message: 'That journal entry could not be found.' };

function entryInput(formData: FormData) {
  return { entryDate: String(formData.get('entryDate') ?? ''), feelings: parseFeelingsField(formData.get('feelings')) };
}

export async function createJournalEntryAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData, ['entryDate', 'feelings']);
  let createdId: string | null = null;
  const result = await authedAction(async ({ viewer, db }) => {
    const entry = await createJournalEntry(db, viewer, entryInput(formData));
    createdId = entry.id;
    return { ok: true };
  }, values);
  if (!createdId) return result;
  revalidatePath('/journal');
  redirect(`/journal/${createdId}`);
}

export async function updateJournalEntryAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData, ['entryDate', 'feelings']);
  const entryId = entryIdSchema.safeParse(formData.get('entryId'));
  if (!entryId.success) return entryGone;
  return authedAction(async ({ viewer, db }) => {
    await updateJournalEntry(db, viewer, entryId.data, entryInput(formData));
    revalidatePath('/journal');
    revalidatePath(`/journal/${entryId.data}`);
    return { ok: true, message: 'Saved.' };
  }, values);
}

export async function deleteJournalEntryAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const entryId = entryIdSchema.safeParse(formData.get('entryId'));
  if (!entryId.success) return entryGone;
  if (formData.get('confirm') !== 'yes') return { ok: false, fieldErrors: { confirm: ['Tick the box to confirm.'] }, message: 'Please confirm first.' };
  let forget = '';
  const result = await authedAction(async ({ viewer, db }) => {
    forget = (await deleteJournalEntry(db, viewer, entryId.data)).documentId;
    return { ok: true };
  });
  if (!result.ok) return result;
  revalidatePath('/journal');
  // The list page also erases this device's offline copy of the text (see ForgetLocalCopy).
  redirect(`/journal?deleted=1&forget=${forget}`);
}
