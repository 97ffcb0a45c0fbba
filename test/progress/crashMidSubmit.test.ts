// `kill -9` while people submit check-ins: a child process submits through the same code the
// check-in flow uses, against a local store file, and is killed at a random moment, again and again.
// After each kill the week's roll-ups equal the answers stored (the two are one atomic write). Then a
// roll-up made to disagree (as a file from an older version could) is rebuilt by a restarted bot:
// the reconciler runs at start.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { currentWeek } from '../../src/calendar/weeks';
import { rollupOf } from '../../src/checkins/rollupContribution';
import { MISSIONS, type IsoWeek } from '../../src/domain';
import { openLocalStore } from '../../src/store/local/openLocalStore';
import { startBuiltBot } from '../support/builtBot';
import type { FrameworkStore } from '../../src/store/port';

const dist = path.join(__dirname, '..', '..', 'dist', 'src');
const dataDir = mkdtempSync(path.join(tmpdir(), 'framework-guide-crash-'));
const TEAM = '19:crash-team@thread.tacv2';
const week: IsoWeek = currentWeek(new Date(), 'Europe/London');

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Four submitters at once, 40 people answering (and changing their answers) across the missions. */
const submitter = `
const { openLocalStore } = require(${JSON.stringify(path.join(dist, 'store', 'local', 'openLocalStore.js'))});
const { submitWithRollup } = require(${JSON.stringify(path.join(dist, 'checkins', 'rollupContribution.js'))});
const missions = ${JSON.stringify(MISSIONS)};
(async () => {
  const store = await openLocalStore({ dataDir: process.argv[1], purgeIntervalMs: 0 });
  let next = Math.floor(Math.random() * 1000);
  let done = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      await submitWithRollup(store, {
        teamId: ${JSON.stringify(TEAM)},
        userId: '29:person-' + (i % 40),
        mission: missions[i % 3],
        week: ${JSON.stringify(week)},
        answers: { progress: (i % 5) + 1, outcomes: ['outcome:data'], enabler: i % 2 ? 'enabler:data' : null, principles: [] },
        retentionDays: 730,
      });
      if (++done === 30) process.stdout.write('running\\n');
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
})();
`;

async function submitThenKill(): Promise<void> {
  const child = spawn(process.execPath, ['-e', submitter, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('running') && resolve());
    child.once('exit', (code) => reject(new Error(`the submitter stopped by itself (${code}): ${stderr}`)));
  });
  // Somewhere in the middle of a submit, most likely: the submitters never stop.
  await new Promise((resolve) => setTimeout(resolve, Math.random() * 40));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

async function disagreements(store: FrameworkStore): Promise<string[]> {
  const found: string[] = [];
  for (const mission of MISSIONS) {
    const answers = (await store.listTeamCheckIns(TEAM, week, mission)).map((record) => record.answers);
    const rollup = (await store.getRollup(TEAM, mission, week))?.value;
    const expected = rollupOf(TEAM, mission, week, answers);
    if (JSON.stringify(rollup ?? null) !== JSON.stringify(answers.length ? expected : (rollup ?? null)))
      found.push(`${mission}: ${answers.length} answers, roll-up counts ${rollup?.responses ?? 'nothing'}`);
  }
  return found;
}

it('leaves the roll-ups equal to the answers after each kill -9 mid-submit', async () => {
  for (let round = 0; round < 5; round++) {
    await submitThenKill();
    const store = await openLocalStore({ dataDir, purgeIntervalMs: 0 });
    try {
      expect(await store.listTeamCheckIns(TEAM, week)).not.toHaveLength(0);
      expect(await disagreements(store)).toEqual([]);
    } finally {
      await store.close();
    }
  }
}, 60000);

it('has a restarted bot rebuild a roll-up that disagrees with the answers', async () => {
  const store = await openLocalStore({ dataDir, purgeIntervalMs: 0 });
  await store.upsertInstallation({
    conversationId: TEAM,
    tenantId: '11111111-2222-3333-4444-555555555555',
    kind: 'channel',
    teamId: TEAM,
    reference: {
      serviceUrl: 'https://smba.trafficmanager.net/uk/',
      channelId: 'msteams',
      conversation: { id: TEAM },
      bot: { id: '28:bot' },
      user: { id: '29:person-0' },
    },
  });
  // Under-counted, as a crash between two separate writes left it before they were one.
  await store.applyToRollup(TEAM, 'digitally-enabled-councils', week, (rollup) => ({
    ...rollup,
    responses: 1,
    progressSum: 1,
  }));
  expect(await disagreements(store)).toHaveLength(1);

  const bot = await startBuiltBot({ dataDir });
  try {
    const deadline = Date.now() + 15000;
    while ((await disagreements(store)).length > 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await disagreements(store)).toEqual([]);
  } finally {
    await bot.stop();
    await store.close();
  }
}, 60000);
