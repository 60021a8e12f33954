import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addToAttribution, describeChange, diffStates, emptyAttribution } from '../../../server/domain/history/diff-states';
import { reconstructState } from '../../../server/domain/history/reconstruct-state';
import { Editor, LoggingServer, editLive } from './agreement-editing';

function diffBetween(server: LoggingServer, from: number, to: number) {
  const attribution = emptyAttribution();
  for (const entry of server.log.filter((u) => u.seq > from && u.seq <= to)) addToAttribution(attribution, entry.update, entry.authorId);
  return diffStates(reconstructState(server.piecesAt(from)), reconstructState(server.piecesAt(to)), attribution);
}

describe('diff of two points', () => {
  it('marks additions and removals in the document, each attributed to its author', () => {
    const server = new LoggingServer(2);
    const alex = new Editor('alex');
    const sam = new Editor('sam');
    editLive(server, alex, (e) => e.addParagraph('We talk every evening'));
    editLive(server, alex, (e) => e.addParagraph('No phones at dinner'));
    const signed = server.log.length;
    editLive(server, sam, (e) => e.typeInto(0, 'We talk every evening'.length, ' for ten minutes'));
    editLive(server, sam, (e) => e.addParagraph('We each take a walk alone on Sundays'));
    editLive(server, alex, (e) => e.removeParagraph(1));
    editLive(server, sam, (e) => e.deleteFrom(0, 3, 5));

    const diff = diffBetween(server, signed, server.log.length);
    expect(diff.changed).toBe(true);
    const [first, second, third] = diff.blocks;
    expect(first?.status).toBe('same');
    expect(first?.segments).toEqual([
      { text: 'We ', status: 'same', marks: [], authorId: null },
      { text: 'talk ', status: 'removed', marks: [], authorId: 'sam' },
      { text: 'every evening', status: 'same', marks: [], authorId: null },
      { text: ' for ten minutes', status: 'added', marks: [], authorId: 'sam' },
    ]);
    expect(second).toMatchObject({ status: 'removed', segments: [{ text: 'No phones at dinner', status: 'removed', authorId: 'alex' }] });
    expect(third).toMatchObject({ status: 'added', segments: [{ text: 'We each take a walk alone on Sundays', status: 'added', authorId: 'sam' }] });

    const sam_ = diff.changes.find((c) => c.authorId === 'sam');
    const alex_ = diff.changes.find((c) => c.authorId === 'alex');
    expect(sam_).toEqual({ authorId: 'sam', paragraphsAdded: 1, paragraphsRemoved: 0, wordsAdded: 3, wordsRemoved: 1 });
    expect(describeChange('Sam', sam_!)).toBe('Sam added 1 paragraph and 3 words, removed 1 word');
    expect(describeChange('Alex', alex_!)).toBe('Alex removed 1 paragraph');
  });

  it('ignores text added and removed again between the two points, and reports no change for equal points', () => {
    const server = new LoggingServer(0);
    const alex = new Editor('alex');
    editLive(server, alex, (e) => e.addParagraph('Kept'));
    const from = server.log.length;
    editLive(server, alex, (e) => e.addParagraph('Gone again'));
    editLive(server, alex, (e) => e.removeParagraph(1));
    const diff = diffBetween(server, from, server.log.length);
    expect(diff.blocks.map((b) => [b.status, b.segments.map((s) => s.text).join('')])).toEqual([['same', 'Kept']]);
    expect(diff.changed).toBe(false);
    expect(diffBetween(server, from, from).changed).toBe(false);
  });

  it('splits a merged Yjs item at the compared point: only the new characters are added', () => {
    const server = new LoggingServer(0);
    const alex = new Editor('alex');
    editLive(server, alex, (e) => e.addParagraph('abc'));
    const from = server.log.length;
    editLive(server, alex, (e) => e.typeInto(0, 3, 'def'));
    const merged = new Y.Doc({ gc: false });
    Y.applyUpdate(merged, reconstructState(server.piecesAt(server.log.length)));
    const diff = diffBetween(server, from, server.log.length);
    expect(diff.blocks[0]?.segments.map((s) => [s.text, s.status])).toEqual([
      ['abc', 'same'],
      ['def', 'added'],
    ]);
  });
});

describe('restoring an earlier state', () => {
  it('builds a forward edit that makes the document say exactly what it said then, touching only changed blocks', async () => {
    const { buildRestoreUpdate } = await import('../../../server/domain/history/build-restore-update');
    const { canonicalText } = await import('../../../server/domain/history/canonical-text');
    const { docFromState } = await import('../../../server/domain/history/reconstruct-state');
    const server = new LoggingServer(3);
    const alex = new Editor('alex');
    const sam = new Editor('sam');
    editLive(server, alex, (e) => e.addParagraph('One'));
    editLive(server, alex, (e) => e.addBulletList(['Two', 'Three']));
    editLive(server, alex, (e) => e.addParagraph('Four'));
    const signed = server.log.length;
    const signedText = canonicalText(server.doc);
    editLive(server, sam, (e) => e.removeParagraph(2));
    editLive(server, sam, (e) => e.typeInto(0, 3, ' and a half'));
    editLive(server, sam, (e) => e.addParagraph('Five'));
    const update = buildRestoreUpdate(reconstructState(server.piecesAt(server.log.length)), reconstructState(server.piecesAt(signed)));
    expect(update).not.toBeNull();
    server.receive(update!, 'sam');
    expect(canonicalText(server.doc)).toBe(signedText);
    expect(canonicalText(docFromState(reconstructState(server.piecesAt(server.log.length))))).toBe(signedText);
    // The bullet list was never changed, so the restore leaves it alone.
    const diff = diffBetween(server, server.log.length - 1, server.log.length);
    expect(diff.blocks.filter((b) => b.list).every((b) => b.status === 'same')).toBe(true);
    // A changed sentence is restored by editing its words, so the restore reads as exactly that change.
    expect(diff.blocks[0]?.segments.map((s) => [s.text, s.status, s.authorId])).toEqual([
      ['One', 'same', null],
      [' and a half', 'removed', 'sam'],
    ]);
    expect(diff.blocks.at(-1)?.segments.map((s) => [s.text, s.status])).toEqual([
      ['Five', 'removed'],
      ['Four', 'added'],
    ]);
    expect(diff.changes).toEqual([
      { authorId: 'sam', paragraphsAdded: 0, paragraphsRemoved: 0, wordsAdded: 1, wordsRemoved: 4 },
    ]);
    // Seen from the signed version, the restored text has not changed at all.
    expect(diffBetween(server, signed, server.log.length).changed).toBe(false);
    expect(buildRestoreUpdate(reconstructState(server.piecesAt(server.log.length)), reconstructState(server.piecesAt(signed)))).toBeNull();
  });
});
