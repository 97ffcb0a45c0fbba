// Messages and card actions: text a person typed, an Action.Submit press (a message carrying the
// card's data) and an Action.Execute press (an `adaptiveCard/action` invoke). All three become a
// plain request for the router; its replies leave through the delivery.
import type { AdaptiveCardInvokeResponse, AdaptiveCardInvokeValue, TurnContext } from 'botbuilder';
import { handleTurn } from '../../router/handleTurn';
import { messageRequest, turnContextInfo } from '../activityToRequest';
import type { RouteDeps } from './routeDeps';

export async function answerMessage(deps: RouteDeps, context: TurnContext): Promise<void> {
  const request = messageRequest(context.activity);
  // A message carrying card data is an Action.Submit press; anything else was typed.
  await deps.answer(
    context,
    await handleTurn(request, deps.capabilities),
    request.kind === 'cardAction' ? 'submit' : 'message',
  );
}

/**
 * Action.Execute (Universal Actions): the invoke response is the card put in place of the pressed
 * one, or a line shown to the presser alone; other replies go out as messages where the delivery
 * policy allows. Teams needs an invoke response either way.
 */
export async function answerCardAction(
  deps: RouteDeps,
  context: TurnContext,
  invokeValue: AdaptiveCardInvokeValue,
): Promise<AdaptiveCardInvokeResponse> {
  const request = {
    kind: 'cardAction' as const,
    data: invokeValue?.action?.data,
    context: turnContextInfo(context.activity),
  };
  const answer = await deps.answer(context, await handleTurn(request, deps.capabilities), 'execute');
  if (answer && 'card' in answer)
    return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: answer.card };
  return {
    statusCode: 200,
    type: 'application/vnd.microsoft.activity.message',
    value: (answer?.text ?? 'Done') as unknown as AdaptiveCardInvokeResponse['value'],
  };
}
