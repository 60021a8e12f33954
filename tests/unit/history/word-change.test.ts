import { describe, expect, it } from 'vitest';
import { countWordChange, describeWordChange, splitWords } from '../../../server/domain/history/word-change';

const paragraph = (n: number, word = 'kind') => Array.from({ length: n }, (_, i) => `${word}${i}`).join(' ');

describe('counting what changed in words', () => {
  it('splits on any whitespace and keeps punctuation with its word', () => {
    expect(splitWords('  We listen,\nthen\t we answer. ')).toEqual(['We', 'listen,', 'then', 'we', 'answer.']);
    expect(splitWords('')).toEqual([]);
  });

  it('counts words added and removed, not characters', () => {
    expect(countWordChange('We talk on Sundays.', 'We talk calmly on Sundays.')).toEqual({ added: 1, removed: 0 });
    expect(countWordChange('We talk calmly on Sundays.', 'We talk on Sundays.')).toEqual({ added: 0, removed: 1 });
    expect(countWordChange('We talk on Sundays.', 'We walk on Mondays.')).toEqual({ added: 2, removed: 2 });
    expect(countWordChange('', 'A new start')).toEqual({ added: 3, removed: 0 });
    expect(countWordChange('Gone now', '')).toEqual({ added: 0, removed: 2 });
  });

  it('counts a six-word change inside a long agreement as six words, wherever it is', () => {
    const long = `${paragraph(300)}\n\nWe will check in every Sunday evening together.\n\n${paragraph(300, 'calm')}`;
    const restored = long.replace('every Sunday evening together', 'each Monday morning apart');
    // "every Sunday evening together" became "each Monday morning apart": four words out, four in.
    expect(countWordChange(long, restored)).toEqual({ added: 4, removed: 4 });
    const sixWords = long.replace('every Sunday evening together.', 'every Sunday evening together. We text each other midweek too.');
    expect(countWordChange(long, sixWords)).toEqual({ added: 6, removed: 0 });
    // Punctuation belongs to its word: "evening" and "evening," differ.
    expect(countWordChange('every Sunday evening together.', 'every Sunday evening, and Wednesdays.')).toEqual({ added: 3, removed: 2 });
  });

  it('finds the shortest change when words repeat or move', () => {
    expect(countWordChange('a b a b a b', 'a b a b')).toEqual({ added: 0, removed: 2 });
    expect(countWordChange('one two three', 'three one two')).toEqual({ added: 1, removed: 1 });
    expect(countWordChange('same words here', 'same words here')).toEqual({ added: 0, removed: 0 });
  });

  it('stays exact in additions and removals when the whole text is replaced', () => {
    const before = paragraph(5000, 'old');
    const after = paragraph(5000, 'new');
    const started = performance.now();
    expect(countWordChange(before, after)).toEqual({ added: 5000, removed: 5000 });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('says it in plain words', () => {
    expect(describeWordChange({ added: 6, removed: 1 })).toBe('6 words added, 1 removed');
    expect(describeWordChange({ added: 1, removed: 0 })).toBe('1 word added');
    expect(describeWordChange({ added: 0, removed: 2 })).toBe('2 words removed');
    expect(describeWordChange({ added: 0, removed: 0 })).toBe('No change to the words');
  });
});
