// The built bot as `npm start` runs it (dist/src/main.js) in a child process of its own, configured
// only through its environment, for tests of what happens at process level: start-up wiring,
// preloads, trusted certificates, shutdown.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

const main = path.join(__dirname, '..', '..', 'dist', 'src', 'main.js');

export interface BuiltBot {
  baseUrl: string;
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** SIGTERM, then the exit code once it has stopped. */
  stop(): Promise<number | null>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Starts the built bot on a free loopback port and resolves once /readyz answers 200. */
export async function startBuiltBot(options: {
  dataDir: string;
  env?: Record<string, string>;
  nodeArgs?: string[];
}): Promise<BuiltBot> {
  const port = await freePort();
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), main], {
    // Only what the bot needs: nothing leaks in from the test runner's own environment.
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'development',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DATA_DIR: options.dataDir,
      PROMPTS_ENABLED: 'false',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const stop = async (): Promise<number | null> => {
    if (child.exitCode !== null) return child.exitCode;
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    return exited;
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20000;
  for (;;) {
    const ready = await fetch(`${baseUrl}/readyz`)
      .then((response) => response.status === 200)
      .catch(() => false);
    if (ready) break;
    if (Date.now() > deadline || child.exitCode !== null) {
      await stop();
      throw new Error(`the built bot did not become ready: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { baseUrl, child, stdout: () => stdout, stderr: () => stderr, stop };
}
