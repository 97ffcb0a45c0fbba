// The edge side of prompts: sending a card into a stored conversation, updating a card sent there,
// and asking Teams whether someone is on a team's roster. The scheduler (src/prompts) sees only the
// plain ports.
import { CardFactory, type CloudAdapter, type TurnContext } from 'botbuilder';
import type { LRUCache } from 'lru-cache';
import { boundedCache } from '../boundedCache';
import type { AdaptiveCard } from '../cards/render';
import type { TeamMembers } from '../progress';
import type { ProactiveSender, SendResult, TeamMembership } from '../prompts';
import type { Installation } from '../domain';
import { GuideAdapter } from './adapter';
import { toConversationReference } from './rosterTeamDirectory';

export class TeamsProactiveSender implements ProactiveSender {
  private readonly adapter: CloudAdapter;

  /** Given the app's adapter, sends through its proactive sibling (see GuideAdapter.forProactiveSends). */
  constructor(
    adapter: CloudAdapter,
    private readonly botAppId: string,
  ) {
    this.adapter = adapter instanceof GuideAdapter ? adapter.forProactiveSends() : adapter;
  }

  async send(installation: Installation, card: AdaptiveCard, summary: string): Promise<SendResult> {
    try {
      let activityId: string | undefined;
      await this.adapter.continueConversationAsync(
        this.botAppId,
        toConversationReference(installation),
        async (context) => {
          withoutSdkRetries(context, this.adapter);
          // The Connector answers with the new message's id (ResourceResponse), which an update names.
          activityId =
            (await context.sendActivity({ type: 'message', summary, attachments: [CardFactory.adaptiveCard(card)] }))
              ?.id || undefined;
        },
      );
      return activityId ? { status: 'ok', activityId } : { status: 'ok' };
    } catch (error) {
      return sendResultOf(error);
    }
  }

  /**
   * Replaces a message this bot sent in the installation's conversation (PUT .../activities/{id}).
   * The conversation is the stored reference's, as for send: for a channel prompt that is the team's
   * conversation the prompt was posted in, for a group chat the chat.
   */
  async update(
    installation: Installation,
    activityId: string,
    card: AdaptiveCard,
    summary: string,
  ): Promise<SendResult> {
    try {
      await this.adapter.continueConversationAsync(
        this.botAppId,
        toConversationReference(installation),
        async (context) => {
          withoutSdkRetries(context, this.adapter);
          await context.updateActivity({
            type: 'message',
            id: activityId,
            summary,
            attachments: [CardFactory.adaptiveCard(card)],
          });
        },
      );
      return { status: 'ok' };
    } catch (error) {
      return sendResultOf(error);
    }
  }
}

/**
 * The connector client's pipeline retries 429 and 5xx itself, out of sight of our rate limiter.
 * The scheduler already retries through the limiter, honouring Retry-After, so the SDK's retry
 * policy is taken out when the client is the shape we know; otherwise it is left as it is.
 */
function withoutSdkRetries(context: TurnContext, adapter: CloudAdapter): void {
  const connector = context.turnState.get(adapter.ConnectorClientKey) as
    { client?: { pipeline?: { removePolicy?: (options: { name: string }) => unknown } } } | undefined;
  connector?.client?.pipeline?.removePolicy?.({ name: 'defaultRetryPolicy' });
}

/** Maps the connector's RestError (statusCode, response headers) to what the scheduler acts on. */
export function sendResultOf(error: unknown): SendResult {
  const statusCode = (error as { statusCode?: unknown })?.statusCode;
  const retryAfterMs = retryAfterOf(error);
  if (statusCode === 403 && errorCodeOf(error) === BOT_NOT_IN_ROSTER)
    return { status: 'gone', statusCode, removed: true };
  if (statusCode === 403 || statusCode === 404) return { status: 'gone', statusCode };
  if (statusCode === 429) return { status: 'throttled', ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  if (typeof statusCode === 'number') {
    // 5xx and 408 may pass; other 4xx will answer the same until something changes.
    const retryable = statusCode >= 500 || statusCode === 408;
    return { status: 'failed', statusCode, retryable, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  }
  // No status: the request never got an answer (network, timeout). Worth another try.
  return { status: 'failed', retryable: true };
}

/**
 * Teams' answer (403) to a message into a conversation the bot is no longer a member of: the app was
 * removed from the team or chat. Other 403s (BotDisabledByAdmin, a user who blocked the bot) are not removals.
 */
const BOT_NOT_IN_ROSTER = 'BotNotInConversationRoster';

/** The Connector's error code: on the RestError itself, or in the body it parsed ({ error: { code } }). */
function errorCodeOf(error: unknown): string | undefined {
  const direct = (error as { code?: unknown })?.code;
  if (typeof direct === 'string') return direct;
  const body = (error as { response?: { parsedBody?: { error?: { code?: unknown } } } })?.response?.parsedBody;
  const code = body?.error?.code;
  return typeof code === 'string' ? code : undefined;
}

function retryAfterOf(error: unknown): number | undefined {
  const headers = (error as { response?: { headers?: unknown } })?.response?.headers as
    { get?: (name: string) => string | undefined | null } | Record<string, string | undefined> | undefined;
  if (!headers) return undefined;
  const value =
    typeof headers.get === 'function'
      ? headers.get('retry-after')
      : (headers as Record<string, string | undefined>)['retry-after'];
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Rosters change slowly; a pass asks about many people per team. */
const ROSTER_CACHE_MS = 15 * 60 * 1000;
/** Teams whose rosters are kept at once: a pass works through teams one after another. */
const ROSTERS_KEPT = 500;

/** Team membership from the team's roster (read through the roster directory), cached per team. */
export class RosterMembership implements TeamMembership {
  private readonly rosters: LRUCache<string, Promise<Set<string>>>;

  constructor(
    private readonly roster: TeamMembers,
    now: () => number = Date.now,
  ) {
    this.rosters = boundedCache({ max: ROSTERS_KEPT, ttlMs: ROSTER_CACHE_MS, now });
  }

  async isMember(teamId: string, userId: string): Promise<boolean> {
    let members = this.rosters.get(teamId);
    if (!members) {
      const read = this.roster.listMembers(teamId).then((list) => new Set(list.map((member) => member.userId)));
      members = read;
      this.rosters.set(teamId, read);
      // A failed read is not remembered: the next question asks Teams again.
      read.catch(() => {
        if (this.rosters.peek(teamId) === read) this.rosters.delete(teamId);
      });
    }
    return (await members).has(userId);
  }
}
