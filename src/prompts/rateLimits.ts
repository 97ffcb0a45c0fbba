// Teams' limits for proactive messages, kept as the sliding windows Teams counts in:
// - per app per tenant: 50 requests a second. One bottleneck limiter per tenant with a reservoir of
//   50 places. A send takes a place and gives it back a second after its answer came: Teams counted
//   the request when it arrived, which was before it answered, so the next request to take that place
//   arrives more than a second after it, and no sliding second holds more than 50 of ours, however
//   long a request took to leave this process (it varies with load). A small margin covers timers and
//   clocks that round to the millisecond. minTime spreads a window's sends over most of it rather than
//   letting 50 go at once, which keeps the CPU and the wire even.
// - per conversation: 7 a second, 8 in 2 seconds, 60 in 30 seconds and 1,800 an hour, the same way
//   (ConversationWindows). A conversation usually gets one message a pass, so this almost never waits:
//   it is checked when the tenant limiter lets a send go, and a send that would overdraw its
//   conversation gives the tenant place back and queues again once the conversation has room.
// Limiters are per process, and Teams' budget is per app per tenant across every instance: so a
// prompt pass works a tenant only while it holds that tenant's lease in the store (promptPass.ts),
// and two instances never send to one tenant at once. A 429 that still comes is retried after Retry-After.
import Bottleneck from 'bottleneck';

export interface RateLimitOptions {
  /** Requests a second per tenant (Teams: 50). */
  perTenantPerSecond?: number;
  /** Added to every window after a request's answer, for timers and clocks that round. Default 10 ms. */
  windowMarginMs?: number;
  /**
   * Part of a second over which a tenant's 50 sends are spread (minTime = this × 1 s ÷ rate). 1 spreads
   * them evenly; less lets the first window of a broadcast finish sooner, and lets sends catch up after
   * this process was held up (the windows still hold: places come back only a second after answers).
   * Default 0.5.
   */
  spread?: number;
  /** Most requests in flight per tenant. Default 64. */
  perTenantConcurrency?: number;
  /** Whether to keep the per-conversation windows (tests that send retries back to back turn them off). Default true. */
  perConversation?: boolean;
}

interface Window {
  ms: number;
  max: number;
}

/** Per bot per conversation ("thread"), as Teams documents them for sending messages. */
const CONVERSATION_WINDOWS: readonly Window[] = [
  { ms: 1000, max: 7 },
  { ms: 2000, max: 8 },
  { ms: 30_000, max: 60 },
  { ms: 3_600_000, max: 1800 },
];
const LONGEST_WINDOW_MS = 3_600_000;

/** When each conversation was last sent to, over the longest window; answers how long until the next send fits. */
export class ConversationWindows {
  private readonly sent = new Map<string, number[]>();

  constructor(
    private readonly marginMs: number,
    private readonly windows: readonly Window[] = CONVERSATION_WINDOWS,
  ) {}

  /**
   * Milliseconds until a send to `conversationId` fits every window (0: now). A send counts from when
   * it went until its answer (see settle), then from when its answer came.
   */
  waitMs(conversationId: string, now: number): number {
    const times = this.sent.get(conversationId);
    if (!times) return 0;
    let wait = 0;
    for (const window of this.windows) {
      // The send `max` back must have left the window before another may go.
      const limiting = times[times.length - window.max];
      if (limiting !== undefined) wait = Math.max(wait, limiting + window.ms + this.marginMs - now);
    }
    return Math.max(0, Math.ceil(wait));
  }

  record(conversationId: string, now: number): void {
    const times = this.sent.get(conversationId);
    if (!times) {
      this.sent.set(conversationId, [now]);
      return;
    }
    times.push(now);
    const longest = this.windows.reduce((most, window) => Math.max(most, window.max), 0);
    if (times.length > longest) times.splice(0, times.length - longest);
  }

  /** The send recorded at `sentAt` was answered at `answeredAt`: it counts from then on. */
  settle(conversationId: string, sentAt: number, answeredAt: number): void {
    const times = this.sent.get(conversationId);
    const index = times?.lastIndexOf(sentAt) ?? -1;
    if (times && index >= 0) times[index] = Math.max(sentAt, answeredAt);
  }

  /** Forgets conversations with nothing in the longest window. */
  prune(now: number): void {
    for (const [conversationId, times] of this.sent) {
      if ((times[times.length - 1] ?? 0) + LONGEST_WINDOW_MS + this.marginMs <= now) this.sent.delete(conversationId);
    }
  }
}

/** The conversation had no room when the tenant limiter let the send go; wait and queue again. */
const NO_ROOM = Symbol('no room in the conversation');

export class TeamsRateLimits {
  private readonly tenants = new Map<string, Bottleneck>();
  private readonly conversations: ConversationWindows | undefined;
  private readonly perSecond: number;
  private readonly windowMs: number;
  private readonly minTimeMs: number;
  private readonly concurrency: number;
  /** Places being given back to a tenant's reservoir, so stop() can cancel them. */
  private readonly givingBack = new Set<NodeJS.Timeout>();

  constructor(options: RateLimitOptions = {}) {
    this.perSecond = Math.max(1, Math.floor(options.perTenantPerSecond ?? 50));
    const marginMs = options.windowMarginMs ?? 10;
    this.windowMs = 1000 + marginMs;
    this.minTimeMs = (1000 / this.perSecond) * Math.min(1, Math.max(0, options.spread ?? 0.5));
    this.concurrency = options.perTenantConcurrency ?? 64;
    this.conversations = options.perConversation === false ? undefined : new ConversationWindows(marginMs);
  }

  /** Runs `send` once both the tenant's and the conversation's limits allow it. */
  async schedule<T>(tenantId: string, conversationId: string, send: () => Promise<T>): Promise<T> {
    const tenant = this.tenant(tenantId);
    for (;;) {
      const result = await tenant.schedule(() => this.start(tenant, conversationId, send));
      if (result !== NO_ROOM) return result;
      const waitMs = this.conversations?.waitMs(conversationId, Date.now()) ?? 0;
      // A timer, not a sleep in a loop: the windows say exactly when the conversation has room.
      if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }

  /** Inside the tenant limiter: the moment the request goes, as far as the limits are concerned. */
  private start<T>(tenant: Bottleneck, conversationId: string, send: () => Promise<T>): Promise<T | typeof NO_ROOM> {
    const now = Date.now();
    if (this.conversations && this.conversations.waitMs(conversationId, now) > 0) {
      // Nothing was sent: the place goes back at once.
      void tenant.incrementReservoir(1);
      return Promise.resolve(NO_ROOM);
    }
    this.conversations?.record(conversationId, now);
    const answered = () => {
      const answeredAt = Date.now();
      this.conversations?.settle(conversationId, now, answeredAt);
      const timer = setTimeout(() => {
        this.givingBack.delete(timer);
        void tenant.incrementReservoir(1);
      }, this.windowMs);
      this.givingBack.add(timer);
    };
    let sending: Promise<T>;
    try {
      sending = send();
    } catch (error) {
      sending = Promise.reject(error as Error);
    }
    sending.then(answered, answered);
    return sending;
  }

  private tenant(tenantId: string): Bottleneck {
    let limiter = this.tenants.get(tenantId);
    if (!limiter) {
      limiter = new Bottleneck({ reservoir: this.perSecond, minTime: this.minTimeMs, maxConcurrent: this.concurrency });
      this.tenants.set(tenantId, limiter);
    }
    return limiter;
  }

  /** Drops what no longer limits anything; called once a pass. */
  prune(): void {
    this.conversations?.prune(Date.now());
  }

  /** Lets queued sends finish (they still need their places back), then cancels what is left. */
  async stop(): Promise<void> {
    await Promise.all([...this.tenants.values()].map((limiter) => limiter.stop({ dropWaitingJobs: false })));
    this.tenants.clear();
    for (const timer of this.givingBack) clearTimeout(timer);
    this.givingBack.clear();
  }
}
