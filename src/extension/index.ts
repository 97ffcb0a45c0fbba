// The message extension as the Teams edge sees it: an invoke value in, a plain answer out.
// botbuilder types stay in src/teams; everything here is testable without the SDK.
import type { AdaptiveCard } from '../cards/render';
import { shareTopic } from '../knowledge/answers';
import type { CardReply } from '../turns/types';
import { explainProblem, explainTerms } from './explain';
import { plainText } from './html';
import { readExplainRequest, readSearchRequest } from './invokeValues';
import { extensionResults, type ExtensionResults } from './results';

export { EXPLAIN_TITLE } from './explain';

/** The answer to a `composeExtension/query` invoke value. */
export function answerSearch(value: unknown, askMoreUrl = ''): ExtensionResults {
  const request = readSearchRequest(value);
  if (!request.ok) return { type: 'message', text: request.problem };
  return extensionResults(request.query, request.skip, request.count, askMoreUrl);
}

/**
 * The words and the page a search asks for, when the value is readable, for results another
 * capability adds beside the topics (the organisation's shared examples, through the edge).
 */
export function searchedFor(value: unknown): { query: string; skip: number } | undefined {
  const request = readSearchRequest(value);
  return request.ok ? { query: request.query, skip: request.skip } : undefined;
}

/** The card for a chosen search result (`composeExtension/selectItem`), by the topic id its tap carried. */
export function selectedTopic(
  value: unknown,
  askMoreUrl = '',
): { type: 'card'; card: AdaptiveCard } | { type: 'message'; text: string } {
  const topicId = (value as { topicId?: unknown } | null)?.topicId;
  const reply = typeof topicId === 'string' ? shareTopic(topicId, askMoreUrl) : undefined;
  return reply
    ? { type: 'card', card: reply.card }
    : { type: 'message', text: 'That result could not be read. Search again to choose a topic.' };
}

/** Teams' deep link that opens a chat with the bot; none without an app id (local anonymous mode). */
export function chatWithBotUrl(botAppId: string | undefined): string {
  return botAppId ? `https://teams.microsoft.com/l/chat/0/0?users=28:${encodeURIComponent(botAppId)}` : '';
}

/** The card for an "Explain framework terms" `composeExtension/submitAction` invoke value. */
export function answerExplain(value: unknown): CardReply {
  const request = readExplainRequest(value);
  if (!request.ok) return explainProblem(request.problem);
  return explainTerms(request.isHtml ? plainText(request.text) : request.text);
}
