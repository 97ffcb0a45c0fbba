// A loopback stand-in for Application Insights' ingestion endpoint: it accepts what the Azure
// Monitor exporter posts (JSON envelopes, gzip'd or not) and keeps every byte it was sent, so a test
// can check what telemetry left the bot and that nothing personal did. The exporter only speaks
// HTTPS (it upgrades an http:// IngestionEndpoint), so this serves a fresh self-signed certificate,
// which the bot is told to trust with NODE_EXTRA_CA_CERTS.
import https from 'node:https';
import { gunzipSync } from 'node:zlib';
import { makeLoopbackCertificate } from '../support/cosmosCertificate';

export interface Envelope {
  name: string;
  iKey?: string;
  tags?: Record<string, string>;
  data?: { baseType?: string; baseData?: Record<string, unknown> };
}

export interface ReceivedPost {
  path: string;
  /** The body as sent, decompressed. */
  text: string;
}

export interface IngestionStub {
  /** For IngestionEndpoint= in a connection string. */
  url: string;
  /** The server's certificate, to trust. */
  certificatePem: string;
  posts: ReceivedPost[];
  envelopes(): Envelope[];
  close(): Promise<void>;
}

function parseEnvelopes(text: string): Envelope[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) return JSON.parse(trimmed) as Envelope[];
  return trimmed
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Envelope);
}

export async function startIngestionStub(): Promise<IngestionStub> {
  const posts: ReceivedPost[] = [];
  const { cert, key } = makeLoopbackCertificate();
  const server = https.createServer({ cert, key }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const text = (req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
      posts.push({ path: req.url ?? '', text });
      let count = 0;
      try {
        count = parseEnvelopes(text).length;
      } catch {
        // Kept as text all the same; the test reads it.
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ itemsReceived: count, itemsAccepted: count, errors: [] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `https://127.0.0.1:${port}/`,
    certificatePem: cert,
    posts,
    envelopes: () => posts.flatMap((post) => parseEnvelopes(post.text)),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
