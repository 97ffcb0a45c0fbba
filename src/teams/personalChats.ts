// The person's personal chat with the bot, reached from a turn in a channel or group chat: the
// stored personal conversation when there is one, otherwise one created through the Bot Connector
// (createConversation with the person's Teams id and tenant, which Teams allows for an app installed
// in a team the person belongs to) and recorded, so reminders and the next turn find it.
import type { Activity, CloudAdapter, ConversationParameters, TurnContext } from 'botbuilder';
import type { InstallationRecorder } from '../installations/installationRecorder';
import type { Logger } from '../logging';
import type { FrameworkStore, InstallationInput } from '../store/port';
import { tenantIdOf } from './activityToRequest';
import { toConversationReference } from './rosterTeamDirectory';

/** Enough installations for any council's tenant; beyond this the search gives up and creates the chat. */
const MAX_INSTALLATIONS_SCANNED = 2000;
/** Personal conversations this process remembers (person → reference), so most redirects read nothing. */
const REMEMBERED_LIMIT = 10_000;

/** Who to reach: the person of the turn, and where the turn came from (service URL, channel, bot). */
export interface Person {
  userId: string;
  tenantId: string;
  serviceUrl: string;
  channelId: string;
  botId: string;
}

export function personOf(activity: Activity): Person | undefined {
  const tenantId = tenantIdOf(activity);
  if (!tenantId || !activity.from?.id || !activity.serviceUrl) return undefined;
  return {
    userId: activity.from.id,
    tenantId,
    serviceUrl: activity.serviceUrl,
    channelId: activity.channelId,
    botId: activity.recipient.id,
  };
}

export class PersonalChats {
  private readonly remembered = new Map<string, InstallationInput>();

  constructor(
    /** The proactive adapter: no onTurnError, so a refusal reaches this class instead of an apology being posted. */
    private readonly adapter: CloudAdapter,
    private readonly botAppId: string,
    private readonly store: Pick<FrameworkStore, 'listInstallations'>,
    private readonly installations: InstallationRecorder,
    private readonly logger: Logger,
  ) {}

  /**
   * Runs `send` in the person's personal chat. False when the chat could not be reached (Teams
   * refused to create it, the app is blocked for the person, or a send failed): the caller then
   * says so in the shared conversation without anything personal.
   */
  async within(person: Person, send: (context: TurnContext) => Promise<void>): Promise<boolean> {
    const key = `${person.tenantId}|${person.userId}`;
    const stored = this.remembered.get(key) ?? (await this.findStored(person));
    if (stored) {
      try {
        await this.adapter.continueConversationAsync(this.botAppId, toConversationReference(stored), send);
        this.remember(key, stored);
        return true;
      } catch (error) {
        this.remembered.delete(key);
        const status = (error as { statusCode?: unknown }).statusCode;
        // Gone (403/404): the stored chat no longer works; create it afresh below. Anything else: not now.
        if (status !== 403 && status !== 404) {
          this.logger.warn({ err: error }, 'could not send to the stored personal chat');
          return false;
        }
      }
    }
    return this.create(person, key, send);
  }

  private async create(person: Person, key: string, send: (context: TurnContext) => Promise<void>): Promise<boolean> {
    const parameters = {
      isGroup: false,
      bot: { id: person.botId, name: '' },
      members: [{ id: person.userId, name: '' }],
      tenantId: person.tenantId,
      channelData: { tenant: { id: person.tenantId } },
    } as ConversationParameters;
    let created: InstallationInput | undefined;
    try {
      await this.adapter.createConversationAsync(
        this.botAppId,
        person.channelId,
        person.serviceUrl,
        undefined as unknown as string,
        parameters,
        async (context) => {
          const conversationId = context.activity.conversation?.id;
          if (conversationId) created = personalInstallation(person, conversationId);
        },
      );
    } catch (error) {
      this.logger.warn({ err: error }, 'could not create a personal chat with the person');
      return false;
    }
    if (!created) return false;
    await this.installations.seen(created, { added: true });
    this.remember(key, created);
    // Sent through the stored form of the reference, as every later message will be (the person as
    // recipient, the conversation marked personal), rather than through the creation's own context.
    try {
      await this.adapter.continueConversationAsync(this.botAppId, toConversationReference(created), send);
      return true;
    } catch (error) {
      this.logger.warn({ err: error }, 'could not send to the personal chat just created');
      return false;
    }
  }

  /** The person's personal chat as the store has it (active, same tenant), if any. */
  private async findStored(person: Person): Promise<InstallationInput | undefined> {
    let continuationToken: string | undefined;
    let scanned = 0;
    try {
      do {
        const page = await this.store.listInstallations({ activeOnly: true, pageSize: 500, continuationToken });
        scanned += page.items.length;
        const found = page.items.find(
          (item) =>
            item.kind === 'personal' && item.tenantId === person.tenantId && item.reference.user.id === person.userId,
        );
        if (found) return found;
        continuationToken = page.continuationToken;
      } while (continuationToken && scanned < MAX_INSTALLATIONS_SCANNED);
    } catch (error) {
      // The store being down does not stop the message: creating the chat finds the same one.
      this.logger.warn({ err: error }, 'could not read stored personal chats');
    }
    return undefined;
  }

  private remember(key: string, installation: InstallationInput): void {
    if (this.remembered.size >= REMEMBERED_LIMIT) this.remembered.clear();
    this.remembered.set(key, installation);
  }
}

function personalInstallation(person: Person, conversationId: string): InstallationInput {
  return {
    conversationId,
    tenantId: person.tenantId,
    kind: 'personal',
    reference: {
      serviceUrl: person.serviceUrl,
      channelId: person.channelId,
      conversation: { id: conversationId, tenantId: person.tenantId, conversationType: 'personal' },
      bot: { id: person.botId },
      user: { id: person.userId },
    },
  };
}
