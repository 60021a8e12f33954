/**
 * The feelings vocabulary: nine families, each with finer words. Naming a feeling precisely is part
 * of emotional transparency, so the words go beyond the family name; a person may also use their own
 * words (family 'own' unless they say which family is closest).
 * Shared by the server (validation) and the pages (pickers, chart colours): plain data, no imports.
 */
export const FEELING_FAMILIES = ['hurt', 'fear', 'guilt', 'shame', 'anger', 'sadness', 'relief', 'hope', 'love'] as const;
export type FeelingFamily = (typeof FEELING_FAMILIES)[number];
/** A feeling in the author's own words that they did not place in a family. */
export const OWN_WORDS_FAMILY = 'own';
export type FeelingFamilyOrOwn = FeelingFamily | typeof OWN_WORDS_FAMILY;

export const FEELING_WORDS: Readonly<Record<FeelingFamily, readonly string[]>> = {
  hurt: ['hurt', 'betrayed', 'wounded', 'let down', 'rejected', 'humiliated'],
  fear: ['afraid', 'anxious', 'insecure', 'worried', 'unsafe', 'overwhelmed'],
  guilt: ['guilty', 'regretful', 'remorseful', 'sorry', 'responsible'],
  shame: ['ashamed', 'embarrassed', 'exposed', 'unworthy', 'small'],
  anger: ['angry', 'resentful', 'frustrated', 'irritated', 'furious', 'bitter'],
  sadness: ['sad', 'lonely', 'grieving', 'disappointed', 'empty', 'tired'],
  relief: ['relieved', 'calm', 'lighter', 'settled', 'at ease'],
  hope: ['hopeful', 'encouraged', 'curious', 'willing', 'optimistic'],
  love: ['loving', 'tender', 'grateful', 'close', 'caring', 'connected'],
};

export const FAMILY_LABELS: Readonly<Record<FeelingFamilyOrOwn, string>> = {
  hurt: 'Hurt',
  fear: 'Fear',
  guilt: 'Guilt',
  shame: 'Shame',
  anger: 'Anger',
  sadness: 'Sadness',
  relief: 'Relief',
  hope: 'Hope',
  love: 'Love',
  own: 'In my own words',
};

/**
 * Chart and badge colours: muted, distinguishable, each at least 4.5:1 against white so they can carry
 * text; the chart never relies on colour alone (legend and a data table beside it).
 */
export const FAMILY_COLOURS: Readonly<Record<FeelingFamilyOrOwn, string>> = {
  hurt: '#9f1239',
  fear: '#6d28d9',
  guilt: '#92400e',
  shame: '#86198f',
  anger: '#b91c1c',
  sadness: '#1d4ed8',
  relief: '#047857',
  hope: '#0e7490',
  love: '#be185d',
  own: '#475569',
};

export const INTENSITY_LABELS: Readonly<Record<number, string>> = {
  1: 'a little',
  2: 'somewhat',
  3: 'quite',
  4: 'very',
  5: 'overwhelmingly',
};

export function isFeelingFamily(value: string): value is FeelingFamily {
  return (FEELING_FAMILIES as readonly string[]).includes(value);
}

export function isVocabularyWord(family: string, word: string): boolean {
  return isFeelingFamily(family) && FEELING_WORDS[family].includes(word);
}
