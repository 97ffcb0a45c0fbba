// Endpoints that misbehave the ways a real Cosmos DB account can look from the bot: a port where
// something accepts connections but never answers (a hung gateway or a black-holed network path),
// and a port where nothing listens (connection refused).
import { createServer, type AddressInfo, type Socket } from 'node:net';

export interface SilentServer {
  endpoint: string;
  stop(): Promise<void>;
}

export async function startSilentServer(): Promise<SilentServer> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    // Accept the TCP connection, read nothing back, never complete the TLS handshake.
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `https://127.0.0.1:${port}/`,
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** An endpoint on a loopback port that was free a moment ago and is closed now. */
export async function closedPortEndpoint(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `https://127.0.0.1:${port}/`;
}
