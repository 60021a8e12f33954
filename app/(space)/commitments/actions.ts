'use server';
/**
 * Commitments: thin server actions. Each reads its form, asks the domain (which asks the
 * authorization module and validates with zod), and answers with field messages or a calm message;
 * nothing is half-saved (domain functions run in transactions).
 */
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { findMembership } from '@/server/access/authorization';
import { getDb } from '@/server/db/process-database';
import { acceptCommitment } from '@/server/domain/commitments/accept-commitment';
import { changeCommitment } from '@/server/domain/commitments/change-commitment';
import { checkInOnCommitment } from '@/server/domain/commitments/check-in-on-commitment';
import { completeCommitment } from '@/server/domain/commitments/complete-commitment';
import { createCommitment } from '@/server/domain/commitments/create-commitment';
import { declineCommitment } from '@/server/domain/commitments/decline-commitment';
import { listClausesOfAgreement } from '@/server/domain/commitments/list-clauses-of-agreement';
import { pauseCommitment } from '@/server/domain/commitments/pause-commitment';
import { requestCommitment } from '@/server/domain/commitments/request-commitment';
import { resumeCommitment } from '@/server/domain/commitments/resume-commitment';
import { turnNextStepIntoCommitment } from '@/server/domain/commitments/turn-next-step-into-commitment';
import { AppError, isAppError } from '@/server/domain/errors';
import { type ActionState, formValues } from '../../_lib/action-result';
import { authedAction } from '../../_lib/authed-action';
import { viewerOrThrow } from '../../_lib/viewer';

const idSchema = z.uuid();
const gone: ActionState = { ok: false, message: 'That commitment could not be found.' };

const FORM_FIELDS = ['text', 'who', 'cadenceKind', 'everyDays', 'byDate', 'startDate', 'reviewDate', 'timeZone', 'agreementId', 'clause', 'conversationId'];

/** The form's fields as the domain's input; anything malformed is passed on for zod to name. */
function commitmentInput(formData: FormData, raw: Record<string, string>) {
  const values = (name: string) => raw[name] ?? '';
  const kind = values('cadenceKind');
  const cadence =
    kind === 'weekly'
      ? { kind, days: formData.getAll('weekday').map((d) => Number(d)) }
      : kind === 'every'
        ? { kind, days: values('everyDays') === '' ? Number.NaN : Number(values('everyDays')) }
        : kind === 'once'
          ? { kind, by: values('byDate') }
          : { kind };
  const [client, clock] = values('clause').split(':').map((n) => Number(n));
  const clause = values('agreementId') && values('clause') ? { documentId: values('agreementId'), client, clock } : undefined;
  return { text: values('text'), cadence, startDate: values('startDate'), reviewDate: values('reviewDate') || undefined, timeZone: values('timeZone'), clause };
}

/** "I will …" (mine), "Would you …" (asking the partner), or a conversation's next step made mine. */
export async function createCommitmentAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData, FORM_FIELDS);
  // The chosen weekdays come back too, so a refused form keeps them ticked.
  values.weekdays = formData.getAll('weekday').map(String).join(',');
  let createdId: string | null = null;
  const result = await authedAction(async ({ viewer, db }) => {
    const input = commitmentInput(formData, values);
    const conversationId = values.conversationId ?? '';
    if (conversationId) {
      if (!idSchema.safeParse(conversationId).success) throw new AppError('not-found', 'That conversation could not be found.');
      createdId = (await turnNextStepIntoCommitment(db, viewer, conversationId, input)).id;
    } else {
      const membership = await findMembership(db, viewer.userId);
      if (!membership) throw new AppError('conflict', 'Commitments live in an open space you share with your partner.');
      const row = values.who === 'partner' ? await requestCommitment(db, viewer, membership.spaceId, input) : await createCommitment(db, viewer, membership.spaceId, input);
      createdId = row.id;
    }
    return { ok: true };
  }, values);
  if (!createdId) return result;
  revalidatePath('/commitments');
  redirect(`/commitments/${createdId}?created=1`);
}

export async function checkInAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData, ['commitmentId', 'periodStart', 'value', 'note']);
  const commitmentId = values.commitmentId ?? '';
  if (!idSchema.safeParse(commitmentId).success) return gone;
  return authedAction(async ({ viewer, db }) => {
    const outcome = await checkInOnCommitment(db, viewer, commitmentId, { periodStart: values.periodStart, value: values.value, note: values.note });
    revalidatePath(`/commitments/${commitmentId}`);
    const message =
      outcome === 'hidden-until-both'
        ? 'Thank you. Your view is kept; you will both see each other’s once you have both given yours, or when the period ends.'
        : 'Thank you. You can both see each other’s view of this period now.';
    return { ok: true, message };
  }, values);
}

const STEPS = {
  accept: { run: acceptCommitment, done: 'Accepted. It is yours now.' },
  decline: { run: declineCommitment, done: 'Declined. Your note is with it.' },
  pause: { run: pauseCommitment, done: 'Paused. Nothing is due while it rests.' },
  resume: { run: resumeCommitment, done: 'Resumed.' },
  complete: { run: completeCommitment, done: 'Completed. Its history stays for you both.' },
} as const;

/** Accept, decline, pause, resume or complete, with an optional note. */
export async function commitmentStepAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData, ['commitmentId', 'step', 'note', 'timeZone']);
  const commitmentId = values.commitmentId ?? '';
  if (!idSchema.safeParse(commitmentId).success) return gone;
  const step = STEPS[values.step as keyof typeof STEPS];
  if (!step) return { ok: false, message: 'That step is not one a commitment takes.' };
  return authedAction(async ({ viewer, db }) => {
    const input = values.step === 'accept' ? { note: values.note, timeZone: values.timeZone || undefined } : { note: values.note };
    await step.run(db, viewer, commitmentId, input);
    revalidatePath('/commitments');
    revalidatePath(`/commitments/${commitmentId}`);
    return { ok: true, message: step.done };
  }, values);
}

export async function changeCommitmentAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData, ['commitmentId', 'text', 'note']);
  const commitmentId = values.commitmentId ?? '';
  if (!idSchema.safeParse(commitmentId).success) return gone;
  return authedAction(async ({ viewer, db }) => {
    const { version } = await changeCommitment(db, viewer, commitmentId, { text: values.text, note: values.note });
    revalidatePath('/commitments');
    revalidatePath(`/commitments/${commitmentId}`);
    return { ok: true, message: `Changed. This is version ${version}; the earlier words stay in its history.` };
  }, values);
}

/** The clause picker: the top-level blocks of one agreement of the viewer's space. */
export async function listClausesAction(agreementId: string): Promise<{ ok: boolean; clauses: Array<{ value: string; text: string }>; message?: string }> {
  if (!idSchema.safeParse(agreementId).success) return { ok: false, clauses: [], message: 'That agreement could not be found.' };
  try {
    const clauses = await listClausesOfAgreement(getDb(), await viewerOrThrow(), agreementId);
    return { ok: true, clauses: clauses.map((c) => ({ value: `${c.client}:${c.clock}`, text: c.text })) };
  } catch (error) {
    if (isAppError(error)) return { ok: false, clauses: [], message: error.message };
    console.error('Listing clauses failed:', error);
    return { ok: false, clauses: [], message: 'The clauses could not be read just now. Please try again.' };
  }
}
