// The activity handler, a thin dispatcher: it lets in only allowed tenants and each activity once,
// then hands each kind of activity to its route (routes/, one file per kind, as the Teams SDK lays
// out its app) and keeps the installation current beside the turn.
import {
  TeamsActivityHandler,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type FileConsentCardResponse,
  type MessagingExtensionAction,
  type MessagingExtensionActionResponse,
  type MessagingExtensionQuery,
  type MessagingExtensionResponse,
  type TurnContext,
} from 'botbuilder';
import type { Logger } from '../logging';
import type { RefusalLog } from '../refusalLog';
import type { TurnCapabilities } from '../router/handleTurn';
import type { InstallationRecorder } from '../installations/installationRecorder';
import type { ActivityClaims } from '../turns/activityClaims';
import { tenantIdOf } from './activityToRequest';
import { InvokeAnswers, type InvokeAnswer } from './invokeResends';
import type { PersonalChats } from './personalChats';
import { ReplyDelivery, type FileLinks } from './replyDelivery';
import { answerFileConsent } from './routes/fileConsent';
import { recordInstallation, welcomeWhenAdded, type Memberships } from './routes/installationUpdates';
import { answerCardAction, answerMessage } from './routes/messages';
import { explainDialog, searchTopics, selectTopic } from './routes/messageExtension';
import type { RouteDeps } from './routes/routeDeps';

export interface BotOptions {
  capabilities: TurnCapabilities;
  claims: ActivityClaims;
  installations: InstallationRecorder;
  logger: Logger;
  allowedTenantIds?: readonly string[];
  /** The person → teams index, fed from channel traffic (see rosterTeamDirectory.ts). */
  memberships?: Memberships;
  /** Where activities from tenants not allowed are logged, at a bounded rate (the logger when unset). */
  refused?: RefusalLog;
  /**
   * The bot's app id, for links that open a chat with it. Without one the bot runs anonymously for a
   * local client (the Agents Playground), which has no file consent step: files go by `fileLinks` there.
   */
  botAppId?: string;
  /** Local mode's downloads: short-lived links served by this bot. Unset where only Teams' consent flow is used. */
  fileLinks?: FileLinks;
  /** The person's personal chat, for what a channel or group chat must not show. */
  personalChats?: PersonalChats;
}

export class FrameworkGuideBot extends TeamsActivityHandler {
  private readonly routes: RouteDeps;
  /** The invoke responses of turns run here, so that a resend gets the first answer (invokeResends.ts). */
  private readonly invokeAnswers = new InvokeAnswers();

  constructor(private readonly options: BotOptions) {
    super();
    const delivery = new ReplyDelivery(options);
    this.routes = {
      capabilities: options.capabilities,
      logger: options.logger,
      answer: (context, replies, trigger) => delivery.deliver(context, replies, trigger),
    };
    this.onMessage(async (context, next) => {
      await answerMessage(this.routes, context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      await welcomeWhenAdded(this.routes, context);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    const { activity } = context;
    // Built only when something is logged: most turns log nothing before they are answered.
    const log = () => this.options.logger.child({ activityId: activity.id, activityType: activity.type });
    const tenantId = tenantIdOf(activity);
    const allowed = this.options.allowedTenantIds;
    if (allowed && (!tenantId || !allowed.includes(tenantId))) {
      const fields = { activityId: activity.id, activityType: activity.type, tenantId: tenantId ?? null };
      const message = 'activity refused: tenant not in ALLOWED_TENANT_IDS';
      if (this.options.refused) this.options.refused(fields, message);
      else log().warn(fields, message);
      return;
    }
    const key = activity.id ? `${activity.channelId}|${activity.conversation.id}|${activity.id}` : undefined;
    if (key && !(await this.options.claims.claim(key))) {
      log().info('activity already handled or in progress; resend ignored');
      // An invoke must still be answered: without an invoke response the adapter sends 501.
      if (activity.type === 'invoke')
        await context.sendActivity({ type: 'invokeResponse', value: this.invokeAnswers.forResend(key, activity.name) });
      return;
    }
    if (key && activity.type === 'invoke')
      context.onSendActivities(async (_context, activities, next) => {
        const response = activities.find((each) => each.type === 'invokeResponse');
        if (response) this.invokeAnswers.remember(key, response.value as InvokeAnswer);
        return next();
      });
    try {
      // Keeping the installation current runs beside the turn; it never fails the turn.
      const recording = recordInstallation(this.options, activity);
      await super.run(context);
      await recording;
    } finally {
      // Done, even after a failure: its replies may have gone, so a resend must not run it again.
      // Only a turn that never gets here (the process died) leaves its claim to run out.
      if (key) await this.options.claims.finish(key);
    }
  }

  protected override onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    return answerCardAction(this.routes, context, invokeValue);
  }

  protected override async handleTeamsMessagingExtensionQuery(
    context: TurnContext,
    query: MessagingExtensionQuery,
  ): Promise<MessagingExtensionResponse> {
    // Shared examples only from the searcher's own organisation, and none when Teams does not say which.
    const tenantId = tenantIdOf(context.activity);
    const practice = this.options.capabilities.practice;
    return searchTopics(
      query,
      this.options.botAppId,
      tenantId ? (words) => practice.shareResults(tenantId, words) : undefined,
    );
  }

  protected override async handleTeamsMessagingExtensionSelectItem(
    _context: TurnContext,
    value: unknown,
  ): Promise<MessagingExtensionResponse> {
    return selectTopic(value, this.options.botAppId);
  }

  /**
   * The SDK reads `botMessagePreviewAction` from the value before any handler runs, so a value that
   * is not an object would fail there; it gets the same clear card as any other unreadable action.
   */
  protected override async handleTeamsMessagingExtensionSubmitActionDispatch(
    context: TurnContext,
    action: MessagingExtensionAction,
  ): Promise<MessagingExtensionActionResponse> {
    if (typeof action !== 'object' || action === null)
      return this.handleTeamsMessagingExtensionSubmitAction(context, action);
    return super.handleTeamsMessagingExtensionSubmitActionDispatch(context, action);
  }

  protected override async handleTeamsMessagingExtensionSubmitAction(
    _context: TurnContext,
    action: MessagingExtensionAction,
  ): Promise<MessagingExtensionActionResponse> {
    return explainDialog(action);
  }

  protected override async handleTeamsMessagingExtensionFetchTask(
    _context: TurnContext,
    action: MessagingExtensionAction,
  ): Promise<MessagingExtensionActionResponse> {
    return explainDialog(action);
  }

  protected override handleTeamsFileConsent(context: TurnContext, response: FileConsentCardResponse): Promise<void> {
    return answerFileConsent(this.routes, context, response);
  }
}
