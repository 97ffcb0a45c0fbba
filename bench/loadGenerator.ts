// Closed-loop load: `concurrency` workers, each sending one activity and waiting for the answer
// before sending the next, over keep-alive connections so that TCP setup is not what we measure.
// Plain node:http is used (not fetch) because it is the cheapest client in Node 20, and the load
// generator shares the machine's two cores with the bot.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { messageBody, type LoadMix } from './questions';

export interface LoadOptions {
  port: number;
  /** Where the bot must send its replies: the Connector stand-in. */
  serviceUrl: string;
  concurrency: number;
  seconds: number;
  /** The mix: how many personal conversations and questions the requests rotate through. */
  mix: LoadMix;
  /** Continues the question rotation across phases, so warm-up and measurement ask the same mix. */
  firstSequence: number;
}

export interface LoadResult {
  /** Turns answered with HTTP 200. */
  ok: number;
  /** Everything else, by reason (status code or error message), e.g. { 'HTTP 500': 3 }. */
  failures: Record<string, number>;
  /** Milliseconds per successful turn, in completion order. */
  latenciesMs: number[];
  elapsedSeconds: number;
  /** Next sequence number to use, for the following phase. */
  nextSequence: number;
}

const REQUEST_TIMEOUT_MS = 10_000;
// A hard cap on requests per phase, so the loop is bounded even if time stood still.
const MAX_REQUESTS_PER_PHASE = 5_000_000;

function post(agent: http.Agent, port: number, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/messages',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        // The body must be drained for the socket to go back to the keep-alive pool.
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  const result: LoadResult = {
    ok: 0,
    failures: {},
    latenciesMs: [],
    elapsedSeconds: 0,
    nextSequence: options.firstSequence,
  };
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  let sent = 0;

  const worker = async () => {
    while (performance.now() < deadline && sent < MAX_REQUESTS_PER_PHASE) {
      sent += 1;
      const body = messageBody(options.serviceUrl, result.nextSequence++, options.mix);
      const begin = performance.now();
      let reason: string | undefined;
      try {
        const status = await post(agent, options.port, body);
        if (status !== 200) reason = `HTTP ${status}`;
      } catch (error) {
        reason = error instanceof Error ? error.message : String(error);
      }
      if (reason === undefined) {
        result.ok += 1;
        result.latenciesMs.push(performance.now() - begin);
      } else {
        result.failures[reason] = (result.failures[reason] ?? 0) + 1;
      }
    }
  };

  // Workers stop taking new turns at the deadline but finish the one in flight, so every turn
  // counted here has had its chance to reach the Connector stand-in before the runner checks.
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  result.elapsedSeconds = (performance.now() - started) / 1000;
  agent.destroy();
  return result;
}

/** Nearest-rank percentile (q in 0..1) of an unsorted sample; NaN when the sample is empty. */
export function percentile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = Float64Array.from(samples).sort();
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}
