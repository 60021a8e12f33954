import { and, eq, inArray } from 'drizzle-orm';
import { commitments, type CommitmentStatus } from '../../../drizzle/schema';
import type { Executor } from '../../db/database';
import { checkCommitmentDates } from '../commitments/check-commitment-dates';
import { commitmentInputSchema } from '../commitments/commitment-input';
import { AppError, invalidInput } from '../errors';
import { fieldErrorsOf } from '@/server/domain/field-errors';
import { amendDraftSchema } from './amend-input';

/** Commitments the author has made and still stands by (not one only asked of them, not declined). */
const LINKABLE: CommitmentStatus[] = ['active', 'paused', 'completed'];

export const NOT_YOUR_COMMITMENT = 'Link only commitments you have made yourself in this space.';

export interface CheckedAmendDraft {
  whatIDid: string;
  howItAffectedYou: string;
  commitmentIds: string[];
  /** The raw "I will …" to hand to createCommitment, already checked; null when none was asked for. */
  newCommitment: unknown;
}

/**
 * Everything an amend draft asks for, checked before anything is written, so a bad field anywhere
 * (the amend's words, a link, or the new commitment made in place) saves nothing at all. Field
 * messages of the new commitment are named `commitment…` (commitmentText, commitmentCadence…) so
 * the form shows them beside its own fields.
 */
export async function checkAmendDraft(db: Executor, who: { spaceId: string; userId: string }, input: unknown, now: Date): Promise<CheckedAmendDraft> {
  const errors: Record<string, string[]> = {};
  const parsed = amendDraftSchema.safeParse(input ?? {});
  if (!parsed.success) Object.assign(errors, fieldErrorsOf(parsed.error));
  const newCommitment = parsed.success ? parsed.data.newCommitment : (input as { newCommitment?: unknown } | null)?.newCommitment;
  if (newCommitment !== undefined && newCommitment !== null) {
    const commitment = commitmentInputSchema.safeParse(newCommitment);
    if (!commitment.success) Object.assign(errors, prefixed(fieldErrorsOf(commitment.error)));
    else {
      try {
        checkCommitmentDates(commitment.data, now);
      } catch (error) {
        if (error instanceof AppError && error.fieldErrors) Object.assign(errors, prefixed(error.fieldErrors));
        else throw error;
      }
    }
  }
  if (parsed.success && !(await areOwnCommitments(db, who, parsed.data.commitmentIds))) errors.commitmentIds = [NOT_YOUR_COMMITMENT];
  if (!parsed.success || Object.keys(errors).length) throw invalidInput('Please check the highlighted fields.', errors);
  const { whatIDid, howItAffectedYou, commitmentIds } = parsed.data;
  return { whatIDid, howItAffectedYou, commitmentIds, newCommitment: newCommitment ?? null };
}

/** True when every id is a commitment the person made in this space (an amend repairs with one's own doing). */
export async function areOwnCommitments(db: Executor, who: { spaceId: string; userId: string }, ids: string[]): Promise<boolean> {
  if (ids.length === 0) return true;
  const rows = await db
    .select({ id: commitments.id })
    .from(commitments)
    .where(and(inArray(commitments.id, ids), eq(commitments.spaceId, who.spaceId), eq(commitments.ownerId, who.userId), inArray(commitments.status, LINKABLE)));
  return rows.length === ids.length;
}

function prefixed(fieldErrors: Record<string, string[]>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(fieldErrors).map(([key, messages]) => [`commitment${key.charAt(0).toUpperCase()}${key.slice(1)}`, messages]));
}
