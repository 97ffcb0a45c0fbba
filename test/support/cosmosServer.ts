// Starts @vercel/cosmosdb-server on loopback with a freshly made certificate, for tests that drive
// the real @azure/cosmos SDK. Also lets a test make the server stop answering (requests are held,
// never answered) or answer with an error status (throttling, outage), so the store's timeouts and
// error handling can be checked against the same server the data is on. The server comes patched
// to apply a transactional batch all or nothing, as Azure Cosmos DB does (see cosmosBatchRollback.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Agent } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createHttpsServer } from './cosmosBatchRollback';
import { makeLoopbackCertificate } from './cosmosCertificate';

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

export interface LoopbackCosmos {
  /** https://127.0.0.1:<port>/ */
  endpoint: string;
  /** Any key is accepted by the server; the SDK needs one to sign requests. */
  key: string;
  /** An agent trusting only the test certificate. TLS verification stays on. */
  agent: Agent;
  /** The server's certificate (PEM), for a process told to trust it with NODE_EXTRA_CA_CERTS. */
  certificatePem: string;
  /** From now on, hold every request without answering (true) or answer again (false). */
  setStalled(stalled: boolean): void;
  /** Answer the next `count` requests with `status` instead of handling them (429 asks for a 10 ms wait). */
  failNext(count: number, status: number): void;
  /** How many requests reached the server so far. */
  requestCount(): number;
  stop(): Promise<void>;
}

export async function startCosmosServer(): Promise<LoopbackCosmos> {
  const { cert, key } = makeLoopbackCertificate();
  const server = createHttpsServer({ cert, key });

  // Wrap the server's own request handler so a test can switch it to "accept and never answer".
  const handlers = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  let stalled = false;
  let count = 0;
  let failures: { remaining: number; status: number } = { remaining: 0, status: 0 };
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    count += 1;
    if (stalled) return; // held until the client gives up or the server stops
    if (failures.remaining > 0) {
      failures.remaining -= 1;
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (failures.status === 429) headers['x-ms-retry-after-ms'] = '10';
      // Not chained: restify (loaded by other tests in the same worker) patches writeHead to return nothing.
      res.writeHead(failures.status, headers);
      res.end(JSON.stringify({ code: String(failures.status), message: 'injected by the test' }));
      return;
    }
    for (const handle of handlers) handle(req, res);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const agent = new Agent({ ca: cert, keepAlive: true });

  return {
    endpoint: `https://127.0.0.1:${port}/`,
    key: 'loopback-test-key',
    agent,
    certificatePem: cert,
    setStalled(value: boolean) {
      stalled = value;
    },
    failNext(remaining: number, status: number) {
      failures = { remaining, status };
    },
    requestCount: () => count,
    async stop() {
      agent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
