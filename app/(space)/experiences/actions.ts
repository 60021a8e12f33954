'use server';
/**
 * Shared experiences: thin server actions. Each reads its form, asks the domain (which asks the
 * authorization module) and answers with field messages or a calm message; nothing is half-saved.
 * A memory with a photo is not sent here (a server action takes 1 MB at most) but to the memory
 * route beside the experience's page.
 */
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getDb } from '@/server/db/process-database';
import { unauthenticated } from '@/server/domain/errors';
import { addExperience, addSuggestedExperience } from '@/server/domain/experiences/add-experience';
import { deleteExperience } from '@/server/domain/experiences/delete-experience';
import { editExperience } from '@/server/domain/experiences/edit-experience';
import { markExperienceDone } from '@/server/domain/experiences/mark-experience-done';
import { planExperience } from '@/server/domain/experiences/plan-experience';
import { deleteMemory, removeMemoryPhoto } from '@/server/domain/experiences/remove-memory';
import { formValues, runAction, type ActionState } from '../../_lib/action-result';
import { getViewer } from '../../_lib/viewer';

async function viewerOrThrow() {
  const viewer = await getViewer();
  if (!viewer) throw unauthenticated();
  return viewer;
}

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
  return runAction(async () => {
    await addExperience(getDb(), await viewerOrThrow(), text(formData, 'spaceId'), values);
    refreshPages();
    return { ok: true, message: 'Added to your list.' };
  }, values);
}

export async function addSuggestionAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(async () => {
    await addSuggestedExperience(getDb(), await viewerOrThrow(), text(formData, 'spaceId'), text(formData, 'suggestionId'));
    refreshPages();
    return { ok: true, message: 'Added to your list. You can change its words.' };
  });
}

export async function editExperienceAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData, ['title', 'notes', 'link']);
  const experienceId = text(formData, 'experienceId');
  return runAction(async () => {
    await editExperience(getDb(), await viewerOrThrow(), experienceId, values);
    refreshPages(experienceId);
    return { ok: true, message: 'Saved.' };
  }, values);
}

export async function planExperienceAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData, ['when', 'timeZone']);
  const experienceId = text(formData, 'experienceId');
  return runAction(async () => {
    await planExperience(getDb(), await viewerOrThrow(), experienceId, values);
    refreshPages(experienceId);
    return { ok: true, message: 'Planned. You will both see it under “Planned”.' };
  }, values);
}

export async function markDoneAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const experienceId = text(formData, 'experienceId');
  return runAction(async () => {
    await markExperienceDone(getDb(), await viewerOrThrow(), experienceId);
    refreshPages(experienceId);
    return { ok: true, message: 'Marked as done. Each of you can add a memory of it now.' };
  });
}

export async function deleteExperienceAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const experienceId = text(formData, 'experienceId');
  const result = await runAction(async () => {
    await deleteExperience(getDb(), await viewerOrThrow(), experienceId);
    refreshPages(experienceId);
    return { ok: true };
  });
  if (!result.ok) return result;
  redirect('/experiences?removed=1');
}

export async function removeMemoryPhotoAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const experienceId = text(formData, 'experienceId');
  return runAction(async () => {
    await removeMemoryPhoto(getDb(), await viewerOrThrow(), experienceId);
    refreshPages(experienceId);
    return { ok: true, message: 'The photo was deleted.' };
  });
}

export async function deleteMemoryAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const experienceId = text(formData, 'experienceId');
  return runAction(async () => {
    await deleteMemory(getDb(), await viewerOrThrow(), experienceId);
    refreshPages(experienceId);
    return { ok: true, message: 'Your memory was removed.' };
  });
}
