// POST /api/messages: reads and checks the request ourselves, so that every bad request gets a clear
// status and message, then hands the activity to the adapter (which authenticates it) and the bot.
import { CardFactory, type Activity } from 'botbuilder';
import type { Request, Response } from 'restify';
import type { Logger } from '../logging';
import type { RefusalLog } from '../refusalLog';
import { checkActivity } from './activityShape';
import { RequestNotAuthenticated, type GuideAdapter } from './adapter';
import type { FrameworkGuideBot } from './frameworkGuideBot';
import { apologyReply } from '../turns/guideCards';

function sendJson(res: Response, status: number, body: object): void {
  res.status(status);
  res.json(body);
}

/**
 * `refused`: where refused requests are logged (as warnings, at a bounded rate: anyone can send them).
 * Error-level lines are kept for faults of ours.
 */
export function createMessagesHandler(
  adapter: GuideAdapter,
  bot: FrameworkGuideBot,
  logger: Logger,
  refused: RefusalLog,
) {
  adapter.onTurnError = async (context, error) => {
    logger.error({ activityId: context.activity.id, err: error }, 'turn failed');
    try {
      const reply = apologyReply();
      await context.sendActivity({
        type: 'message',
        summary: reply.summary,
        attachments: [CardFactory.adaptiveCard(reply.card)],
      });
    } catch (sendError) {
      logger.error({ activityId: context.activity.id, err: sendError }, 'could not send apology');
    }
  };

  return async (req: Request, res: Response): Promise<void> => {
    const contentType = String(req.headers['content-type'] ?? '');
    if (!/^application\/json\s*(;|$)/i.test(contentType)) {
      refused({ status: 415 }, 'request refused: not JSON');
      return sendJson(res, 415, { code: 'UnsupportedMediaType', message: 'Send the activity as application/json.' });
    }
    let body: unknown;
    try {
      const raw: unknown = req.body;
      body = Buffer.isBuffer(raw) ? JSON.parse(raw.toString('utf8')) : typeof raw === 'string' ? JSON.parse(raw) : raw;
    } catch {
      refused({ status: 400 }, 'request refused: body is not valid JSON');
      return sendJson(res, 400, { code: 'BadRequest', message: 'The request body is not valid JSON.' });
    }
    const checked = checkActivity(body);
    if (!checked.ok) {
      // Field paths only: never the values, which may be anything a sender chose.
      const fields = checked.fields.slice(0, 10);
      refused({ status: 400, fields }, 'request refused: malformed activity');
      const message = `The activity is missing or has invalid fields: ${fields.join(', ')}.`;
      // A Universal Action gets the error form Teams documents for adaptiveCard/action invokes.
      return sendJson(
        res,
        400,
        checked.cardAction
          ? { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message } }
          : { code: 'BadRequest', message },
      );
    }
    const activity = withDates(checked.activity as unknown as Activity);
    const authHeader = String(req.headers.authorization ?? '');
    try {
      const invokeResponse = await adapter.handleActivity(authHeader, activity, (context) => bot.run(context));
      res.status(invokeResponse?.status ?? 200);
      if (invokeResponse?.body !== undefined) res.json(invokeResponse.body);
      else res.end();
    } catch (error) {
      if (error instanceof RequestNotAuthenticated) {
        refused(
          { activityId: activity.id, reason: (error as Error).message },
          'request refused: authentication failed',
        );
        return sendJson(res, 401, { code: 'Unauthorized', message: 'A valid Bot Framework token is required.' });
      }
      logger.error({ activityId: activity.id, err: error }, 'activity failed');
      return sendJson(res, 500, { code: 'InternalError', message: 'The activity could not be processed.' });
    }
  };
}

/** The SDK expects Date objects where the wire has ISO strings (as its own request parser does). */
function withDates(activity: Activity): Activity {
  const record = activity as unknown as Record<string, unknown>;
  for (const field of ['timestamp', 'localTimestamp', 'expiration']) {
    const value = record[field];
    if (typeof value === 'string') record[field] = new Date(value);
  }
  return activity;
}
