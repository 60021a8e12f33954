import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { blocksToMarkdown, canonicalText } from '../../../server/domain/history/canonical-text';
import { addToAttribution, diffReading, diffStates, emptyAttribution } from '../../../server/domain/history/diff-states';
import { blockText, readBlocks } from '../../../server/domain/history/document-blocks';
import { HistoryIndex } from '../../../server/domain/history/history-index';
import { docFromState, reconstructState } from '../../../server/domain/history/reconstruct-state';
import { Editor, LoggingServer } from './agreement-editing';

type Op =
  | { who: 0 | 1; kind: 'paragraph'; text: string; at: number; heading: boolean }
  | { who: 0 | 1; kind: 'type'; index: number; offset: number; text: string }
  | { who: 0 | 1; kind: 'delete'; index: number; offset: number; length: number }
  | { who: 0 | 1; kind: 'remove'; index: number }
  | { who: 0 | 1; kind: 'bold'; index: number; offset: number; length: number; on: boolean }
  | { who: 0 | 1; kind: 'level'; index: number; level: number }
  | { who: 0 | 1; kind: 'send' }
  | { who: 0 | 1; kind: 'receive' };

const who = fc.constantFrom<0 | 1>(0, 1);
const word = fc.string({ minLength: 1, maxLength: 8, unit: fc.constantFrom('a', 'b', 'c', ' ', 'é', 'z') });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ who, kind: fc.constant('paragraph' as const), text: word, at: fc.nat(6), heading: fc.boolean() }),
  fc.record({ who, kind: fc.constant('type' as const), index: fc.nat(6), offset: fc.nat(12), text: word }),
  fc.record({ who, kind: fc.constant('delete' as const), index: fc.nat(6), offset: fc.nat(12), length: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ who, kind: fc.constant('remove' as const), index: fc.nat(6) }),
  fc.record({ who, kind: fc.constant('bold' as const), index: fc.nat(6), offset: fc.nat(12), length: fc.integer({ min: 1, max: 6 }), on: fc.boolean() }),
  fc.record({ who, kind: fc.constant('level' as const), index: fc.nat(6), level: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ who, kind: fc.constant('send' as const) }),
  fc.record({ who, kind: fc.constant('receive' as const) }),
);

function play(ops: Op[], snapshotEvery: number): LoggingServer {
  const server = new LoggingServer(snapshotEvery);
  const editors = [new Editor('alex'), new Editor('sam')] as const;
  for (const step of ops) {
    const editor = editors[step.who];
    if (step.kind === 'paragraph') editor.addParagraph(step.text, step.at, step.heading ? 'heading' : 'paragraph');
    else if (step.kind === 'type') editor.typeInto(step.index, step.offset, step.text);
    else if (step.kind === 'delete') editor.deleteFrom(step.index, step.offset, step.length);
    else if (step.kind === 'remove') editor.removeParagraph(step.index);
    else if (step.kind === 'bold') {
      const text = editor.textOf(step.index);
      if (text && text.length > 0) {
        const start = Math.min(step.offset, text.length - 1);
        text.format(start, Math.min(step.length, text.length - start), { bold: step.on ? {} : null });
      }
    } else if (step.kind === 'level') {
      const element = editor.fragment.get(step.index);
      if (element instanceof Y.XmlElement && element.nodeName === 'heading') element.setAttribute('level', step.level as never);
    } else if (step.kind === 'send') server.collectFrom(editor);
    else server.syncTo(editor);
  }
  server.collectFrom(editors[0]);
  server.collectFrom(editors[1]);
  return server;
}

function indexOf(server: LoggingServer): HistoryIndex {
  const index = new HistoryIndex();
  for (const entry of server.log) index.learn(entry.seq, entry.update, entry.authorId);
  return index;
}

const docAt = (server: LoggingServer, seq: number) => docFromState(reconstructState(server.piecesAt(seq)));

describe('history index', () => {
  it('reads every point exactly as the document was then: text, marks, headings and their levels', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 7 }), (ops, snapshotEvery) => {
        const server = play(ops, snapshotEvery);
        const index = indexOf(server);
        for (let seq = 0; seq <= server.log.length; seq++) {
          const expected = readBlocks(docAt(server, seq));
          const read = readBlocks(index.doc, index.at(seq));
          expect(read).toEqual(expected);
          expect(blocksToMarkdown(read)).toBe(canonicalText(docAt(server, seq)));
        }
        index.destroy();
      }),
      { numRuns: 150 },
    );
  });

  it('compares two points as the snapshot-and-tail diff does, each change attributed to its author', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 50 }), fc.integer({ min: 1, max: 7 }), (ops, snapshotEvery) => {
        const server = play(ops, snapshotEvery);
        const index = indexOf(server);
        const plain = (seq: number) => readBlocks(docAt(server, seq)).map(blockText);
        for (let from = 0; from <= server.log.length; from += 2) {
          for (const to of [from, Math.min(server.log.length, from + 1), server.log.length]) {
            const diff = diffReading(index.doc, index.between(from, to), index.attribution(from, to));
            const side = (hidden: 'added' | 'removed') =>
              diff.blocks.filter((b) => b.status !== hidden).map((b) => b.segments.filter((s) => s.status !== hidden).map((s) => s.text).join(''));
            expect(side('added')).toEqual(plain(from));
            expect(side('removed')).toEqual(plain(to));
            const attribution = emptyAttribution();
            for (const u of server.log.filter((u) => u.seq > from && u.seq <= to)) addToAttribution(attribution, u.update, u.authorId);
            const expected = diffStates(reconstructState(server.piecesAt(from)), reconstructState(server.piecesAt(to)), attribution);
            expect(diff.changed).toBe(expected.changed);
            expect(diff.changes).toEqual(expected.changes);
            expect(diff.blocks).toEqual(expected.blocks);
          }
        }
        index.destroy();
      }),
      { numRuns: 100 },
    );
  });

  it('reads marks and heading levels as they were at each point, set and unset over time', () => {
    const server = new LoggingServer(2);
    const alex = new Editor('alex');
    const seen: string[] = [''];
    const send = () => {
      server.collectFrom(alex);
      seen.push(canonicalText(server.doc));
    };
    alex.addParagraph('Phones stay unlocked', 0, 'heading');
    send();
    alex.textOf(0)!.format(0, 6, { bold: {} });
    send();
    (alex.fragment.get(0) as Y.XmlElement).setAttribute('level', 3 as never);
    send();
    alex.textOf(0)!.format(0, 6, { bold: null });
    send();
    (alex.fragment.get(0) as Y.XmlElement).setAttribute('level', 1 as never);
    send();
    expect(seen).toEqual(['', '## Phones stay unlocked\n', '## **Phones** stay unlocked\n', '### **Phones** stay unlocked\n', '### Phones stay unlocked\n', '# Phones stay unlocked\n']);
    const index = indexOf(server);
    for (let seq = 0; seq <= server.log.length; seq++) expect(blocksToMarkdown(readBlocks(index.doc, index.at(seq)))).toBe(seen[seq]);
    const diff = diffReading(index.doc, index.between(1, 3), index.attribution(1, 3));
    expect(diff.blocks[0]).toMatchObject({ kind: 'heading', level: 3, segments: [{ text: 'Phones', marks: [{ name: 'bold' }] }, { text: ' stay unlocked', marks: [] }] });
  });

  it('names who deleted each removed run when two people removed neighbouring words', () => {
    const server = new LoggingServer(0);
    const alex = new Editor('alex');
    const sam = new Editor('sam');
    alex.addParagraph('one two three');
    server.collectFrom(alex);
    server.syncTo(sam);
    alex.deleteFrom(0, 0, 4);
    server.collectFrom(alex);
    server.syncTo(sam);
    sam.deleteFrom(0, 0, 4);
    server.collectFrom(sam);
    const index = indexOf(server);
    const diff = diffReading(index.doc, index.between(1, 3), index.attribution(1, 3));
    expect(diff.blocks[0]!.segments).toEqual([
      { text: 'one ', status: 'removed', marks: [], authorId: 'alex' },
      { text: 'two ', status: 'removed', marks: [], authorId: 'sam' },
      { text: 'three', status: 'same', marks: [], authorId: null },
    ]);
  });

  it('refuses an update out of order rather than learn a gap', () => {
    const index = new HistoryIndex();
    const editor = new Editor('alex');
    editor.addParagraph('x');
    expect(() => index.learn(2, editor.pending[0]!, 'alex')).toThrow('expected update 1');
  });
});
