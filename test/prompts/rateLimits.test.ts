// The limiter keeps Teams' sliding windows as Teams counts them: a request counts when it arrives,
// somewhere between when we let it go and when its answer comes back.
import { ConversationWindows, TeamsRateLimits } from '../../src/prompts/rateLimits';

interface Request {
  conversationId: string;
  sentAt: number;
  answeredAt: number;
}

/** Sends that take `latencyMs` to answer, recorded as they go. */
function recorder(latencyMs: (index: number) => number) {
  const requests: Request[] = [];
  const send = (conversationId: string) => async () => {
    const index = requests.length;
    const request = { conversationId, sentAt: Date.now(), answeredAt: 0 };
    requests.push(request);
    await new Promise((resolve) => setTimeout(resolve, latencyMs(index)));
    request.answeredAt = Date.now();
    return index;
  };
  return { requests, send };
}

/**
 * Most requests that could have arrived within one `windowMs`, on the least favourable reading: each
 * arrived at any moment between its send and its answer, so a window holds every request whose
 * send-to-answer span it touches. (The most is found with the window starting at some answer.)
 */
function mostInWindow(requests: Request[], windowMs: number): number {
  let most = 0;
  for (const { answeredAt: start } of requests) {
    const count = requests.filter((other) => other.answeredAt >= start && other.sentAt < start + windowMs).length;
    most = Math.max(most, count);
  }
  return most;
}

let limits: TeamsRateLimits | undefined;
afterEach(async () => {
  await limits?.stop();
  limits = undefined;
});

describe('per tenant', () => {
  it('never lets more than the rate into any second, even when requests take a while to arrive', async () => {
    limits = new TeamsRateLimits({ perTenantPerSecond: 5, perConversation: false });
    // Slow and uneven, as under load: the places come back a second after each answer.
    const { requests, send } = recorder((index) => (index % 3 === 0 ? 150 : 10));
    const started = Date.now();
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        limits!.schedule('tenant-a', `conversation-${i}`, send(`conversation-${i}`)),
      ),
    );
    expect(results.sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i));
    expect(mostInWindow(requests, 1000)).toBeLessThanOrEqual(5);
    // Twelve at five a second: the first five at once (spread over half a second), then as places come back.
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
    expect(Date.now() - started).toBeLessThan(4500);
  });

  it('keeps tenants apart: a busy tenant does not slow another', async () => {
    limits = new TeamsRateLimits({ perTenantPerSecond: 4, perConversation: false });
    const busy = recorder(() => 5);
    const quiet = recorder(() => 5);
    const busySends = Array.from({ length: 12 }, (_, i) =>
      limits!.schedule('tenant-busy', `busy-${i}`, busy.send(`busy-${i}`)),
    );
    const started = Date.now();
    await limits.schedule('tenant-quiet', 'quiet-1', quiet.send('quiet-1'));
    expect(Date.now() - started).toBeLessThan(500);
    await Promise.all(busySends);
    expect(mostInWindow(busy.requests, 1000)).toBeLessThanOrEqual(4);
  });

  it('gives a place back when a send fails, as when it succeeds', async () => {
    limits = new TeamsRateLimits({ perTenantPerSecond: 2, perConversation: false });
    const failing = () => Promise.reject(new Error('network down'));
    const started = Date.now();
    await expect(limits.schedule('tenant-a', 'c-1', failing)).rejects.toThrow('network down');
    await expect(limits.schedule('tenant-a', 'c-2', failing)).rejects.toThrow('network down');
    expect(await limits.schedule('tenant-a', 'c-3', async () => 'sent')).toBe('sent');
    // Both places were taken; the third got the first one back, a second after the first failure.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });
});

describe('per conversation', () => {
  it('holds 7 a second and 8 in 2 seconds for one chat, while other chats go on', async () => {
    limits = new TeamsRateLimits({ perTenantPerSecond: 1000 });
    const { requests, send } = recorder(() => 2);
    const toOne = Array.from({ length: 10 }, () => limits!.schedule('tenant-a', 'a:one-person', send('a:one-person')));
    const others = Array.from({ length: 10 }, (_, i) =>
      limits!.schedule('tenant-a', `a:person-${i}`, send(`a:person-${i}`)),
    );
    const started = Date.now();
    await Promise.all(others);
    expect(Date.now() - started).toBeLessThan(500);
    await Promise.all(toOne);
    const one = requests.filter((request) => request.conversationId === 'a:one-person');
    expect(one).toHaveLength(10);
    expect(mostInWindow(one, 1000)).toBeLessThanOrEqual(7);
    expect(mostInWindow(one, 2000)).toBeLessThanOrEqual(8);
  }, 10_000);

  it('works out the wait from every window, counting each send from its answer', () => {
    const windows = new ConversationWindows(10, [
      { ms: 1000, max: 2 },
      { ms: 30_000, max: 3 },
    ]);
    expect(windows.waitMs('c', 0)).toBe(0);
    windows.record('c', 0);
    windows.settle('c', 0, 100);
    expect(windows.waitMs('c', 100)).toBe(0);
    windows.record('c', 200);
    // Two in the last second: the first must leave it (answered at 100, plus the margin).
    expect(windows.waitMs('c', 300)).toBe(810);
    windows.record('c', 1200);
    // Three in 30 s: the first must leave that window too.
    expect(windows.waitMs('c', 1300)).toBe(30_110 - 1300);
    expect(windows.waitMs('another', 1300)).toBe(0);
    windows.prune(4_000_000);
    expect(windows.waitMs('c', 4_000_000)).toBe(0);
  });
});
