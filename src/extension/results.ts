// What the search box of the message extension shows: topics from the same search as the Q&A,
// each with a light preview for the results list and the topic card that is inserted when chosen.
// Plain values only; the Teams edge wraps them in the SDK's attachment types.
import type { AdaptiveCard } from '../cards/render';
import { allTopics, searchTopics, shareTopic } from '../knowledge/answers';
import { guideSummaryLabel, kindInfo, kindOrder, topicsOfKind } from '../knowledge/framework';
import type { Topic } from '../knowledge/types';
import { ellipsised } from '../cards/plainText';

/** Teams shows at most 25 results per page of a search-based message extension. */
export const MAX_RESULTS_PER_PAGE = 25;
/** The list preview is one or two lines in Teams; the whole definition is on the card itself. */
const PREVIEW_MAX_CHARS = 120;

export interface ExtensionItem {
  topicId: string;
  title: string;
  /** The kind and position, e.g. "Outcome 2 of 12". */
  subtitle: string;
  preview: string;
  /** The topic card the bot answers with, less the buttons that need the bot in the conversation. */
  card: AdaptiveCard;
}

export type ExtensionResults = { type: 'list'; items: ExtensionItem[] } | { type: 'message'; text: string };

/** Counted from the framework data, so the text stays true if the data changes. */
const everyList = kindOrder.map((kind) => `${topicsOfKind(kind).length} ${kindInfo(kind).plural}`);

export const NO_RESULTS_TEXT =
  'No outcome, mission, enabler or principle matches that. Clear the search box to list them all ' +
  `(the ${everyList.slice(0, -1).join(', ')} and ${everyList.at(-1) ?? ''}), or try a name such as Data or Leadership.`;

function itemFor(topic: Topic, askMoreUrl: string): ExtensionItem[] {
  const reply = shareTopic(topic.id, askMoreUrl);
  if (!reply) return [];
  const info = kindInfo(topic.kind);
  return [
    {
      topicId: topic.id,
      title: topic.name,
      subtitle: `${info.label} ${topic.ordinal} of ${topicsOfKind(topic.kind).length}`,
      // The preview is read without the card, so a guide summary says so at its start.
      preview: ellipsised(
        topic.source.kind === 'official' ? topic.definition : `${guideSummaryLabel}: ${topic.definition}`,
        PREVIEW_MAX_CHARS,
      ),
      card: reply.card,
    },
  ];
}

/** Clamps what Teams asked for: a bad or missing count means a full page, never more than Teams allows. */
function pageSize(count: number): number {
  return Number.isInteger(count) && count > 0 ? Math.min(count, MAX_RESULTS_PER_PAGE) : MAX_RESULTS_PER_PAGE;
}

/**
 * One page of results. An empty query lists the whole framework in the guide's order (outcomes,
 * missions, enablers, principles). A query that finds nothing gets a message on its first page;
 * later pages past the end are empty lists, which is how Teams knows to stop asking.
 */
export function extensionResults(query: string, skip: number, count: number, askMoreUrl = ''): ExtensionResults {
  const from = Number.isInteger(skip) && skip > 0 ? skip : 0;
  const size = pageSize(count);
  const text = query.trim();
  const found = text === '' ? allTopics() : searchTopics(text, from + size);
  if (found.length === 0 && from === 0) return { type: 'message', text: NO_RESULTS_TEXT };
  return { type: 'list', items: found.slice(from, from + size).flatMap((topic) => itemFor(topic, askMoreUrl)) };
}
