import { describe, expect, it } from 'vitest';
import { createNote } from '../../../server/domain/notes/create-note';
import { getNote } from '../../../server/domain/notes/get-note';
import { listNotes } from '../../../server/domain/notes/list-notes';
import { shareNote } from '../../../server/domain/notes/share-note';
import { leaveSpace } from '../../../server/domain/spaces/leave-space';
import { makeCouple } from '../../support/fixtures';
import { testDatabaseKinds, useTestDatabase } from '../../support/use-test-database';

describe.each(testDatabaseKinds())('leaving the space on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('keeps for the partner the notes that were shared with them, and nothing that was private', async () => {
    const { alex, sam, space } = await makeCouple(t.db);
    const shared = await createNote(t.db, { userId: sam.id }, { feelings: [{ family: 'hope', word: 'hopeful', intensity: 3 }], whatINeed: 'time' });
    await shareNote(t.db, { userId: sam.id }, shared.id);
    const draft = await createNote(t.db, { userId: sam.id }, { feelings: [{ family: 'fear', word: 'afraid', intensity: 2 }], whatINeed: 'not yet' });
    await leaveSpace(t.db, { userId: sam.id }, space.id);
    const visible = await listNotes(t.db, { userId: alex.id });
    expect(visible.map((n) => n.id)).toEqual([shared.id]);
    expect((await getNote(t.db, { userId: alex.id }, shared.id)).id).toBe(shared.id);
    await expect(getNote(t.db, { userId: alex.id }, draft.id)).rejects.toMatchObject({ code: 'not-found' });
  });
});
