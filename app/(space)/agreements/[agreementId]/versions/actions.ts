'use server';
/**
 * Thin server actions for versions and restores: validate the form with zod, call one domain
 * function (which asks the authorization module), map errors to a calm message.
 */
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { proposeVersion, proposeVersionSchema } from '@/server/domain/versions/propose-version';
import { requestChangesSchema, requestVersionChanges } from '@/server/domain/versions/request-version-changes';
import { restoreAgreement } from '@/server/domain/versions/restore-agreement';
import { signVersion } from '@/server/domain/versions/sign-version';
import { verifyAgreementHistory } from '@/server/domain/versions/verify-agreement-history';
import { type ActionState, formValues, invalid } from '../../../../_lib/action-result';
import { authedAction } from '../../../../_lib/authed-action';

const agreementIdSchema = z.object({ agreementId: z.uuid({ error: 'That agreement could not be found.' }) });
const versionNumberSchema = z.coerce.number({ error: 'That version could not be found.' }).int('That version could not be found.').min(1, 'That version could not be found.').max(1_000_000, 'That version could not be found.');
const versionSchema = agreementIdSchema.extend({ number: versionNumberSchema });
const proposeSchema = agreementIdSchema.extend({ note: z.string().max(5000, 'Keep the note under 500 characters.') });
const changesSchema = versionSchema.extend({ comment: z.string().max(10_000, 'Keep the message under 1,000 characters.') });
const restoreSchema = agreementIdSchema.extend({
  seq: z.union([z.literal(''), z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER)], { error: 'That point is not in this agreement’s history.' }),
  number: z.union([z.literal(''), versionNumberSchema]),
});

function revalidateAgreement(agreementId: string) {
  revalidatePath(`/agreements/${agreementId}`, 'layout');
}

export async function proposeVersionAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData, ['agreementId', 'note']);
  const parsed = proposeSchema.safeParse(values);
  if (!parsed.success) return invalid(parsed.error, values);
  const note = proposeVersionSchema.safeParse({ note: parsed.data.note });
  if (!note.success) return invalid(note.error, values);
  return authedAction(async ({ viewer, db }) => {
    const version = await proposeVersion(db, viewer, parsed.data.agreementId, { note: note.data.note });
    revalidateAgreement(parsed.data.agreementId);
    return { ok: true, message: `Version ${version.number} is proposed. Your partner has been told; sign it too when you are ready.` };
  }, values);
}

export async function signVersionAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = versionSchema.safeParse(formValues(formData, ['agreementId', 'number']));
  if (!parsed.success) return invalid(parsed.error);
  return authedAction(async ({ viewer, db }) => {
    const { inEffect } = await signVersion(db, viewer, parsed.data.agreementId, parsed.data.number);
    revalidateAgreement(parsed.data.agreementId);
    return {
      ok: true,
      data: { inEffect: inEffect ? 'yes' : 'no' },
      message: inEffect ? `You signed version ${parsed.data.number}. You have both signed it: it is now in effect.` : `You signed version ${parsed.data.number}. It takes effect when your partner signs too.`,
    };
  });
}

export async function requestChangesAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData, ['agreementId', 'number', 'comment']);
  const parsed = changesSchema.safeParse(values);
  if (!parsed.success) return invalid(parsed.error, values);
  const comment = requestChangesSchema.safeParse({ comment: parsed.data.comment });
  if (!comment.success) return invalid(comment.error, values);
  return authedAction(async ({ viewer, db }) => {
    await requestVersionChanges(db, viewer, parsed.data.agreementId, parsed.data.number, comment.data);
    revalidateAgreement(parsed.data.agreementId);
    return { ok: true, message: 'Your partner can see what you would like changed. Edit the agreement together, then propose it again.' };
  }, values);
}

export async function restoreAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = restoreSchema.safeParse(formValues(formData, ['agreementId', 'seq', 'number']));
  if (!parsed.success) return invalid(parsed.error);
  const { agreementId, seq, number } = parsed.data;
  if (seq === '' && number === '') return { ok: false, message: 'Choose a point or a version to restore.' };
  return authedAction(async ({ viewer, db }) => {
    const result = await restoreAgreement(db, viewer, agreementId, number !== '' ? { versionNumber: number } : { seq: seq as number });
    revalidateAgreement(agreementId);
    return { ok: true, message: `Restored from ${result.label}. This is a new edit: the history before it is unchanged.` };
  });
}

export async function verifyHistoryAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = agreementIdSchema.safeParse(formValues(formData, ['agreementId']));
  if (!parsed.success) return invalid(parsed.error);
  return authedAction(async ({ viewer, db }) => {
    const result = await verifyAgreementHistory(db, viewer, parsed.data.agreementId);
    return { ok: result.ok, message: result.message };
  });
}
