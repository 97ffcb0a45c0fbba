// A local store that reads but cannot be written is not ready, and a damaged or read-only store file
// stops the built bot at start with one line naming the file and what to do.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { LOCAL_STORE_FILE, openLocalStore } from '../../src/store/local/openLocalStore';
import { startBot, type BotHarness } from '../support/botHarness';

const dirs: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'framework-guide-ready-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('readiness checks that the store takes a write', () => {
  let bot: BotHarness;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = freshDir();
    const store = await openLocalStore({ dataDir, busyTimeoutMs: 300, purgeIntervalMs: 0 });
    bot = await startBot({}, { store });
  });
  afterAll(async () => {
    await bot.close();
    await bot.store.close();
  });

  it('says not ready while writes cannot get through, though reads still do, and ready again after', async () => {
    expect((await fetch(`${bot.baseUrl}/readyz`)).status).toBe(200);
    // Another process holding the write lock, as one stuck mid-write would: reads go on (WAL), writes wait and fail.
    const blocker = new Database(path.join(dataDir, LOCAL_STORE_FILE));
    blocker.exec('BEGIN IMMEDIATE');
    try {
      await expect(bot.store.getTeamSettings('19:readiness-read@thread.tacv2')).resolves.toBeUndefined();
      const readiness = await fetch(`${bot.baseUrl}/readyz`);
      expect(readiness.status).toBe(503);
      expect(await readiness.json()).toEqual({ status: 'not ready', store: 'not writable' });
    } finally {
      blocker.exec('ROLLBACK');
      blocker.close();
    }
    expect((await fetch(`${bot.baseUrl}/readyz`)).status).toBe(200);
  });
});

describe('the built bot with a store file it cannot use', () => {
  const main = path.join(__dirname, '..', '..', 'dist', 'src', 'main.js');
  const run = (dataDir: string) =>
    spawnSync(process.execPath, [main], {
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'development', DATA_DIR: dataDir, PORT: '3999' },
      encoding: 'utf8',
      timeout: 15000,
    });

  it('stops at start with one line naming the damaged file and what to do', () => {
    const dataDir = freshDir();
    const file = path.join(dataDir, LOCAL_STORE_FILE);
    writeFileSync(file, 'not a database at all '.repeat(200));
    const result = run(dataDir);
    expect(result.status).toBe(1);
    // Node's own deprecation notices (from restify) aside, the bot says one thing.
    const lines = result.stderr
      .trim()
      .split('\n')
      .filter((line) => !/^\((node:\d+|Use `node)/.test(line));
    expect(lines).toEqual([expect.stringContaining(`The local store file ${file} is damaged`)]);
    expect(result.stderr).toMatch(/restore the latest backup/);
  });
});
