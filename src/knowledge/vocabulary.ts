// The search vocabulary from synonyms.json: filler words to ignore, words that name a kind of
// topic, ordinals, and plain-language keywords per topic. Kept as data so the wording people use
// can be tuned without touching the matching code; checked with zod at module load.
import { z } from 'zod';
import { topicKindSchema } from '../turns/cardActions';
import { topicById } from './framework';
import rawVocabulary from './synonyms.json';
import { basicNormalise, stem } from './text';
import type { TopicKind } from './types';

const wordList = z.array(z.string().min(1));

const vocabularyFileSchema = z.object({
  phrases: z.record(z.string().min(1), z.string().min(1)),
  stopWords: wordList,
  weakWords: wordList,
  frameworkWords: wordList,
  kindWords: z.record(topicKindSchema, wordList),
  ordinalWords: z.record(z.string().min(1), z.number().int().min(-1).max(99)),
  cardinalWords: z.record(z.string().min(1), z.number().int().min(1).max(99)),
  keywords: z.record(z.string(), wordList),
  keywordsWhenKindNamed: z.record(z.string(), wordList),
  offTopicIntents: z.record(z.string().min(1), wordList),
});

const file = vocabularyFileSchema.parse(rawVocabulary);

// Phrase keys go through the same normalisation as the text they are applied to ("wi-fi" -> "wi fi").
const phraseMap = new Map(Object.entries(file.phrases).map(([from, to]) => [basicNormalise(from), basicNormalise(to)]));
const phrasePattern = new RegExp(
  `\\b(${[...phraseMap.keys()]
    .sort((a, b) => b.length - a.length) // longest first, so "good practice principles" wins over "good practice"
    .map((phrase) => phrase.replace(/ /g, ' +'))
    .join('|')})\\b`,
  'g',
);

/** Normalised words of `raw`, with spelling variants and multi-word names rewritten. */
export function words(raw: string): string[] {
  const text = basicNormalise(raw).replace(phrasePattern, (match) => phraseMap.get(match.replace(/ +/g, ' ')) ?? match);
  return text === '' ? [] : text.split(' ');
}

/** A set holding each word and its stem, so checks work on either form. */
function wordSet(list: readonly string[]): ReadonlySet<string> {
  return new Set(list.flatMap((word) => [word, stem(word)]));
}

export const stopWords = wordSet(file.stopWords);
/** Words found all over the framework ("council", "digital"): they rank, but never make a match on their own. */
export const weakWords = wordSet(file.weakWords);
/** Words asking about the framework as a whole ("framework", "overview"). */
export const frameworkWords = wordSet(file.frameworkWords);

export const kindWords: ReadonlyMap<string, TopicKind> = new Map(
  topicKindSchema.options.flatMap((kind) =>
    (file.kindWords[kind] ?? []).flatMap((word) => [[word, kind] as const, [stem(word), kind] as const]),
  ),
);

export const ordinalWords: ReadonlyMap<string, number> = new Map(Object.entries(file.ordinalWords));
export const cardinalWords: ReadonlyMap<string, number> = new Map(Object.entries(file.cardinalWords));

for (const topicId of [...Object.keys(file.keywords), ...Object.keys(file.keywordsWhenKindNamed)]) {
  if (!topicById(topicId)) throw new Error(`synonyms.json has keywords for unknown topic ${topicId}`);
}

/** Plain-language search keywords for a topic (never shown as framework text). */
export function keywordsFor(topicId: string): readonly string[] {
  return file.keywords[topicId] ?? [];
}

/** Keywords that find a topic only when the question names its kind ("the green principle"). */
export function keywordsWhenKindNamedFor(topicId: string): readonly string[] {
  return file.keywordsWhenKindNamed[topicId] ?? [];
}

/** Everyday requests that are not framework questions, each as the stemmed words of a phrase. */
const offTopicPhrases: readonly { intent: string; words: readonly string[] }[] = Object.entries(
  file.offTopicIntents,
).flatMap(([intent, phrases]) =>
  phrases.map((phrase) => ({ intent, words: words(phrase).map(stem) })).filter((phrase) => phrase.words.length > 0),
);

/**
 * The everyday intent a question shows ("book the leadership away day" is a booking), if any: one of
 * its phrases appears, word for word, among the question's words.
 */
export function offTopicIntent(questionWords: readonly string[]): string | undefined {
  const stemmed = questionWords.map(stem);
  const found = offTopicPhrases.find((phrase) =>
    stemmed.some((_, at) => phrase.words.every((word, offset) => stemmed[at + offset] === word)),
  );
  return found?.intent;
}
