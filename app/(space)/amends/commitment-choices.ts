import type { Database } from '@/server/db/database';
import type { Viewer } from '@/server/access/authorization';
import { listCommitments } from '@/server/domain/commitments/list-commitments';
import { describeCadenceText } from '../commitments/format';
import type { CommitmentChoice } from './amend-forms';

/** The viewer's own commitments an amend may link to: ones they made and still stand by. */
export async function listCommitmentChoices(db: Database, viewer: Viewer & object): Promise<CommitmentChoice[]> {
  const mine = await listCommitments(db, viewer, { ownerId: viewer.userId, status: ['active', 'paused', 'completed'] });
  return mine.map((c) => ({ id: c.id, text: c.text, detail: c.status === 'active' ? describeCadenceText(c.cadence) : c.status }));
}
