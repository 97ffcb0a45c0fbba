// The message extension: topic search (`composeExtension/query` and `selectItem`) and "Explain
// framework terms" on a message (`composeExtension/submitAction`, or `fetchTask`). It does not go
// through the router: Teams inserts its results or shows them privately, so nothing is delivered.
import {
  CardFactory,
  type MessagingExtensionActionResponse,
  type MessagingExtensionQuery,
  type MessagingExtensionResponse,
} from 'botbuilder';
import {
  answerExplain,
  answerSearch,
  chatWithBotUrl,
  EXPLAIN_TITLE,
  searchedFor,
  selectedTopic,
} from '../../extension';
import type { SharedExample } from '../../practice';

/** The organisation's shared examples matching some words (the practice capability's, for the searcher's tenant). */
export type ExampleSearch = (query: string) => Promise<SharedExample[]>;

/**
 * Search-based message extension: one page of topics, each previewed as a thumbnail card in the
 * results list and inserted as the topic card, then (on the first page of a search with words) the
 * examples the searcher's organisation shared that match, inserted as the example's card; or a
 * plain message when there is nothing to list.
 */
export async function searchTopics(
  query: MessagingExtensionQuery,
  botAppId?: string,
  examples?: ExampleSearch,
): Promise<MessagingExtensionResponse> {
  const results = answerSearch(query, chatWithBotUrl(botAppId));
  const asked = searchedFor(query);
  // Examples are a few best matches, not a list to page through: the first page only, and never
  // worth failing the topics for.
  const shared =
    examples && asked && asked.skip === 0 && asked.query.trim() !== ''
      ? await examples(asked.query).catch(() => [])
      : [];
  if (results.type === 'message' && shared.length === 0)
    return { composeExtension: { type: 'message', text: results.text } };
  const topics = results.type === 'list' ? results.items : [];
  const attachments = [
    ...topics.map((item) => ({
      ...CardFactory.adaptiveCard(item.card),
      // The tap names the topic, for clients that ask for the chosen item again (selectItem).
      preview: CardFactory.thumbnailCard(item.title, item.preview, undefined, undefined, {
        subtitle: item.subtitle,
        tap: { type: 'invoke', title: item.title, value: { topicId: item.topicId } },
      }),
    })),
    ...shared.map((example) => ({
      ...CardFactory.adaptiveCard(example.card),
      preview: CardFactory.thumbnailCard(example.title, example.preview, undefined, undefined, {
        subtitle: example.subtitle,
      }),
    })),
  ];
  return { composeExtension: { type: 'result', attachmentLayout: 'list', attachments } };
}

/** A result was chosen: the topic card to insert, or a message when the choice is unreadable. */
export function selectTopic(value: unknown, botAppId?: string): MessagingExtensionResponse {
  const chosen = selectedTopic(value, chatWithBotUrl(botAppId));
  if (chosen.type === 'message') return { composeExtension: { type: 'message', text: chosen.text } };
  return {
    composeExtension: {
      type: 'result',
      attachmentLayout: 'list',
      attachments: [CardFactory.adaptiveCard(chosen.card)],
    },
  };
}

/**
 * "Explain framework terms" on a message: the terms card in a dialog (task module `continue`) that
 * only the person who used the action sees, so nothing is posted to the conversation. The manifest
 * declares the action with `fetchTask: false`; should it ever fetch its dialog instead (an older
 * manifest, or Teams insisting on a dialog), the fetch carries the same message and gets the same card.
 */
export function explainDialog(action: unknown): MessagingExtensionActionResponse {
  const reply = answerExplain(action);
  return {
    task: {
      type: 'continue',
      value: { title: EXPLAIN_TITLE, width: 'medium', height: 'medium', card: CardFactory.adaptiveCard(reply.card) },
    },
  };
}
