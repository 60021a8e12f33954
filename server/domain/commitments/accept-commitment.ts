import type { Database } from '../../db/database';
import type { Viewer } from '../../access/authorization';
import { conflict, invalidInput } from '../errors';
import { fieldErrorsOf } from '@/server/domain/field-errors';
import { acceptInputSchema } from './commitment-input';
import { localDate } from './periods';
import { takeCommitmentStep } from './take-commitment-step';

/**
 * The one asked accepts: the commitment becomes active and theirs, in their own time zone (from their
 * browser), starting no earlier than today there. A "once, by" date already past cannot be accepted:
 * they decline, and the partner can ask again with a new date.
 */
export async function acceptCommitment(db: Database, viewer: Viewer, commitmentId: string, input: unknown = {}, now = new Date()): Promise<void> {
  const parsed = acceptInputSchema.safeParse(input ?? {});
  if (!parsed.success) throw invalidInput('Please check the highlighted fields.', fieldErrorsOf(parsed.error));
  await takeCommitmentStep(db, viewer, commitmentId, { note: parsed.data.note ?? undefined }, { action: 'accept', type: 'accepted', status: 'active', now }, (commitment) => {
    const timeZone = parsed.data.timeZone ?? commitment.timeZone;
    const today = localDate(now, timeZone);
    if (commitment.cadence.kind === 'once' && commitment.cadence.by < today) throw conflict('The date this was asked by has passed. Decline it, and your partner can ask again with a new date.');
    return { timeZone, startDate: commitment.startDate < today ? today : commitment.startDate };
  });
}
