// Child processes for the benchmark: start them, wait until they listen, and make sure none is
// left running whatever happens (normal end, thrown error, Ctrl-C).
import { fork, type ChildProcess } from 'node:child_process';
import net from 'node:net';

export interface Child {
  name: string;
  process: ChildProcess;
  /** The last part of what the child printed, shown when something goes wrong. */
  outputTail(): string;
  /** pino lines at level error (50) or fatal (60): a bot can answer 200 and still have failed a turn. */
  errorLogLines(): number;
  /** Asks the child to exit (SIGTERM, so profilers can write), then kills it if it lingers. */
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
const OUTPUT_TAIL_CHARS = 8_000;
const STOP_GRACE_MS = 3_000;

// Last line of defence: whatever path the runner leaves by, no child survives it.
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => process.exit(130));
}

export function startChild(
  name: string,
  script: string,
  options: { env: NodeJS.ProcessEnv; execArgv?: string[]; cwd?: string },
): Child {
  const child = fork(script, [], {
    env: options.env,
    cwd: options.cwd,
    // Children must not inherit the runner's own flags (e.g. --cpu-prof); they get only what we ask.
    execArgv: options.execArgv ?? [],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  running.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', () => running.delete(child));

  let tail = '';
  let partialLine = '';
  let errorLines = 0;
  const collect = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    tail = (tail + text).slice(-OUTPUT_TAIL_CHARS);
    const lines = (partialLine + text).split('\n');
    partialLine = lines.pop() ?? '';
    for (const line of lines) {
      if (/"level":(50|60)\b/.test(line)) errorLines += 1;
    }
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  return {
    name,
    process: child,
    outputTail: () => tail,
    errorLogLines: () => errorLines,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A port that was free a moment ago on loopback (the small race is acceptable for a benchmark). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Polls until the child accepts connections; fails early if it exits, or after `timeoutMs`. */
export async function waitUntilListening(child: Child, port: number, timeoutMs = 20_000): Promise<void> {
  const pollMs = 50;
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; attempt <= timeoutMs / pollMs && Date.now() < deadline; attempt += 1) {
    if (child.process.exitCode !== null || child.process.signalCode !== null) {
      throw new Error(`${child.name} exited before listening:\n${child.outputTail()}`);
    }
    if (await canConnect(port)) return;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  throw new Error(`${child.name} did not listen on 127.0.0.1:${port} within ${timeoutMs} ms:\n${child.outputTail()}`);
}

export async function stopAll(children: readonly Child[]): Promise<void> {
  await Promise.all(children.map((child) => child.stop()));
}
