// The activity handler: receives Teams activities, asks the product what to say, and says it.
import {
  CardFactory,
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
import { answerExplain, answerSearch, chatWithBotUrl, EXPLAIN_TITLE, selectedTopic } from '../extension';
import type { Logger } from '../logging';
import type { RefusalLog } from '../refusalLog';
import { handleTurn, type TurnCapabilities } from '../router/handleTurn';
import type { InstallationRecorder } from '../installations/installationRecorder';
import type { ActivityClaims } from '../turns/activityClaims';
import { noticeReply } from '../turns/guideCards';
import type { FileOfferKind, Reply } from '../turns/types';
import { messageRequest, tenantIdOf, turnContextInfo } from './activityToRequest';
import type { Trigger } from './deliveryPolicy';
import { fileBytes, fileInfoAttachment, parseFileConsent, uploadFile, type UploadInfo } from './fileUpload';
import { installationFromActivity } from './installationFromActivity';
import type { PersonalChats } from './personalChats';
import { ReplyDelivery, type FileLinks } from './replyDelivery';

export type { FileLinks } from './replyDelivery';

export interface BotOptions {
  capabilities: TurnCapabilities;
  claims: ActivityClaims;
  installations: InstallationRecorder;
  logger: Logger;
  allowedTenantIds?: readonly string[];
  /** The person → teams index, fed from channel traffic (see rosterTeamDirectory.ts). */
  memberships?: {
    seenInTeam(teamId: string, tenantId: string, userId: string, teamName?: string): void;
    learnRoster(teamId: string): void;
  };
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
  private readonly delivery: ReplyDelivery;

  constructor(private readonly options: BotOptions) {
    super();
    this.delivery = new ReplyDelivery(options);
    this.onMessage(async (context, next) => {
      const request = messageRequest(context.activity);
      // A message carrying card data is an Action.Submit press; anything else was typed.
      await this.answer(
        context,
        await handleTurn(request, options.capabilities),
        request.kind === 'cardAction' ? 'submit' : 'message',
      );
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botWasAdded = context.activity.membersAdded?.some((member) => member.id === context.activity.recipient.id);
      if (botWasAdded) {
        const request = { kind: 'installed' as const, context: turnContextInfo(context.activity) };
        await this.answer(context, await handleTurn(request, options.capabilities), 'message');
      }
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
      return;
    }
    try {
      // Keeping the installation current runs beside the turn; it never fails the turn.
      const recording = this.recordInstallation(activity);
      await super.run(context);
      await recording;
    } finally {
      // Done, even after a failure: its replies may have gone, so a resend must not run it again.
      // Only a turn that never gets here (the process died) leaves its claim to run out.
      if (key) await this.options.claims.finish(key);
    }
  }

  private async recordInstallation(activity: TurnContext['activity']): Promise<void> {
    // Message extensions work in any chat, including chats without the bot: a search or an
    // action there says nothing about where the bot is installed, so only bot traffic counts.
    if (activity.type === 'invoke' && activity.name?.startsWith('composeExtension/')) return;
    const installation = installationFromActivity(activity);
    if (!installation) return;
    const botId = activity.recipient.id;
    const botRemoved =
      (activity.type === 'installationUpdate' && activity.action === 'remove') ||
      (activity.type === 'conversationUpdate' && activity.membersRemoved?.some((member) => member.id === botId));
    const botAdded =
      (activity.type === 'installationUpdate' && activity.action === 'add') ||
      (activity.type === 'conversationUpdate' && activity.membersAdded?.some((member) => member.id === botId));
    if (botRemoved) await this.options.installations.removed(installation);
    else {
      await this.options.installations.seen(installation, { added: botAdded });
      this.noteMembership(activity, installation, botAdded);
    }
  }

  /**
   * Traffic in a team's channel says its sender is in the team (the person → teams index that
   * personal-chat check-ins start from). The app just added: the whole roster is read once, off the turn.
   */
  private noteMembership(
    activity: TurnContext['activity'],
    installation: { kind: string; teamId?: string; tenantId: string },
    botAdded: boolean | undefined,
  ): void {
    const memberships = this.options.memberships;
    const teamId = installation.teamId;
    if (!memberships || installation.kind !== 'channel' || !teamId) return;
    const sender = activity.from?.id;
    if (sender && sender !== activity.recipient.id) {
      const teamName = turnContextInfo(activity).teamName;
      memberships.seenInTeam(teamId, installation.tenantId, sender, teamName);
    }
    if (botAdded) memberships.learnRoster(teamId);
  }

  /**
   * Action.Execute (Universal Actions): the invoke response is the card put in place of the pressed
   * one, or a line shown to the presser alone; other replies go out as messages where the delivery
   * policy allows. Teams needs an invoke response either way.
   */
  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const request = {
      kind: 'cardAction' as const,
      data: invokeValue?.action?.data,
      context: turnContextInfo(context.activity),
    };
    const answer = await this.answer(context, await handleTurn(request, this.options.capabilities), 'execute');
    if (answer && 'card' in answer)
      return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: answer.card };
    return {
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
      value: (answer?.text ?? 'Done') as unknown as AdaptiveCardInvokeResponse['value'],
    };
  }

  /**
   * Search-based message extension: one page of topics, each previewed as a thumbnail card in the
   * results list and inserted as the topic card, or a plain message when there is nothing to list.
   */
  protected override async handleTeamsMessagingExtensionQuery(
    _context: TurnContext,
    query: MessagingExtensionQuery,
  ): Promise<MessagingExtensionResponse> {
    const results = answerSearch(query, chatWithBotUrl(this.options.botAppId));
    if (results.type === 'message') return { composeExtension: { type: 'message', text: results.text } };
    const attachments = results.items.map((item) => ({
      ...CardFactory.adaptiveCard(item.card),
      // The tap names the topic, for clients that ask for the chosen item again (selectItem).
      preview: CardFactory.thumbnailCard(item.title, item.preview, undefined, undefined, {
        subtitle: item.subtitle,
        tap: { type: 'invoke', title: item.title, value: { topicId: item.topicId } },
      }),
    }));
    return { composeExtension: { type: 'result', attachmentLayout: 'list', attachments } };
  }

  /** A result was chosen: the topic card to insert, or a message when the choice is unreadable. */
  protected override async handleTeamsMessagingExtensionSelectItem(
    _context: TurnContext,
    value: unknown,
  ): Promise<MessagingExtensionResponse> {
    const chosen = selectedTopic(value, chatWithBotUrl(this.options.botAppId));
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

  /**
   * "Explain framework terms" on a message: answered in a dialog (task module) that only the person
   * who used the action sees, so nothing is posted to the conversation.
   */
  protected override async handleTeamsMessagingExtensionSubmitAction(
    _context: TurnContext,
    action: MessagingExtensionAction,
  ): Promise<MessagingExtensionActionResponse> {
    return explainDialog(action);
  }

  /**
   * The manifest declares the action with `fetchTask: false`; should it ever fetch its dialog instead
   * (an older manifest, or Teams insisting on a dialog), the fetch carries the same message and gets the same card.
   */
  protected override async handleTeamsMessagingExtensionFetchTask(
    _context: TurnContext,
    action: MessagingExtensionAction,
  ): Promise<MessagingExtensionActionResponse> {
    return explainDialog(action);
  }

  /**
   * `fileConsent/invoke`: the person accepted or declined a file consent card. A value that is not
   * one of ours (damaged, or from a card this version did not send) gets a clear card, not an error.
   */
  protected override async handleTeamsFileConsent(
    context: TurnContext,
    response: FileConsentCardResponse,
  ): Promise<void> {
    const answer = parseFileConsent(response);
    if (!answer) {
      this.options.logger.warn({ activityId: context.activity.id }, 'file consent answer unreadable; nothing sent');
      await this.answer(
        context,
        [
          noticeReply(
            'That file could not be sent',
            'The file offer was out of date or damaged, so nothing was sent. Type "my data" and press "Download my data" to get a new one.',
          ),
        ],
        'message',
      );
      return;
    }
    if (answer.action === 'decline') return this.fileOfferAnswered(context, answer.context.offer, 'declined');
    return this.deliverFile(context, answer.context.offer, answer.context.exportId, answer.uploadInfo);
  }

  /** Accepted: the file is built now (so it is current), uploaded to the person's OneDrive and shown. */
  private async deliverFile(
    context: TurnContext,
    offer: FileOfferKind,
    exportId: string,
    upload: UploadInfo,
  ): Promise<void> {
    for (const reply of await this.fileOfferReplies(context, offer, 'accepted')) {
      if (reply.kind !== 'file') {
        await this.answer(context, [reply], 'message');
        continue;
      }
      const bytes = fileBytes(reply);
      try {
        await uploadFile(upload.uploadUrl, bytes);
      } catch (error) {
        this.options.logger.warn({ activityId: context.activity.id, exportId, err: error }, 'file upload failed');
        await this.fileOfferAnswered(context, offer, 'failed');
        continue;
      }
      this.options.logger.info({ activityId: context.activity.id, exportId, bytes: bytes.length }, 'file uploaded');
      await context.sendActivity({
        type: 'message',
        text: reply.summary,
        attachments: [fileInfoAttachment(upload, reply.fileName)],
      });
    }
  }

  private async fileOfferAnswered(
    context: TurnContext,
    offer: FileOfferKind,
    outcome: 'declined' | 'failed',
  ): Promise<void> {
    await this.answer(context, await this.fileOfferReplies(context, offer, outcome), 'message');
  }

  private fileOfferReplies(
    context: TurnContext,
    offer: FileOfferKind,
    outcome: 'accepted' | 'declined' | 'failed',
  ): Promise<Reply[]> {
    return handleTurn(
      { kind: 'fileOffer', offer, outcome, context: turnContextInfo(context.activity) },
      this.options.capabilities,
    );
  }

  /** Every reply of every turn leaves through the delivery, which applies the delivery policy. */
  private answer(context: TurnContext, replies: Reply[], trigger: Trigger) {
    return this.delivery.deliver(context, replies, trigger);
  }
}

/** The terms card in a dialog (task module `continue`): private to the person who used the action. */
function explainDialog(action: unknown): MessagingExtensionActionResponse {
  const reply = answerExplain(action);
  return {
    task: {
      type: 'continue',
      value: { title: EXPLAIN_TITLE, width: 'medium', height: 'medium', card: CardFactory.adaptiveCard(reply.card) },
    },
  };
}
