// What every route (one file per kind of activity, beside this one) is given by the bot that
// dispatches to it: the capabilities, reached through the router, the logger, and the one way
// replies leave. Routes hold no state of their own.
import type { TurnContext } from 'botbuilder';
import type { Logger } from '../../logging';
import type { TurnCapabilities } from '../../router/handleTurn';
import type { Reply } from '../../turns/types';
import type { Trigger } from '../deliveryPolicy';
import type { InvokeAnswer } from '../replyDelivery';

export interface RouteDeps {
  capabilities: TurnCapabilities;
  logger: Logger;
  /**
   * Every reply of every turn leaves through here (ReplyDelivery.deliver, which applies the delivery
   * policy). For an Action.Execute press the answer is the invoke response.
   */
  answer(context: TurnContext, replies: Reply[], trigger: Trigger): Promise<InvokeAnswer | undefined>;
}
