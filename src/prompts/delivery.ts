// One message that must go out at most once, and never be dropped: claim, send, mark.
//
// The claim and the sent marker are the same lease. A fresh owner per attempt takes it with a
// short lifetime (in flight), sends, then renews it with a long lifetime (sent). tryAcquireLease is
// exclusive across instances, so two instances never both send; the fresh owner means a later
// attempt, even from this instance, can never "renew" a sent marker and send again.
// - Crash between claim and send: the short lease expires and a later pass sends; at most the one
//   in-flight message is repeated, and only if the crash came after Teams accepted it.
// - Retryable failure: the lease is given back, so the next pass tries again in the same week.
// - Unknown outcome (the sender threw): the lease is kept until it expires, as after a crash.
import { randomUUID } from 'node:crypto';
import type { AdaptiveCard } from '../cards/render';
import type { Installation } from '../domain';
import type { PromptsStore } from './ports';
import type { DeliveryKind } from './deliveryKeys';
import type { DeliveryLedger } from './ledger';
import type { PromptLogger, ProactiveSender, SendResult } from './ports';
import type { TeamsRateLimits } from './rateLimits';

export interface RetryOptions {
  /** Sends per delivery within one pass, first included. Default 5. */
  attempts?: number;
  /** First backoff; doubles each time, with jitter. Default 1000 ms. */
  baseDelayMs?: number;
  /** Longest backoff, Retry-After included. Default 60000 ms. */
  maxDelayMs?: number;
}

export interface DeliveryEnv {
  store: PromptsStore;
  sender: ProactiveSender;
  limits: TeamsRateLimits;
  ledger: DeliveryLedger;
  logger: PromptLogger;
  retry: Required<RetryOptions>;
  /** Covers queueing, every retry and its waits; after it, a crashed claim is taken over. */
  inFlightSeconds: number;
  /** How long the sent marker lives: the week of the prompt and the whole week after it. */
  sentSeconds: number;
  sleep: (ms: number) => Promise<void>;
  clock: () => number;
}

export interface Delivery {
  key: string;
  kind: DeliveryKind;
  teamId: string;
  week: string;
  installation: Installation;
  /** Built only once the delivery is claimed, so counts on the card are fresh and no work is wasted. */
  build: () => Promise<{ card: AdaptiveCard; summary: string }>;
  /**
   * Told once Teams has accepted the message, with the id it gave it (if any). Its failure is logged
   * and changes nothing: the message went.
   */
  sent?: (activityId: string | undefined) => Promise<void>;
}

export type DeliveryOutcome = 'sent' | 'gone' | 'failed' | 'held' | 'unknown';

export async function deliver(env: DeliveryEnv, delivery: Delivery): Promise<DeliveryOutcome> {
  const { store, ledger, logger } = env;
  const owner = randomUUID();
  if (!(await store.tryAcquireLease(delivery.key, owner, env.inFlightSeconds))) {
    ledger.busy(delivery.key, env.clock());
    return 'held';
  }
  const log = {
    kind: delivery.kind,
    teamId: delivery.teamId,
    week: delivery.week,
    conversationId: delivery.installation.conversationId,
  };
  let result: SendResult;
  try {
    const { card, summary } = await delivery.build();
    result = await sendWithRetries(env, delivery.installation, card, summary);
  } catch (error) {
    // Perhaps sent, perhaps not: keep the claim until it expires, then a later pass sends.
    ledger.busy(delivery.key, env.clock());
    logger.error(
      { ...log, err: error },
      'prompt delivery failed with an unknown outcome; it will be retried when its claim expires',
    );
    return 'unknown';
  }
  switch (result.status) {
    case 'ok':
      await markFinished(env, delivery.key, owner);
      if (delivery.sent) {
        await delivery
          .sent(result.activityId)
          .catch((error: unknown) =>
            logger.warn({ ...log, err: error }, 'could not record what became of a sent message'),
          );
      }
      return 'sent';
    case 'gone':
      if (result.removed) {
        // The app was removed (perhaps while the bot was down and missed Teams' removal activity):
        // recorded as a removal, so the grace period before the team's data is deleted starts now.
        // Adding the app back clears it, as after any removal.
        const { conversationId, tenantId, kind, teamId, reference } = delivery.installation;
        await store.markInstallationRemoved({
          conversationId,
          tenantId,
          kind,
          ...(teamId ? { teamId } : {}),
          reference,
        });
      } else {
        await store.markInstallationInactive(delivery.installation.conversationId);
      }
      await markFinished(env, delivery.key, owner);
      logger.info(
        { ...log, statusCode: result.statusCode, removed: result.removed ?? false },
        result.removed
          ? 'app removed from the conversation: removal recorded, no more prompts'
          : 'conversation gone: installation marked inactive, no more prompts',
      );
      return 'gone';
    default:
      // Give the claim back so the next pass tries again while the week lasts.
      await store.releaseLease(delivery.key, owner).catch(() => undefined);
      ledger.forget(delivery.key);
      logger.warn({ ...log, result }, 'prompt not delivered after retries; the next pass tries again');
      return 'failed';
  }
}

/** Turns the claim into the long-lived sent marker. */
async function markFinished(env: DeliveryEnv, key: string, owner: string): Promise<void> {
  env.ledger.done(key, env.clock());
  try {
    await env.store.tryAcquireLease(key, owner, env.sentSeconds);
  } catch (error) {
    // The message went; if the marker did not, the claim still blocks others until it expires.
    env.logger.error(
      { key, err: error },
      'could not record a sent prompt; it may be sent again after its claim expires',
    );
  }
}

async function sendWithRetries(
  env: DeliveryEnv,
  installation: Installation,
  card: AdaptiveCard,
  summary: string,
): Promise<SendResult> {
  const { retry } = env;
  let result: SendResult = { status: 'failed', retryable: true };
  for (let attempt = 1; attempt <= retry.attempts; attempt++) {
    result = await env.limits.schedule(installation.tenantId, installation.conversationId, () =>
      env.sender.send(installation, card, summary),
    );
    const retryable = result.status === 'throttled' || (result.status === 'failed' && result.retryable);
    const retryAfterMs = 'retryAfterMs' in result ? result.retryAfterMs : undefined;
    // A Retry-After longer than we would ever wait is left to a later pass rather than held in a claim.
    if (!retryable || attempt === retry.attempts || (retryAfterMs ?? 0) > retry.maxDelayMs) return result;
    await env.sleep(backoffMs(retry, attempt, retryAfterMs));
  }
  return result;
}

/** Exponential backoff with full jitter, never shorter than Retry-After. */
export function backoffMs(retry: Required<RetryOptions>, attempt: number, retryAfterMs: number | undefined): number {
  const exponential = Math.min(retry.baseDelayMs * 2 ** (attempt - 1), retry.maxDelayMs);
  const jittered = exponential / 2 + Math.random() * (exponential / 2);
  return Math.max(jittered, retryAfterMs ?? 0);
}
