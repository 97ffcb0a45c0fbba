// Free-text search over the framework with MiniSearch (fuzzy + prefix, field boosts), and the
// decision of what a question gets: one topic, a list, or "not found". The index is built once at
// module load; a question costs one small MiniSearch query plus a few map look-ups.
import MiniSearch, { type SearchResult } from 'minisearch';
import { indexTerms, knownTerms, searchFields, topicDocuments, type TopicDocument } from './documents';
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
}

/**
 * A topic is an answer only if it accounts for at least half of the question's content words.
 * The bar is relative to the question, so long questions are not favoured over short ones, and a
 * question with one framework word among unrelated ones ("weather forecast data") gets the
 * no-match card with that topic as a suggestion, not a guess presented as the answer.
 */
const ANSWER_COVERAGE = 0.5;
const MAX_SUGGESTIONS = 3;
const CANDIDATES_CONSIDERED = 10;
/** Fuzzy look-ups are the costly part of a search; a question rarely has more typos than this. */
const MAX_FUZZY_TERMS = 4;

const index = new MiniSearch<TopicDocument>({
  fields: [...searchFields],
  tokenize: words,
  // Index and query share `indexTerms`, so filler is dropped and plurals stemmed on both sides.
  processTerm: (term) => indexTerms(term)[0] ?? null,
  searchOptions: {
    boost: { name: 4, aliases: 3, keywords: 2, definition: 1 },
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

function rankCandidates(question: ParsedQuestion): Candidate[] {
  const query = [...question.terms, ...question.weakTerms].join(' ');
  if (query === '') return [];
  const fuzzy = new Map(
    question.terms
      .map((term) => [term, typoDistance(term)] as const)
      .filter(([, distance]) => distance > 0)
      .slice(0, MAX_FUZZY_TERMS),
  );
  return index
    .search(query, { fuzzy: (term) => fuzzy.get(term) ?? false })
    .slice(0, CANDIDATES_CONSIDERED)
    .flatMap((result) => {
      const topic = topicById(String(result.id));
      return topic ? [{ topic, score: result.score, coverage: coverage(result, question.terms) }] : [];
    })
    .sort((a, b) => b.coverage - a.coverage || b.score - a.score);
}

/** Among topics called the same ("Data" is an outcome and an enabler), a bare name means the outcome. */
function preferNamedKind(named: readonly FrameworkTopic[], kinds: readonly TopicKind[]): FrameworkTopic | undefined {
  const hinted = named.find((topic) => kinds.includes(topic.kind));
  if (hinted) return hinted;
  return [...named].sort((a, b) => kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind))[0];
}

function pickAnswer(candidates: readonly Candidate[], kinds: readonly TopicKind[]): FrameworkTopic | undefined {
  const best = candidates[0];
  if (!best || best.coverage < ANSWER_COVERAGE) return undefined;
  // Candidates that explain the question equally well: a named kind ("data enabler") decides,
  // then the same-name rule, then MiniSearch's score (candidates are already in score order).
  const tied = candidates
    .filter((candidate) => candidate.coverage >= best.coverage - 1e-9)
    .map((candidate) => candidate.topic);
  const hinted = tied.filter((topic) => kinds.includes(topic.kind));
  const pool = hinted.length > 0 ? hinted : tied;
  const first = pool[0];
  if (!first) return undefined;
  return preferNamedKind(
    pool.filter((topic) => topic.name === first.name),
    kinds,
  );
}

function byOrdinal(kind: TopicKind, ordinal: number): FrameworkTopic | undefined {
  const ofKind = topicsOfKind(kind);
  return ofKind[(ordinal === -1 ? ofKind.length : ordinal) - 1];
}

/** What a free-text question should get: a topic, a list, or no match with the closest topics. */
export function resolveQuestion(text: string): Resolution {
  const question = parseQuestion(text);
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

  const named = topicsByExactName.get(termKey(question.terms));
  const exact = named && preferNamedKind(named, question.kinds);
  if (exact) return { type: 'topic', topic: exact };

  const candidates = rankCandidates(question);
  // The framework names no people or roles, so "who is the leader ..." gets suggestions, not a guess.
  const answer = question.asksWho ? undefined : pickAnswer(candidates, question.kinds);
  if (answer) return { type: 'topic', topic: answer };
  const related = candidates.filter((candidate) => candidate.coverage > 0).slice(0, MAX_SUGGESTIONS);
  return { type: 'noMatch', suggestions: related.map((candidate) => candidate.topic) };
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
