// A loopback Bot Connector stand-in for proactive prompts that enforces Teams' limits: per app per
// tenant 50 requests a second, and per conversation 7 a second, 60 in 30 seconds and 1,800 an
// hour, each over a sliding window. Over a limit it answers 429 with Retry-After, as Teams does.
// It also answers 403 or 404 for conversations told to, and counts what it accepted.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PromptsConnectorOptions {
  perTenantPerSecond?: number;
  /** Seconds to put in Retry-After on a 429. */
  retryAfterSeconds?: number;
}

export interface ScriptedAnswer {
  status: number;
  times?: number;
  code?: string;
  message?: string;
}

export interface PromptsConnector {
  serviceUrl: string;
  /** Messages accepted, per conversation id. */
  delivered: Map<string, number>;
  /** Requests answered 429. */
  throttled: number;
  /** When each accepted request and each 429 arrived (epoch ms), for a benchmark's timeline. */
  acceptedAt: number[];
  throttledAt: number[];
  /**
   * Conversation id → status to answer every send to it with (e.g. 403, 404), or a count of 429s to
   * answer first; `code` is the error code in the body (as Teams' BotNotInConversationRoster).
   */
  answers: Map<string, ScriptedAnswer>;
  close(): Promise<void>;
}

const CONVERSATION_WINDOWS = [
  { ms: 1000, max: 7 },
  { ms: 30_000, max: 60 },
  { ms: 3_600_000, max: 1800 },
];

/** Timestamps in a sliding window; `admit` records one if the window has room. */
class SlidingWindow {
  private readonly times: number[] = [];
  private start = 0;
  constructor(
    private readonly ms: number,
    private readonly max: number,
  ) {}
  hasRoom(now: number): boolean {
    while (this.start < this.times.length && (this.times[this.start] ?? 0) <= now - this.ms) this.start++;
    if (this.start > 1024) {
      this.times.splice(0, this.start);
      this.start = 0;
    }
    return this.times.length - this.start < this.max;
  }
  record(now: number): void {
    this.times.push(now);
  }
}

export async function startPromptsConnector(options: PromptsConnectorOptions = {}): Promise<PromptsConnector> {
  const perTenant = options.perTenantPerSecond ?? 50;
  const retryAfter = String(options.retryAfterSeconds ?? 1);
  const tenants = new Map<string, SlidingWindow>();
  const conversations = new Map<string, SlidingWindow[]>();
  const delivered = new Map<string, number>();
  const answers = new Map<string, ScriptedAnswer>();
  const state = { throttled: 0 };
  const acceptedAt: number[] = [];
  const throttledAt: number[] = [];

  const reply = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      // continueConversation sends as a reply to a made-up activity id: POST .../activities/{id}.
      const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/[^/?]+)?\/?$/.exec(req.url ?? '');
      if (req.method !== 'POST' || !match)
        return reply(res, 404, { error: { code: 'NotFound', message: 'no such route' } });
      const conversationId = decodeURIComponent(match[1] ?? '');
      let activity: { conversation?: { tenantId?: string }; channelData?: { tenant?: { id?: string } } };
      try {
        activity = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof activity;
      } catch {
        return reply(res, 400, { error: { code: 'BadArgument', message: 'unreadable activity' } });
      }
      const now = performance.now();
      // Limits count every request, refused or not, as Teams' do.
      const tenantId = activity.conversation?.tenantId ?? activity.channelData?.tenant?.id ?? 'unknown';
      let tenant = tenants.get(tenantId);
      if (!tenant) tenants.set(tenantId, (tenant = new SlidingWindow(1000, perTenant)));
      let windows = conversations.get(conversationId);
      if (!windows)
        conversations.set(conversationId, (windows = CONVERSATION_WINDOWS.map((w) => new SlidingWindow(w.ms, w.max))));
      if (!tenant.hasRoom(now) || !windows.every((window) => window.hasRoom(now))) {
        state.throttled += 1;
        throttledAt.push(Date.now());
        return reply(
          res,
          429,
          { error: { code: 'Throttled', message: 'too many requests' } },
          { 'retry-after': retryAfter },
        );
      }
      tenant.record(now);
      windows.forEach((window) => window.record(now));
      const scripted = answers.get(conversationId);
      if (scripted && (scripted.times === undefined || scripted.times > 0)) {
        if (scripted.times !== undefined) scripted.times -= 1;
        if (scripted.status === 429) state.throttled += 1;
        return reply(
          res,
          scripted.status,
          { error: { code: scripted.code ?? 'Scripted', message: scripted.message ?? `answered ${scripted.status}` } },
          scripted.status === 429 ? { 'retry-after': retryAfter } : {},
        );
      }
      delivered.set(conversationId, (delivered.get(conversationId) ?? 0) + 1);
      acceptedAt.push(Date.now());
      reply(res, 200, { id: `activity-${conversationId}-${delivered.get(conversationId)}` });
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    delivered,
    get throttled() {
      return state.throttled;
    },
    answers,
    acceptedAt,
    throttledAt,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
