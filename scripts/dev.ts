// `npm run dev`: the built bot plus the Microsoft 365 Agents Playground pointed at it, so a newcomer
// can chat with the bot in a browser with no Azure account. Both stop together on Ctrl+C.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { playgroundArgs } from './playgroundCommand';

const root = path.resolve(__dirname, '..', '..');
const botPort = Number(process.env.PORT ?? 3978);
const playgroundPort = Number(process.env.PLAYGROUND_PORT ?? 56150);

const children: ChildProcess[] = [];
function start(command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: 'inherit' });
  children.push(child);
  child.on('exit', (code) => {
    // One of the two stopped: stop the other too, so nothing is left running.
    for (const other of children) if (other !== child && other.exitCode === null) other.kill('SIGTERM');
    process.exitCode = code ?? 0;
  });
  return child;
}

start(process.execPath, [path.join(root, 'dist', 'src', 'main.js')], {
  PORT: String(botPort),
  // Anonymous mode: this machine only (127.0.0.1 and ::1), even if a .env names another HOST.
  HOST: 'localhost',
});
start(process.execPath, playgroundArgs(root, botPort, playgroundPort), {
  // The Playground would try to open a browser itself and exit where there is none; we print the address instead.
  TEAMSAPPTESTER_BROWSER: 'none',
  M365_AGENTS_PLAYGROUND_LOGFILE: path.join(root, 'devTools', 'playground.log'),
});

console.log(
  `\nFramework Guide is starting. Open http://localhost:${playgroundPort} in your browser to chat with it.\n`,
);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => children.forEach((child) => child.kill(signal)));
}
