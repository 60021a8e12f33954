import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalText } from '../../../server/domain/history/canonical-text';
import { addToAttribution, diffStates, emptyAttribution } from '../../../server/domain/history/diff-states';
import { blockText, readBlocks } from '../../../server/domain/history/document-blocks';
import { buildRestoreUpdate } from '../../../server/domain/history/build-restore-update';
import * as Y from 'yjs';
import { docFromState, reconstructState, replayFromStart } from '../../../server/domain/history/reconstruct-state';
import { Editor, LoggingServer } from './agreement-editing';

type Op =
  | { who: 0 | 1; kind: 'paragraph'; text: string; at: number }
  | { who: 0 | 1; kind: 'type'; index: number; offset: number; text: string }
  | { who: 0 | 1; kind: 'delete'; index: number; offset: number; length: number }
  | { who: 0 | 1; kind: 'remove'; index: number }
  | { who: 0 | 1; kind: 'send' }
  | { who: 0 | 1; kind: 'receive' };

const who = fc.constantFrom<0 | 1>(0, 1);
const word = fc.string({ minLength: 1, maxLength: 8, unit: fc.constantFrom('a', 'b', 'c', ' ', 'é', 'z') });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ who, kind: fc.constant('paragraph' as const), text: word, at: fc.nat(6) }),
  fc.record({ who, kind: fc.constant('type' as const), index: fc.nat(6), offset: fc.nat(12), text: word }),
  fc.record({ who, kind: fc.constant('delete' as const), index: fc.nat(6), offset: fc.nat(12), length: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ who, kind: fc.constant('remove' as const), index: fc.nat(6) }),
  fc.record({ who, kind: fc.constant('send' as const) }),
  fc.record({ who, kind: fc.constant('receive' as const) }),
);

describe('reconstructing a past state', () => {
  it('equals the state the server had at that moment, for random concurrent edits by two authors', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 7 }), (ops, snapshotEvery) => {
        const server = new LoggingServer(snapshotEvery);
        const editors = [new Editor('alex'), new Editor('sam')] as const;
        const seen: string[] = [''];
        const afterEach = () => {
          while (seen.length <= server.log.length) seen.push(canonicalText(server.doc));
        };
        for (const step of ops) {
          const editor = editors[step.who];
          if (step.kind === 'paragraph') editor.addParagraph(step.text, step.at);
          else if (step.kind === 'type') editor.typeInto(step.index, step.offset, step.text);
          else if (step.kind === 'delete') editor.deleteFrom(step.index, step.offset, step.length);
          else if (step.kind === 'remove') editor.removeParagraph(step.index);
          else if (step.kind === 'send') server.collectFrom(editor);
          else server.syncTo(editor);
          afterEach();
        }
        server.collectFrom(editors[0]);
        afterEach();
        server.collectFrom(editors[1]);
        afterEach();
        for (let seq = 0; seq <= server.log.length; seq++) {
          const reconstructed = docFromState(reconstructState(server.piecesAt(seq)));
          expect(canonicalText(reconstructed)).toBe(seen[seq]);
          const naive = replayFromStart(server.log.filter((u) => u.seq <= seq).map((u) => u.update));
          expect(canonicalText(naive)).toBe(seen[seq]);
        }
        // The diff between any two points reads as the earlier text without its additions, and as the later text without its removals.
        const plain = (seq: number) => readBlocks(docFromState(reconstructState(server.piecesAt(seq)))).map(blockText);
        for (let from = 0; from <= server.log.length; from += 3) {
          const to = server.log.length - (from % 2);
          if (to < from) continue;
          const attribution = emptyAttribution();
          for (const u of server.log.filter((u) => u.seq > from && u.seq <= to)) addToAttribution(attribution, u.update, u.authorId);
          const diff = diffStates(reconstructState(server.piecesAt(from)), reconstructState(server.piecesAt(to)), attribution);
          const side = (hidden: 'added' | 'removed') =>
            diff.blocks.filter((b) => b.status !== hidden).map((b) => b.segments.filter((s) => s.status !== hidden).map((s) => s.text).join(''));
          expect(side('added')).toEqual(plain(from));
          expect(side('removed')).toEqual(plain(to));
          // The later point given as the updates after the earlier one reads the same as its snapshot + tail.
          const stretch = server.log.filter((u) => u.seq > from && u.seq <= to).map((u) => u.update);
          expect(diffStates(server.piecesAt(from).snapshot ? [server.piecesAt(from).snapshot!, ...server.piecesAt(from).tail] : server.piecesAt(from).tail, stretch, attribution).blocks).toEqual(diff.blocks);
          for (const block of diff.blocks) for (const s of block.segments) if (s.status !== 'same') expect(['alex', 'sam']).toContain(s.authorId);
        }
        // Restoring any earlier point makes the document say exactly what it said then.
        for (let target = 0; target <= server.log.length; target += 4) {
          const now = Y.encodeStateAsUpdate(server.doc);
          const update = buildRestoreUpdate(now, reconstructState(server.piecesAt(target)));
          const restored = docFromState(now);
          if (update) Y.applyUpdate(restored, update);
          expect(canonicalText(restored)).toBe(seen[target]);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('reads headings and lists as Markdown', () => {
    const alex = new Editor('alex');
    alex.addParagraph('Phone and privacy', 0, 'heading');
    alex.addParagraph('We keep our phones unlocked *together*.');
    alex.addBulletList(['No secret accounts', 'Tell each other about new contacts']);
    expect(canonicalText(alex.doc)).toBe(
      '## Phone and privacy\n\nWe keep our phones unlocked \\*together\\*.\n\n- No secret accounts\n- Tell each other about new contacts\n',
    );
  });
});
