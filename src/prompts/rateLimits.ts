// Teams' limits for proactive messages, kept with bottleneck rather than sleeps:
// - per app per tenant: 50 requests a second. One limiter per tenant spaces requests evenly
//   (minTime), so no one-second window, sliding or fixed, ever sees more than the rate.
// - per conversation: 7 a second, 60 in 30 seconds, 1,800 an hour. We send a conversation at most
//   a prompt or a reminder per pass (plus retries), so one message every 2 seconds satisfies all
//   three windows at once and costs nothing in practice.
// Limiters are per process: with several instances the shared budget can be overdrawn, which the
// connector answers with 429 and delivery.ts retries after Retry-After.
import Bottleneck from 'bottleneck';

export interface RateLimitOptions {
  /** Requests a second per tenant (Teams: 50). */
  perTenantPerSecond?: number;
  /** Fraction of the tenant rate to use, leaving room for jitter on the wire. Default 0.93. */
  headroom?: number;
  /** Most requests in flight per tenant. Default 64. */
  perTenantConcurrency?: number;
  /** Least gap between two messages to one conversation. Default 2000 ms. */
  perConversationGapMs?: number;
}

export class TeamsRateLimits {
  private readonly tenants = new Map<string, Bottleneck>();
  private readonly conversations: Bottleneck.Group;
  private readonly tenantGapMs: number;
  private readonly concurrency: number;

  constructor(options: RateLimitOptions = {}) {
    const rate = (options.perTenantPerSecond ?? 50) * (options.headroom ?? 0.93);
    this.tenantGapMs = 1000 / rate;
    this.concurrency = options.perTenantConcurrency ?? 64;
    // Idle conversation limiters are dropped after a minute, so a weekly broadcast to thousands
    // of chats does not keep thousands of limiters alive.
    this.conversations = new Bottleneck.Group({ minTime: options.perConversationGapMs ?? 2000, maxConcurrent: 1, timeout: 60_000 });
  }

  /** Runs `send` once both the conversation's and the tenant's limits allow it. */
  schedule<T>(tenantId: string, conversationId: string, send: () => Promise<T>): Promise<T> {
    return this.conversations.key(conversationId).schedule(() => this.tenant(tenantId).schedule(send));
  }

  private tenant(tenantId: string): Bottleneck {
    let limiter = this.tenants.get(tenantId);
    if (!limiter) {
      limiter = new Bottleneck({ minTime: this.tenantGapMs, maxConcurrent: this.concurrency });
      this.tenants.set(tenantId, limiter);
    }
    return limiter;
  }

  async stop(): Promise<void> {
    await Promise.all([...this.tenants.values()].map((limiter) => limiter.stop({ dropWaitingJobs: false })));
    this.tenants.clear();
  }
}
