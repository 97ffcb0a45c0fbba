// Which framework terms a message uses. Stricter than the Q&A search on purpose: a message was not
// written to the guide, so only a topic's own name or one of its aliases, as whole words in the
// message, counts. Fuzzy and keyword matches would explain terms the writer never used
// ("internet" is a keyword of Connectivity, but the message did not use the framework's term).
import { kindOrder, topics } from '../knowledge/framework';
import { stem } from '../knowledge/text';
import type { FrameworkTopic } from '../knowledge/types';
import { stopWords, weakWords, words } from '../knowledge/vocabulary';

interface Phrase {
  topic: FrameworkTopic;
  words: readonly string[];
}

/** Normalised, plural-stemmed words: the same forms the search index uses, so "partnerships" finds Partnership. */
function phraseWords(text: string): string[] {
  return words(text).map(stem);
}

/** A name made only of filler or framework-wide words would match almost every message; none do today, but aliases are data. */
function isTelling(phrase: readonly string[]): boolean {
  return phrase.some((word) => !stopWords.has(word) && !weakWords.has(word));
}

const phrases: readonly Phrase[] = topics.flatMap((topic) =>
  [topic.name, ...topic.aliases]
    .map((name) => ({ topic, words: phraseWords(name) }))
    .filter((phrase) => phrase.words.length > 0 && isTelling(phrase.words)),
);

/** Phrases by their first word, so each message word is compared only with the names that could start there. */
const phrasesByFirstWord = new Map<string, Phrase[]>();
for (const phrase of phrases) {
  const first = phrase.words[0] ?? '';
  phrasesByFirstWord.set(first, [...(phrasesByFirstWord.get(first) ?? []), phrase]);
}

function matchesAt(message: readonly string[], at: number, phrase: readonly string[]): boolean {
  return phrase.every((word, offset) => message[at + offset] === word);
}

/**
 * The longest name starting at a word wins ("data enabler" over "data"). Where several topics share
 * it ("Data" is an outcome and an enabler), the kind the guide presents first is meant, as in the Q&A.
 */
function bestAt(message: readonly string[], at: number): Phrase | undefined {
  const candidates = (phrasesByFirstWord.get(message[at] ?? '') ?? []).filter((phrase) =>
    matchesAt(message, at, phrase.words),
  );
  return candidates.sort(
    (a, b) => b.words.length - a.words.length || kindOrder.indexOf(a.topic.kind) - kindOrder.indexOf(b.topic.kind),
  )[0];
}

/** The topics a message names, in the order it first names them, each once. */
export function findTermsInMessage(text: string): FrameworkTopic[] {
  const message = phraseWords(text);
  const found: FrameworkTopic[] = [];
  let at = 0;
  while (at < message.length) {
    const phrase = bestAt(message, at);
    if (!phrase) {
      at += 1;
      continue;
    }
    if (!found.includes(phrase.topic)) found.push(phrase.topic);
    // Words inside a matched name are not read again: "security and resilience" is one outcome, not three topics.
    at += phrase.words.length;
  }
  return found;
}
