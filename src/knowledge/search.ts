// Free-text search over the framework with MiniSearch (fuzzy + prefix, field boosts), and the
// decision of what a question gets: one topic, a list, or "not found". The index is built once at
// module load; a question costs one small MiniSearch query plus a few map look-ups.
import MiniSearch, { type SearchResult } from 'minisearch';
import {
  fieldsWithoutKind,
  indexTerms,
  knownTerms,
  searchFields,
  topicDocuments,
  type TopicDocument,
} from './documents';
import { kindOrder, topicById, topics, topicsOfKind } from './framework';
import { parseQuestion, type ParsedQuestion } from './question';
import type { FrameworkTopic, TopicKind } from './types';
import { weakWords, words } from './vocabulary';

export type Resolution =
  | { type: 'topic'; topic: FrameworkTopic }
  | { type: 'list'; kind: TopicKind | 'all' }
  | { type: 'noMatch'; suggestions: FrameworkTopic[] };

interface Candidate {
  topic: FrameworkTopic;
  score: number;
  /** 0..1: how much of the question this topic accounts for (see `coverage`). */
  coverage: number;
  /** The question's terms this topic matched, exactly, by prefix or as a typo. */
  matched: readonly string[];
}

/**
 * A topic is an answer only if it accounts for at least half of the question's content words, and
 * for more than half when the rest are words the framework never uses at all ("the value of pi").
 * The bar is relative to the question, so long questions are not favoured over short ones, and a
 * question with one framework word among unrelated ones ("weather forecast data") gets the no-match
 * card with that topic as a suggestion, not a guess presented as the answer.
 */
const ANSWER_COVERAGE = 0.5;
/**
 * Two different topics that explain a question equally well are a tie unless MiniSearch ranks the
 * first clearly higher; a tie is ambiguous, and an ambiguous match is never presented as the answer.
 */
const CLEAR_LEAD = 1.25;
const MAX_SUGGESTIONS = 3;
const CANDIDATES_CONSIDERED = 10;
/** Fuzzy look-ups are the costly part of a search; a question rarely has more typos than this. */
const MAX_FUZZY_TERMS = 4;

const index = new MiniSearch<TopicDocument>({
  fields: [...searchFields],
  storeFields: ['kind'],
  tokenize: words,
  // Index and query share `indexTerms`, so filler is dropped and plurals stemmed on both sides.
  processTerm: (term) => indexTerms(term)[0] ?? null,
  searchOptions: {
    boost: { name: 4, aliases: 3, keywords: 2, kindKeywords: 2, definition: 1 },
    fields: [...fieldsWithoutKind],
    combineWith: 'OR',
    prefix: (term) => term.length >= 4,
    // Queries arrive already parsed into terms.
    tokenize: (query) => query.split(' '),
    processTerm: (term) => term,
  },
});
index.addAll([...topicDocuments]);

/**
 * Edit distance allowed for a query term: none for words the index knows (they match exactly, and
 * fuzzy look-ups cost far more than exact ones), none for short words ("date" is one edit from
 * "data" and means something else), two only for long words, where a two-letter slip is still
 * clearly the same word ("leadrship").
 */
function typoDistance(term: string): number {
  if (knownTerms.has(term) || weakWords.has(term)) return 0;
  return term.length >= 8 ? 2 : term.length >= 5 ? 1 : 0;
}

/** Names and aliases by their content words (order-free), for questions that simply name a topic. */
const topicsByExactName = new Map<string, FrameworkTopic[]>();
for (const topic of topics) {
  for (const name of [topic.name, ...topic.aliases]) {
    const key = termKey(parseQuestion(name).terms);
    const named = topicsByExactName.get(key) ?? [];
    if (key !== '' && !named.includes(topic)) topicsByExactName.set(key, [...named, topic]);
  }
}

function termKey(terms: readonly string[]): string {
  return [...terms].sort().join(' ');
}

/** A match in a name, alias or keyword says more than a word that happens to be in a definition. */
function fieldWeight(fields: readonly string[]): number {
  return fields.some((field) => field !== 'definition') ? 1 : 0.6;
}

/**
 * The share of the question's content words this result matches, weighting exact matches above
 * prefix matches above fuzzy (typo) matches, and names/keywords above definition text.
 */
function coverage(result: SearchResult, terms: readonly string[]): number {
  if (terms.length === 0) return 0;
  // Terms the index matched by prefix or typo. A near-miss of a filler word ("morning" ~ "working")
  // is no evidence, so weak words do not count here.
  const derivedTerms = Object.keys(result.match).filter((term) => !terms.includes(term) && !weakWords.has(term));
  let total = 0;
  for (const term of terms) {
    if (!result.queryTerms.includes(term)) continue;
    const exactFields = result.match[term];
    if (exactFields) {
      total += fieldWeight(exactFields);
      continue;
    }
    const prefixed = derivedTerms.filter((derived) => derived.startsWith(term));
    const from = prefixed.length > 0 ? prefixed : derivedTerms;
    total += (prefixed.length > 0 ? 0.9 : 0.75) * fieldWeight(from.flatMap((derived) => result.match[derived] ?? []));
  }
  return total / terms.length;
}

/**
 * Candidates for a question, best first. A question that names a kind ("which principle is about
 * hacking") is searched among topics of that kind only, with the keywords that count for that kind.
 */
function rankCandidates(question: ParsedQuestion): Candidate[] {
  const query = [...question.terms, ...question.weakTerms].join(' ');
  if (query === '') return [];
  const fuzzy = new Map(
    question.terms
      .map((term) => [term, typoDistance(term)] as const)
      .filter(([, distance]) => distance > 0)
      .slice(0, MAX_FUZZY_TERMS),
  );
  const kinds: readonly string[] = question.kinds;
  const kindOptions =
    kinds.length > 0
      ? { fields: [...searchFields], filter: (result: SearchResult) => kinds.includes(result.kind) }
      : {};
  return index
    .search(query, { fuzzy: (term) => fuzzy.get(term) ?? false, ...kindOptions })
    .slice(0, CANDIDATES_CONSIDERED)
    .flatMap((result) => {
      const topic = topicById(String(result.id));
      return topic
        ? [{ topic, score: result.score, coverage: coverage(result, question.terms), matched: result.queryTerms }]
        : [];
    })
    .sort((a, b) => b.coverage - a.coverage || b.score - a.score);
}

/**
 * Among topics called the same ("Data" is an outcome and an enabler), the kind the question names
 * first decides ("data as an enabler, not the outcome"); a bare name means the outcome.
 */
function preferNamedKind(named: readonly FrameworkTopic[], kinds: readonly TopicKind[]): FrameworkTopic | undefined {
  for (const kind of kinds) {
    const hinted = named.find((topic) => topic.kind === kind);
    if (hinted) return hinted;
  }
  return [...named].sort((a, b) => kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind))[0];
}

function pickAnswer(candidates: readonly Candidate[], question: ParsedQuestion): FrameworkTopic | undefined {
  const best = candidates[0];
  if (!best || best.coverage < ANSWER_COVERAGE) return undefined;
  const foreign = question.terms.filter((term) => !candidates.some((candidate) => candidate.matched.includes(term)));
  if (foreign.length > 0 && best.coverage <= ANSWER_COVERAGE + 1e-9) return undefined;
  // Candidates that explain the question equally well: the same-name rule decides between topics
  // called the same; between different topics, only a clear lead in MiniSearch's score does.
  const tied = candidates.filter((candidate) => candidate.coverage >= best.coverage - 1e-9);
  const others = tied.filter((candidate) => candidate.topic.name !== best.topic.name);
  const runnerUp = others.reduce((top, candidate) => Math.max(top, candidate.score), 0);
  if (runnerUp * CLEAR_LEAD > best.score) return undefined;
  return preferNamedKind(
    tied.filter((candidate) => candidate.topic.name === best.topic.name).map((candidate) => candidate.topic),
    question.kinds,
  );
}

/**
 * The buttons on the fallback card: the closest topics, and only of the kind asked for. When a kind
 * was named but none of its topics comes close, that kind's topics are the closest there are.
 */
function suggestionsFor(question: ParsedQuestion, candidates: readonly Candidate[]): FrameworkTopic[] {
  const related = candidates.filter((candidate) => candidate.coverage > 0).slice(0, MAX_SUGGESTIONS);
  if (related.length > 0 || question.kinds.length !== 1) return related.map((candidate) => candidate.topic);
  return [...question.kinds.flatMap((kind) => topicsOfKind(kind))];
}

function byOrdinal(kind: TopicKind, ordinal: number): FrameworkTopic | undefined {
  const ofKind = topicsOfKind(kind);
  return ofKind[(ordinal === -1 ? ofKind.length : ordinal) - 1];
}

/** What a free-text question should get: a topic, a list, or no match with the closest topics. */
export function resolveQuestion(text: string): Resolution {
  const question = parseQuestion(text);
  // An everyday request ("book the leadership away day") is no framework question, whatever words it uses.
  if (question.offTopic !== undefined) {
    return { type: 'noMatch', suggestions: suggestionsFor(question, rankCandidates(question)) };
  }
  const [onlyKind, ...otherKinds] = question.kinds;
  const singleKind = otherKinds.length === 0 ? onlyKind : undefined;

  if (singleKind && question.ordinal !== undefined) {
    const topic = byOrdinal(singleKind, question.ordinal);
    return topic ? { type: 'topic', topic } : { type: 'list', kind: singleKind };
  }
  if (question.terms.length === 0) {
    if (singleKind) return { type: 'list', kind: singleKind };
    if (question.kinds.length > 1 || question.asksForFramework) return { type: 'list', kind: 'all' };
    // Only filler or framework-wide words ("digital council"): offer the nearest topics, never guess.
    const nearest = rankCandidates(question).slice(0, MAX_SUGGESTIONS);
    return { type: 'noMatch', suggestions: nearest.map((candidate) => candidate.topic) };
  }

  // A question that names a kind is answered by that kind only: "the data principle" is not the Data outcome.
  const named = topicsByExactName
    .get(termKey(question.terms))
    ?.filter((topic) => question.kinds.length === 0 || question.kinds.includes(topic.kind));
  const exact = named && preferNamedKind(named, question.kinds);
  if (exact) return { type: 'topic', topic: exact };

  const candidates = rankCandidates(question);
  // The framework names no people or roles, so "who is the leader ..." gets suggestions, not a guess.
  const answer = question.asksWho ? undefined : pickAnswer(candidates, question);
  if (answer) return { type: 'topic', topic: answer };
  return { type: 'noMatch', suggestions: suggestionsFor(question, candidates) };
}

/** Ranked topics for a query (best first), e.g. for a message extension's search box. */
export function rankTopics(text: string, limit: number): FrameworkTopic[] {
  const resolution = resolveQuestion(text);
  let ranked: FrameworkTopic[];
  if (resolution.type === 'list') {
    ranked = resolution.kind === 'all' ? [...topics] : [...topicsOfKind(resolution.kind)];
  } else {
    const others = rankCandidates(parseQuestion(text))
      .filter((candidate) => candidate.coverage > 0)
      .map((candidate) => candidate.topic);
    const first = resolution.type === 'topic' ? [resolution.topic] : [];
    ranked = [...new Set([...first, ...others])];
  }
  return ranked.slice(0, Math.max(0, limit));
}
