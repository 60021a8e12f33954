import { describe, expect, it } from 'vitest';
import { noteFeelingsSchema, optionalFeelingsSchema, parseFeelingsField } from '../../../server/domain/feelings/feeling-input';
import { FEELING_FAMILIES, FEELING_WORDS } from '../../../server/domain/feelings/feelings-vocabulary';
import { noteDraftSchema } from '../../../server/domain/notes/note-input';

const messages = (result: { success: boolean; error?: { issues: Array<{ message: string; path: PropertyKey[] }> } }) => result.error?.issues.map((i) => i.message) ?? [];

describe('feelings vocabulary and input', () => {
  it('has the nine families, each with finer words', () => {
    expect(FEELING_FAMILIES).toEqual(['hurt', 'fear', 'guilt', 'shame', 'anger', 'sadness', 'relief', 'hope', 'love']);
    for (const family of FEELING_FAMILIES) expect(FEELING_WORDS[family].length).toBeGreaterThanOrEqual(4);
  });

  it('accepts vocabulary words and own words with intensities 1 to 5', () => {
    const parsed = noteFeelingsSchema.parse([
      { family: 'hurt', word: 'betrayed', intensity: 5 },
      { word: 'torn', ownWords: true, intensity: 1 },
      { family: 'hope', word: 'a bit brave', ownWords: true, intensity: 3 },
    ]);
    expect(parsed).toEqual([
      { family: 'hurt', word: 'betrayed', ownWords: false, intensity: 5 },
      { family: 'own', word: 'torn', ownWords: true, intensity: 1 },
      { family: 'hope', word: 'a bit brave', ownWords: true, intensity: 3 },
    ]);
  });

  it('refuses an empty list, unknown feelings, intensities out of range and over-long own words, with clear messages', () => {
    expect(messages(noteFeelingsSchema.safeParse([]))).toEqual(['Name at least one feeling: that is the heart of a note.']);
    expect(messages(noteFeelingsSchema.safeParse([{ family: 'hurt', word: 'smug', intensity: 2 }])).join(' ')).toContain('“smug” is not a feeling we know');
    expect(messages(noteFeelingsSchema.safeParse([{ family: 'anger', word: 'angry', intensity: 6 }])).join(' ')).toMatch(/from 1 .* to 5/);
    expect(messages(noteFeelingsSchema.safeParse([{ family: 'anger', word: 'angry', intensity: 0 }])).join(' ')).toMatch(/from 1 .* to 5/);
    expect(messages(noteFeelingsSchema.safeParse([{ word: 'x'.repeat(41), ownWords: true, intensity: 2 }])).join(' ')).toContain('under 40 characters');
    expect(messages(noteFeelingsSchema.safeParse([{ family: 'love', word: 'close', intensity: 2 }, { family: 'love', word: 'close', intensity: 4 }]))).toContain('Each feeling can be named once.');
    expect(noteFeelingsSchema.safeParse(null).success).toBe(false);
  });

  it('lets a journal entry name no feeling', () => {
    expect(optionalFeelingsSchema.parse([])).toEqual([]);
    expect(parseFeelingsField('')).toEqual([]);
    expect(parseFeelingsField('{oops')).toBeNull();
  });

  it('limits "what I need" and keys errors by field', () => {
    const result = noteDraftSchema.safeParse({ feelings: [], whatINeed: 'x'.repeat(2001) });
    expect(result.success).toBe(false);
    const fields = new Set(result.error!.issues.map((i) => i.path[0]));
    expect(fields).toEqual(new Set(['feelings', 'whatINeed']));
  });
});
