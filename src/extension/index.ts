// The message extension as the Teams edge sees it: an invoke value in, a plain answer out.
// botbuilder types stay in src/teams; everything here is testable without the SDK.
import type { CardReply } from '../turns/types';
import { explainProblem, explainTerms } from './explain';
import { plainText } from './html';
import { readExplainRequest, readSearchRequest } from './invokeValues';
import { extensionResults, type ExtensionResults } from './results';

export { EXPLAIN_TITLE } from './explain';

/** The answer to a `composeExtension/query` invoke value. */
export function answerSearch(value: unknown): ExtensionResults {
  const request = readSearchRequest(value);
  if (!request.ok) return { type: 'message', text: request.problem };
  return extensionResults(request.query, request.skip, request.count);
}

/** The card for an "Explain framework terms" `composeExtension/submitAction` invoke value. */
export function answerExplain(value: unknown): CardReply {
  const request = readExplainRequest(value);
  if (!request.ok) return explainProblem(request.problem);
  return explainTerms(request.isHtml ? plainText(request.text) : request.text);
}
