// What the search index knows about each topic. Official wording is searchable; the guide's own
// summaries are not, because their shared boilerplate ("checklist for assessing digital maturity")
// would make every enabler and principle match the same vague questions.
import { topics } from './framework';
import { stem } from './text';
import { keywordsFor, stopWords, words } from './vocabulary';

export interface TopicDocument {
  id: string;
  name: string;
  aliases: string;
  keywords: string;
  definition: string;
}

/** The fields the index searches, from most to least telling. */
export const searchFields = ['name', 'aliases', 'keywords', 'definition'] as const;

export const topicDocuments: readonly TopicDocument[] = topics.map((topic) => ({
  id: topic.id,
  name: topic.name,
  aliases: topic.aliases.join(' ; '),
  keywords: keywordsFor(topic.id).join(' ; '),
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
