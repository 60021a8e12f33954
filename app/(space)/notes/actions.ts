'use server';
/**
 * Notes: thin server actions. Each validates its form, asks the domain (which asks the authorization
 * module), and answers with field messages or a calm message; nothing is half-saved (domain
 * functions run in transactions).
 */
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { parseFeelingsField } from '@/server/domain/feelings/feeling-input';
import { acknowledgeNote } from '@/server/domain/notes/acknowledge-note';
import { createNote } from '@/server/domain/notes/create-note';
import { deleteNoteDraft } from '@/server/domain/notes/delete-note-draft';
import { replyToNote } from '@/server/domain/notes/reply-to-note';
import { retractNote } from '@/server/domain/notes/retract-note';
import { shareNote } from '@/server/domain/notes/share-note';
import { updateNoteDraft } from '@/server/domain/notes/update-note-draft';
import { type ActionState, formValues } from '../../_lib/action-result';
import { authedAction } from '../../_lib/authed-action';

const noteIdSchema = z.uuid({ error: 'That note could not be found.' });

function draftInput(formData: FormData) {
  return { feelings: parseFeelingsField(formData.get('feelings')), whatINeed: String(formData.get('whatINeed') ?? '') };
}

function noteIdOf(formData: FormData): string | null {
  const parsed = noteIdSchema.safeParse(formData.get('noteId'));
  return parsed.success ? parsed.data : null;
}

const noteGone: ActionState = { ok: false, message: 'That note could not be found.' };

export async function createNoteAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData, ['feelings', 'whatINeed']);
  let createdId: string | null = null;
  const result = await authedAction(async ({ viewer, db }) => {
    const note = await createNote(db, viewer, draftInput(formData));
    createdId = note.id;
    return { ok: true };
  }, values);
  if (!createdId) return result;
  revalidatePath('/notes');
  redirect(`/notes/${createdId}?created=1`);
}

/** The draft form's two buttons: "Save draft" (intent=save) and "Share" (intent=share, saves first). */
export async function saveOrShareNoteAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData, ['feelings', 'whatINeed']);
  const noteId = noteIdOf(formData);
  if (!noteId) return noteGone;
  const share = formData.get('intent') === 'share';
  return authedAction(async ({ viewer, db }) => {
    await updateNoteDraft(db, viewer, noteId, draftInput(formData));
    if (share) await shareNote(db, viewer, noteId);
    revalidatePath('/notes');
    revalidatePath(`/notes/${noteId}`);
    return { ok: true, message: share ? 'Shared. Your partner can read it now.' : 'Draft saved. Only you can see it.' };
  }, values);
}

export async function deleteNoteDraftAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const noteId = noteIdOf(formData);
  if (!noteId) return noteGone;
  if (formData.get('confirm') !== 'yes') return { ok: false, fieldErrors: { confirm: ['Tick the box to confirm.'] }, message: 'Please confirm first.' };
  let forget = '';
  const result = await authedAction(async ({ viewer, db }) => {
    forget = (await deleteNoteDraft(db, viewer, noteId)).documentId;
    return { ok: true };
  });
  if (!result.ok) return result;
  revalidatePath('/notes');
  redirect(`/notes?deleted=1&forget=${forget}`);
}

export async function retractNoteAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const noteId = noteIdOf(formData);
  if (!noteId) return noteGone;
  return authedAction(async ({ viewer, db }) => {
    await retractNote(db, viewer, noteId);
    revalidatePath('/notes');
    revalidatePath(`/notes/${noteId}`);
    return { ok: true, message: 'Retracted. Your partner now only sees that a note was retracted.' };
  });
}

export async function acknowledgeNoteAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData, ['response']);
  const noteId = noteIdOf(formData);
  if (!noteId) return noteGone;
  return authedAction(async ({ viewer, db }) => {
    await acknowledgeNote(db, viewer, noteId, { response: values.response });
    revalidatePath('/notes');
    revalidatePath(`/notes/${noteId}`);
    return { ok: true, message: 'Thank you. Your partner can see that you read it.' };
  }, values);
}

export async function replyToNoteAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData, ['body']);
  const noteId = noteIdOf(formData);
  if (!noteId) return noteGone;
  return authedAction(async ({ viewer, db }) => {
    await replyToNote(db, viewer, noteId, { body: values.body });
    revalidatePath(`/notes/${noteId}`);
    return { ok: true, message: 'Reply added.' };
  }, values);
}

/**
 * Autosave of a draft's feelings and need while the author edits (the text saves itself through its
 * document). Called from the draft form, debounced; answers field messages without saving when the
 * choice is not valid yet (no feeling chosen, for example).
 */
export async function autosaveNoteDraftAction(noteId: string, feelingsJson: string, whatINeed: string): Promise<ActionState> {
  const id = noteIdSchema.safeParse(noteId);
  if (!id.success || typeof feelingsJson !== 'string' || typeof whatINeed !== 'string') return noteGone;
  return authedAction(async ({ viewer, db }) => {
    await updateNoteDraft(db, viewer, id.data, { feelings: parseFeelingsField(feelingsJson), whatINeed });
    return { ok: true, message: 'Saved' };
  });
}
