'use server';
/**
 * Shared experiences: thin server actions. Each reads its form, asks the domain (which asks the
 * authorization module) and answers with field messages or a calm message; nothing is half-saved.
 * A memory with a photo is not sent here (a server action takes 1 MB at most) but to the memory
 * route beside the experience's page.
 */
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { addExperience, addSuggestedExperience } from '@/server/domain/experiences/add-experience';
import { deleteExperience } from '@/server/domain/experiences/delete-experience';
import { editExperience } from '@/server/domain/experiences/edit-experience';
import { markExperienceDone } from '@/server/domain/experiences/mark-experience-done';
import { planExperience } from '@/server/domain/experiences/plan-experience';
import { deleteMemory, removeMemoryPhoto } from '@/server/domain/experiences/remove-memory';
import { type ActionState, formValues } from '../../_lib/action-result';
import { authedAction } from '../../_lib/authed-action';

const text = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === 'string' ? value : '';
};

function refreshPages(experienceId?: string) {
  revalidatePath('/experiences');
  revalidatePath('/experiences/memories');
  if (experienceId) revalidatePath(`/experiences/${experienceId}`);
}

export async function addExperienceAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData, ['title', 'notes', 'link']);
  return authedAction(async ({ viewer, db }) => {
    await addExperience(db, viewer, text(formData, 'spaceId'), values);
    refreshPages();
    return { ok: true, message: 'Added to your list.' };
  }, values);
}

export async function addSuggestionAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return authedAction(async ({ viewer, db }) => {
    await addSuggestedExperience(db, viewer, text(formData, 'spaceId'), text(formData, 'suggestionId'));
    refreshPages();
    return { ok: true, message: 'Added to your list. You can change its words.' };
  });
}

export async function editExperienceAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData, ['title', 'notes', 'link']);
  const experienceId = text(formData, 'experienceId');
  return authedAction(async ({ viewer, db }) => {
    await editExperience(db, viewer, experienceId, values);
    refreshPages(experienceId);
    return { ok: true, message: 'Saved.' };
  }, values);
}

export async function planExperienceAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData, ['when', 'timeZone']);
  const experienceId = text(formData, 'experienceId');
  return authedAction(async ({ viewer, db }) => {
    await planExperience(db, viewer, experienceId, values);
    refreshPages(experienceId);
    return { ok: true, message: 'Planned. You will both see it under “Planned”.' };
  }, values);
}

export async function markDoneAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const experienceId = text(formData, 'experienceId');
  return authedAction(async ({ viewer, db }) => {
    await markExperienceDone(db, viewer, experienceId);
    refreshPages(experienceId);
    return { ok: true, message: 'Marked as done. Each of you can add a memory of it now.' };
  });
}

export async function deleteExperienceAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const experienceId = text(formData, 'experienceId');
  const result = await authedAction(async ({ viewer, db }) => {
    await deleteExperience(db, viewer, experienceId);
    refreshPages(experienceId);
    return { ok: true };
  });
  if (!result.ok) return result;
  redirect('/experiences?removed=1');
}

export async function removeMemoryPhotoAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const experienceId = text(formData, 'experienceId');
  return authedAction(async ({ viewer, db }) => {
    await removeMemoryPhoto(db, viewer, experienceId);
    refreshPages(experienceId);
    return { ok: true, message: 'The photo was deleted.' };
  });
}

export async function deleteMemoryAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const experienceId = text(formData, 'experienceId');
  return authedAction(async ({ viewer, db }) => {
    await deleteMemory(db, viewer, experienceId);
    refreshPages(experienceId);
    return { ok: true, message: 'Your memory was removed.' };
  });
}
