import { eq } from 'drizzle-orm';
import { noteFeelings } from '../../../drizzle/schema';
import type { Executor } from '../../db/database';
import type { Feeling } from '../feelings/feeling-input';

/** Replaces a note's feelings, in order. Runs inside the caller's transaction. */
export async function saveNoteFeelings(tx: Executor, noteId: string, feelings: Feeling[]): Promise<void> {
  await tx.delete(noteFeelings).where(eq(noteFeelings.noteId, noteId));
  if (feelings.length === 0) return;
  await tx.insert(noteFeelings).values(feelings.map((f, position) => ({ noteId, position, family: f.family, word: f.word, ownWords: f.ownWords, intensity: f.intensity })));
}
