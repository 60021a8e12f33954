/**
 * Validation of the feelings a person names (in a note or a journal entry). Forms send them as one
 * JSON field, so the picker can be rich on the page while the server sees one validated list.
 */
import { z } from 'zod';
import { FEELING_FAMILIES, isVocabularyWord, OWN_WORDS_FAMILY } from './feelings-vocabulary';

/** Own words are a feeling's name, not a story: long enough for "torn between staying and going". */
export const OWN_WORDS_MAX_LENGTH = 40;
export const MAX_FEELINGS = 12;

export interface Feeling {
  family: string;
  word: string;
  ownWords: boolean;
  intensity: number;
}

const intensity = z
  .number({ error: 'Choose how strong each feeling is, from 1 to 5.' })
  .int({ error: 'Choose how strong each feeling is, from 1 to 5.' })
  .min(1, { error: 'Intensity goes from 1 (a little) to 5 (overwhelmingly).' })
  .max(5, { error: 'Intensity goes from 1 (a little) to 5 (overwhelmingly).' });

const vocabularyFeeling = z
  .object({ family: z.string(), word: z.string(), ownWords: z.literal(false).optional(), intensity })
  .refine((f) => isVocabularyWord(f.family, f.word), { error: (issue) => `“${String((issue.input as { word?: unknown }).word ?? '')}” is not a feeling we know. Pick one from the list, or write it in your own words.` });

const ownWordsFeeling = z.object({
  family: z.enum([...FEELING_FAMILIES, OWN_WORDS_FAMILY], { error: 'Pick a family for your own words, or leave it as “in my own words”.' }).default(OWN_WORDS_FAMILY),
  word: z
    .string()
    .trim()
    .min(1, { error: 'Write the feeling in your own words, or remove that line.' })
    .max(OWN_WORDS_MAX_LENGTH, { error: `Keep a feeling in your own words under ${OWN_WORDS_MAX_LENGTH} characters.` }),
  ownWords: z.literal(true),
  intensity,
});

const feeling = z.union([ownWordsFeeling, vocabularyFeeling], { error: 'That feeling could not be read. Pick it again.' });

function uniqueFeelings(list: Feeling[]): boolean {
  const keys = list.map((f) => `${f.family}:${f.word.toLowerCase()}`);
  return new Set(keys).size === keys.length;
}

/** One or more feelings: a note without a feeling is an empty note. */
export const noteFeelingsSchema = z
  .array(feeling, { error: 'Name at least one feeling.' })
  .min(1, { error: 'Name at least one feeling: that is the heart of a note.' })
  .max(MAX_FEELINGS, { error: `Name at most ${MAX_FEELINGS} feelings in one note.` })
  .transform((list) => list.map((f): Feeling => ({ family: f.family, word: f.word, ownWords: f.ownWords === true, intensity: f.intensity })))
  .refine(uniqueFeelings, { error: 'Each feeling can be named once.' });

/** Journal entries may name no feeling at all. */
export const optionalFeelingsSchema = z
  .array(feeling, { error: 'The feelings could not be read. Pick them again.' })
  .max(MAX_FEELINGS, { error: `Name at most ${MAX_FEELINGS} feelings.` })
  .transform((list) => list.map((f): Feeling => ({ family: f.family, word: f.word, ownWords: f.ownWords === true, intensity: f.intensity })))
  .refine(uniqueFeelings, { error: 'Each feeling can be named once.' });

/** Parses the JSON a form sends; a missing or unreadable field is treated as "no feelings". */
export function parseFeelingsField(raw: unknown): unknown {
  if (typeof raw !== 'string' || raw.trim() === '') return [];
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}
