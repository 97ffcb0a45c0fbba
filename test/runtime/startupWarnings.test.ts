// The built bot as `npm start` runs it starts, answers a question and stops without Node.js printing
// a single warning, on Node.js 24 (the one runtime the bot supports).
// restify 11 loaded spdy → http-deceiver, whose process.binding('http_parser') printed DEP0111 at
// every start on Node.js 20 and stopped the bot from starting at all on 24.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { messageActivity } from '../support/activities';
import { startBuiltBot } from '../support/builtBot';
import { startConnectorStub, type ConnectorStub } from '../support/connectorStub';

let workDir: string;
let connector: ConnectorStub;

beforeAll(async () => {
  workDir = mkdtempSync(path.join(tmpdir(), 'framework-guide-warnings-'));
  connector = await startConnectorStub();
});

afterAll(async () => {
  await connector.close();
  rmSync(workDir, { recursive: true, force: true });
});

/** Lines Node.js itself prints for a process warning: "(node:1234) [DEP0111] DeprecationWarning: ...". */
function warningLines(output: string): string[] {
  return output.split('\n').filter((line) => /\(node:\d+\)|\[DEP\d{4}\]|\b[A-Za-z]*Warning:/.test(line));
}

/** Starts the built bot, asks it one question, stops it: everything it printed, and its exit code. */
async function startAskAndStop(name: string, nodeArgs: string[] = []) {
  const bot = await startBuiltBot({ dataDir: path.join(workDir, name), nodeArgs, env: { LOG_LEVEL: 'info' } });
  const before = connector.sent.length;
  let status: number;
  try {
    const response = await fetch(`${bot.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(messageActivity(connector.url, 'What is the data enabler?')),
    });
    status = response.status;
    await connector.waitForSent(before + 1);
  } finally {
    await bot.stop();
  }
  return { status, reply: connector.sent[before], exitCode: bot.child.exitCode, output: bot.stdout() + bot.stderr() };
}

it(`starts, answers and stops on Node.js ${process.version} without a warning`, async () => {
  const run = await startAskAndStop('plain');

  expect(run.status).toBe(200);
  expect(run.reply?.activity.attachments).toEqual([
    expect.objectContaining({ contentType: 'application/vnd.microsoft.card.adaptive' }),
  ]);
  expect(run.exitCode).toBe(0);
  // The log did reach us (an info line at start), so an empty list means no warning, not no output.
  expect(run.output).toContain('"level":30');
  expect(warningLines(run.output)).toEqual([]);
});

it('would see a deprecation warning printed at start', async () => {
  // The same run with a preload that emits one, the way a dependency would: proves the check above can fail.
  const preload = path.join(workDir, 'emit-warning.js');
  writeFileSync(preload, "process.emitWarning('a stand-in deprecation', 'DeprecationWarning', 'DEP0999');\n");

  const run = await startAskAndStop('with-warning', ['--require', preload]);

  expect(run.status).toBe(200);
  expect(warningLines(run.output)).toEqual([
    expect.stringContaining('[DEP0999] DeprecationWarning: a stand-in deprecation'),
  ]);
});
