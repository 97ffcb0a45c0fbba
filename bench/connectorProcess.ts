// The Bot Connector stand-in, run as a child process so that its work (parsing every reply) does
// not share an event loop with the load generator or the bot under test. It answers each reply
// with 200 `{ id }`, as the real connector does, and counts what it received so the runner can
// check that every turn it timed really produced exactly one reply.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ConnectorCounts, ConnectorToRunner, RunnerToConnector } from './connectorProtocol';

const REPLY_PATH = /^\/v3\/conversations\/[^/]+\/activities\/([^/?]+)$/;
const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

const zero = (): ConnectorCounts => ({ replies: 0, replyBytes: 0, cardReplies: 0, duplicateReplies: 0, malformed: 0 });
let counts = zero();
// Activity ids already answered since the last reset; every benchmark activity id is fresh, so a
// repeat means the bot replied twice to one turn.
let answered = new Set<string>();
let nextId = 1;

function send(message: ConnectorToRunner): void {
  process.send?.(message);
}

function hasAdaptiveCard(activity: unknown): boolean {
  const attachments = (activity as { attachments?: unknown }).attachments;
  return (
    Array.isArray(attachments) &&
    attachments.some((a) => (a as { contentType?: unknown })?.contentType === ADAPTIVE_CARD)
  );
}

function record(url: string, body: string): boolean {
  const match = REPLY_PATH.exec(url);
  if (!match?.[1]) return false;
  let activity: unknown;
  try {
    activity = JSON.parse(body);
  } catch {
    return false;
  }
  if (typeof activity !== 'object' || activity === null || (activity as { type?: unknown }).type !== 'message')
    return false;
  const replyToId = decodeURIComponent(match[1]);
  if (answered.has(replyToId)) counts.duplicateReplies += 1;
  answered.add(replyToId);
  counts.replies += 1;
  counts.replyBytes += Buffer.byteLength(body);
  if (hasAdaptiveCard(activity)) counts.cardReplies += 1;
  return true;
}

const server = http.createServer({ keepAliveTimeout: 30_000 }, (req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    if (req.method !== 'POST' || !record(req.url ?? '', Buffer.concat(chunks).toString('utf8'))) {
      counts.malformed += 1;
      res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":{"code":"BadRequest"}}');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `reply-${nextId++}` }));
  });
});

process.on('message', (message: RunnerToConnector) => {
  if (message.type === 'reset') {
    counts = zero();
    answered = new Set();
  }
  // A reset is acknowledged with the (zeroed) counts so the runner knows it has taken effect.
  send({ type: 'counts', counts });
});

// The runner going away (even if it crashed) closes the IPC channel: never outlive it.
process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));

server.listen(0, '127.0.0.1', () => {
  send({ type: 'ready', port: (server.address() as AddressInfo).port });
});
