// The one way replies leave the bot during a turn. Every reply goes through deliver(), which asks the
// delivery policy (deliveryPolicy.ts) where it may be shown: here (posted, or in place of the pressed
// card), in the person's personal chat, or to the presser alone. Then it sends it there.
import { CardFactory, type TurnContext } from 'botbuilder';
import { randomUUID } from 'node:crypto';
import { personalChatNoticeReply } from '../turns/guideCards';
import type { Logger } from '../logging';
import { fileLinkCard, fileUnavailableCard } from '../privacy/privacyCards';
import type { CardMessageReply, FileOfferReply, FileReply, Reply } from '../turns/types';
import { conversationKind, turnContextInfo } from './activityToRequest';
import { planDelivery, personalChatNotice, type Trigger } from './deliveryPolicy';
import { fileBytes, fileConsentAttachment } from './fileUpload';
import { personOf, type PersonalChats } from './personalChats';

/** Keeps a file for a short while and gives the address the person's browser downloads it from. */
export interface FileLinks {
  /** `owner`: the person the file is for (their user id), whose "delete my data" deletes it. */
  publish(bytes: Buffer, fileName: string, owner: string): string;
  /** How long a link works, said on the card. */
  minutes: number;
}

export interface ReplyDeliveryOptions {
  logger: Logger;
  personalChats?: PersonalChats;
  /** The bot's app id: Teams' file consent flow and the link that opens the personal chat need it. */
  botAppId?: string;
  fileLinks?: FileLinks;
}

/** What an Action.Execute press is answered with: a card in place of the pressed one, or a line for the presser alone. */
export type InvokeAnswer = { card: Record<string, unknown> } | { text: string };

export class ReplyDelivery {
  constructor(private readonly options: ReplyDeliveryOptions) {}

  /**
   * Shows every reply where the policy allows. For Action.Execute the returned answer is the invoke
   * response; otherwise it is undefined and everything went out as messages.
   */
  async deliver(context: TurnContext, replies: readonly Reply[], trigger: Trigger): Promise<InvokeAnswer | undefined> {
    const where = turnContextInfo(context.activity).conversationKind;
    const plan = planDelivery(where, trigger, replies);
    let invoke: InvokeAnswer | undefined;
    for (const { reply, how } of plan.here) {
      if (how === 'update' && trigger === 'execute' && (reply.kind === 'card' || reply.kind === 'updateCard'))
        invoke = { card: reply.card };
      else await this.show(context, reply, how);
    }
    const presser = [...plan.presser];
    if (plan.personalChat.length > 0) {
      const sent = await this.toPersonalChat(context, plan.personalChat);
      const notice = personalChatNotice(plan.personalChat, sent, this.options.botAppId);
      // A press answers the presser alone; a typed command (or an Action.Submit press, which
      // cannot be answered to one person) gets a short notice that says nothing personal.
      if (trigger === 'execute')
        presser.push(
          notice.link ? `${notice.title}. ${notice.message} ${notice.link}` : `${notice.title}. ${notice.message}`,
        );
      else if (trigger === 'message' || !sent) await this.show(context, personalChatNoticeReply(notice), 'post');
    }
    if (!invoke && presser.length > 0) invoke = { text: presser.join('\n\n') };
    this.options.logger.info(
      { activityId: context.activity.id, replies: replies.length, personal: plan.personalChat.length },
      'turn answered',
    );
    return invoke;
  }

  /** The replies, as new messages, in the person's personal chat; false when it could not be reached. */
  private async toPersonalChat(context: TurnContext, replies: readonly Reply[]): Promise<boolean> {
    const person = personOf(context.activity);
    const chats = this.options.personalChats;
    if (!person || !chats) return false;
    return chats.within(person, async (personal) => {
      for (const reply of replies) await this.show(personal, reply, 'post');
    });
  }

  /** One reply in the conversation of `context`: a new message, or (Action.Submit) in place of the pressed card. */
  private async show(context: TurnContext, reply: Reply, how: 'post' | 'update'): Promise<void> {
    if (reply.kind === 'fileOffer') return this.offerFile(context, reply);
    if (reply.kind === 'file') return this.sendFileLink(context, reply);
    await this.sendCard(context, reply, how);
  }

  private async sendCard(context: TurnContext, reply: CardMessageReply, how: 'post' | 'update'): Promise<void> {
    const message = { type: 'message', summary: reply.summary, attachments: [CardFactory.adaptiveCard(reply.card)] };
    // Action.Submit fallback: replace the card that was pressed (the message this one replies to).
    const pressedCard = context.activity.type === 'message' ? context.activity.replyToId : undefined;
    if (how === 'update' && pressedCard) await context.updateActivity({ ...message, id: pressedCard });
    else await context.sendActivity(message);
  }

  /** Teams' consent flow needs Teams itself, which only talks to a bot with an app id, and a personal chat. */
  private offersFilesByConsent(context: TurnContext): boolean {
    const { activity } = context;
    return (
      Boolean(this.options.botAppId) && activity.channelId === 'msteams' && conversationKind(activity) === 'personal'
    );
  }

  private async offerFile(context: TurnContext, reply: FileOfferReply): Promise<void> {
    if (!this.offersFilesByConsent(context)) {
      await this.sendFileLink(context, reply.file);
      return;
    }
    // The card carries back which offer it was and a random id for the logs, nothing about the person.
    const attachment = fileConsentAttachment(reply.file, reply.description, {
      offer: reply.offer,
      exportId: randomUUID(),
      ...(reply.details ? { details: reply.details } : {}),
    });
    await context.sendActivity({ type: 'message', summary: reply.summary, attachments: [attachment] });
  }

  /**
   * No consent flow here (the Agents Playground): a card with a short-lived link to the file, served
   * by this bot. Clients show inline JSON attachments poorly or not at all, so none is sent.
   */
  private async sendFileLink(context: TurnContext, file: FileReply): Promise<void> {
    const links = this.options.fileLinks;
    const reply = links
      ? fileLinkCard(
          links.publish(fileBytes(file), file.fileName, context.activity.from?.id ?? ''),
          links.minutes,
          file.fileName,
        )
      : fileUnavailableCard();
    await context.sendActivity({
      type: 'message',
      summary: reply.summary,
      attachments: [CardFactory.adaptiveCard(reply.card)],
    });
  }
}
