// Turns a free-text question into what the search needs: which kinds of topic it names ("the
// enablers"), an ordinal ("the second mission"), whether it asks about the whole framework, and
// the remaining content words. Filler ("what does ... mean", "please") is dropped here, before
// any scoring, so it can neither help nor hurt a match.
import MiniSearch from 'minisearch';
import { knownTerms } from './documents';
import { stem } from './text';
import type { TopicKind } from './types';
import {
  cardinalWords,
  frameworkWords,
  kindWords,
  offTopicIntent,
  ordinalWords,
  stopWords,
  weakWords,
  words,
} from './vocabulary';

export interface ParsedQuestion {
  /** Kinds the question names, in order, without repeats. */
  kinds: TopicKind[];
  /** 1-based position asked for ("second", "outcome 3"); -1 means the last one. */
  ordinal: number | undefined;
  /** The question names the framework as a whole ("what is in the framework"). */
  asksForFramework: boolean;
  /** Content words (stemmed): what the question is about. */
  terms: string[];
  /** Low-information words ("council", "digital"): used for ranking, never enough for a match. */
  weakTerms: string[];
  /** A question starting "who ...": it asks for a person or role, which the framework never names. */
  asksWho: boolean;
  /** The everyday request this is ("bookings and events"), not a framework question, if it is one. */
  offTopic: string | undefined;
}

// Bounds the work per message: nobody asks about the framework in more than a few dozen words.
const MAX_QUESTION_CHARS = 400;
const MAX_WORDS = 40;

// A tiny MiniSearch index of the kind words lets "enablres" or "misions" still name a kind,
// using the library's fuzzy matching rather than a hand-written one.
const kindIndex = new MiniSearch<{ id: string; word: string; kind: TopicKind }>({
  fields: ['word'],
  storeFields: ['kind'],
});
kindIndex.addAll([...kindWords.entries()].map(([word, kind]) => ({ id: word, word, kind })));

function kindFromTypo(word: string): TopicKind | undefined {
  // Only unknown words of five letters or more: shorter words are too easily one edit from a kind
  // word, and real framework words ("enabled" is one edit from "enabler") must never be read as one.
  if (word.length < 5 || knownTerms.has(stem(word))) return undefined;
  const [best] = kindIndex.search(word, { fuzzy: word.length >= 8 ? 2 : 1, prefix: false });
  return best?.kind as TopicKind | undefined;
}

function isFiller(word: string): boolean {
  return stopWords.has(word) || stopWords.has(stem(word));
}

function kindOf(word: string): TopicKind | undefined {
  return kindWords.get(word) ?? kindWords.get(stem(word));
}

/**
 * Whether the word at `at` stands next to a kind word, with only filler between: "the first
 * mission", "the first of the missions", "mission number 3", but not "puts residents first".
 */
function besideKind(questionWords: readonly string[], at: number): boolean {
  const nextTo = (step: 1 | -1): boolean => {
    for (let other = at + step; other >= 0 && other < questionWords.length; other += step) {
      const word = questionWords[other] ?? '';
      if (kindOf(word)) return true;
      if (!isFiller(word)) return false;
    }
    return false;
  };
  return nextTo(1) || nextTo(-1);
}

export function parseQuestion(text: string): ParsedQuestion {
  const kinds: { kind: TopicKind; at: number }[] = [];
  const ordinals: number[] = [];
  const cardinals: { value: number; at: number }[] = [];
  const terms: string[] = [];
  const weakTerms: string[] = [];
  let asksForFramework = false;

  const questionWords = words(text.slice(0, MAX_QUESTION_CHARS)).slice(0, MAX_WORDS);
  // Only a leading "who": in "residents who thrive" it just joins a clause.
  const asksWho = ['who', 'whom', 'whose'].includes(questionWords[0] ?? '');
  for (const [at, word] of questionWords.entries()) {
    // Positions count only beside a kind word; elsewhere "first" or "one" is an ordinary word.
    const ordinal = ordinalWords.get(word);
    if (ordinal !== undefined && besideKind(questionWords, at)) {
      ordinals.push(ordinal);
      continue;
    }
    const cardinal = cardinalWords.get(word) ?? (/^\d{1,2}$/.test(word) ? Number(word) : undefined);
    if (cardinal !== undefined) {
      cardinals.push({ value: cardinal, at });
      continue;
    }
    const term = stem(word);
    const kind = kindOf(word);
    if (kind) {
      kinds.push({ kind, at });
    } else if (stopWords.has(word) || stopWords.has(term)) {
      // filler: "what does", "mean", "please"
    } else if (frameworkWords.has(word) || frameworkWords.has(term)) {
      asksForFramework = true;
    } else if (weakWords.has(word) || weakWords.has(term)) {
      weakTerms.push(term);
    } else {
      const typoKind = kindFromTypo(word);
      if (typoKind) kinds.push({ kind: typoKind, at });
      else terms.push(term);
    }
  }

  // "the second mission" is an ordinal wherever it stands; a plain number only after the kind
  // ("outcome 3", "mission number two"), since before it, it is a count ("the 12 outcomes").
  const ordinal =
    ordinals[0] ??
    cardinals.find((cardinal) => kinds.some((kind) => kind.at < cardinal.at) && besideKind(questionWords, cardinal.at))
      ?.value;

  return {
    kinds: [...new Set(kinds.map((kind) => kind.kind))],
    ordinal,
    asksForFramework,
    terms: [...new Set(terms)],
    weakTerms: [...new Set(weakTerms)],
    asksWho,
    offTopic: offTopicIntent(questionWords),
  };
}
