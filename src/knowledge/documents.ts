// What the search index knows about each topic. Official wording is searchable; the guide's own
// summaries are not, because their shared boilerplate ("checklist for assessing digital maturity")
// would make every enabler and principle match the same vague questions.
import { topicById, topics } from './framework';
import { stem } from './text';
import type { FrameworkTopic } from './types';
import { keywordsFor, keywordsWhenKindNamedFor, stopWords, words } from './vocabulary';

export interface TopicDocument {
  id: string;
  kind: string;
  name: string;
  aliases: string;
  keywords: string;
  kindKeywords: string;
  definition: string;
}

/** The fields the index searches, from most to least telling. */
export const searchFields = ['name', 'aliases', 'keywords', 'kindKeywords', 'definition'] as const;
/** The fields searched when a question names no kind: kind-only keywords are left out. */
export const fieldsWithoutKind = searchFields.filter((field) => field !== 'kindKeywords');

/**
 * Keywords that count only when the question names the topic's kind: its own, and those of a
 * same-name topic it is related to ("the wifi enabler" is the Connectivity enabler, as "wifi" is the
 * Connectivity outcome).
 */
function kindKeywords(topic: FrameworkTopic): string[] {
  const sameName = topic.related.flatMap((id) => {
    const other = topicById(id);
    return other && other.name === topic.name ? [...keywordsFor(other.id), ...other.aliases] : [];
  });
  return [...keywordsWhenKindNamedFor(topic.id), ...sameName];
}

export const topicDocuments: readonly TopicDocument[] = topics.map((topic) => ({
  id: topic.id,
  kind: topic.kind,
  name: topic.name,
  aliases: topic.aliases.join(' ; '),
  keywords: keywordsFor(topic.id).join(' ; '),
  kindKeywords: kindKeywords(topic).join(' ; '),
  definition: topic.source.kind === 'official' ? topic.definition : '',
}));

/** Index terms of a text: normalised words, filler dropped, plurals stemmed. */
export function indexTerms(text: string): string[] {
  const terms: string[] = [];
  for (const word of words(text)) {
    if (stopWords.has(word)) continue;
    const term = stem(word);
    if (!stopWords.has(term)) terms.push(term);
  }
  return terms;
}

/** Every term the index holds: a query word found here is a real word, not a typo of "enabler". */
export const knownTerms: ReadonlySet<string> = new Set(
  topicDocuments.flatMap((doc) => searchFields.flatMap((field) => indexTerms(doc[field]))),
);
