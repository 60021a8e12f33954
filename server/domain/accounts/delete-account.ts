import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import {
  documents,
  emailTokens,
  noticeDeliveries,
  noticePreferences,
  pushSubscriptions,
  recoveryCodes,
  twoFactor,
  userSessions,
  users,
} from '../../../drizzle/schema';
import type { Database } from '../../db/database';
import { findMembership, listClosedSpaces } from '../../access/authorization';
import { hashPassword, verifyPassword } from '../../auth/password';
import { eraseUnrevealedCheckIns as eraseUnrevealedCommitmentCheckIns } from '../commitments/erase-unrevealed-check-ins';
import { eraseUnrevealedCheckIns } from '../conversations/end-conversations-on-close';
import { deletePhotosOfPerson } from '../experiences/delete-photos-of-person';
import { publishDocumentAccessChanged } from '../../events/access-events';
import { publishSessionsRevoked } from '../../events/session-events';
import { announceLeaving, leaveSpaceWithin, type LeaveResult } from '../spaces/leave-space';
import { invalidInput, notFound } from '../errors';

/** How a deleted person appears wherever something they shared is kept: never "Mend", never their old name. */
export const DELETED_ACCOUNT_NAME = 'Former partner (account deleted)';

/**
 * Delete a person's account for good, in one transaction:
 * - they leave their space (it closes; the partner keeps read-only access to everything they shared:
 *   agreement text, signatures, shared notes with the partner's replies) and every closed space they
 *   had stayed in goes, since nobody else can read it any more;
 * - everything private goes for good: the journal, drafts, retracted notes, unrevealed check-ins,
 *   with their update logs and snapshots, the photos they uploaded, and every signed-in session;
 * - the users row stays as a tombstone (name DELETED_ACCOUNT_NAME, email and password unusable, so
 *   the address is free to sign up again) so what the partner keeps stays attributed to a former
 *   partner instead of falling back to "Mend".
 * The password is asked again so that a borrowed, signed-in device cannot do this.
 */
export async function deleteAccount(db: Database, userId: string, password: string, now = new Date()): Promise<void> {
  const [user] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  if (!user || user.deletedAt) throw notFound('That account');
  if (!(await verifyPassword(user.passwordHash, password))) {
    throw invalidInput('That password is not right.', { password: ['That password is not right.'] });
  }
  // A hash of random bytes nobody knows: even a bug in the deleted-account check could not sign in.
  const unusablePasswordHash = await hashPassword(randomBytes(32).toString('base64url'));
  const result = await db.transaction(async (tx) => {
    const memberships = [await findMembership(tx, userId), ...(await listClosedSpaces(tx, userId))].filter((m) => m !== null);
    const left: LeaveResult[] = [];
    for (const membership of memberships) left.push(await leaveSpaceWithin(tx, membership, now));
    const journal = await tx
      .delete(documents)
      .where(and(eq(documents.ownerId, userId), eq(documents.kind, 'journal')))
      .returning({ id: documents.id });
    await eraseUnrevealedCheckIns(tx, { userId });
    await eraseUnrevealedCommitmentCheckIns(tx, { userId });
    // Photos show faces and places: they go with the account, though the memory's words stay.
    await deletePhotosOfPerson(tx, userId);
    // The tombstone keeps the users row, so nothing hanging off it goes by cascade: every private
    // row of the account is deleted here.
    await tx.delete(userSessions).where(eq(userSessions.userId, userId));
    await tx.delete(noticePreferences).where(eq(noticePreferences.userId, userId));
    await tx.delete(pushSubscriptions).where(eq(pushSubscriptions.userId, userId));
    await tx.delete(noticeDeliveries).where(eq(noticeDeliveries.userId, userId));
    await tx.delete(emailTokens).where(eq(emailTokens.userId, userId));
    await tx.delete(twoFactor).where(eq(twoFactor.userId, userId));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    await tx
      .update(users)
      .set({ name: DELETED_ACCOUNT_NAME, email: `deleted-${userId}@account-deleted.invalid`, passwordHash: unusablePasswordHash, deletedAt: now })
      .where(eq(users.id, userId));
    return { left, journalDocumentIds: journal.map((row) => row.id) };
  });
  publishSessionsRevoked({ userId, sessionIds: null });
  for (const leaving of result.left) await announceLeaving(leaving);
  await publishDocumentAccessChanged(result.journalDocumentIds);
}
