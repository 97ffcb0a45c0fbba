// The privacy capability against LocalStore (SQLite) in a temporary directory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalStore } from '../../src/store/local/localStore';
import { definePrivacySuite } from './privacySuite';

const dirs: string[] = [];
const opened: LocalStore[] = [];

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

definePrivacySuite({
  name: 'LocalStore',
  async open() {
    const dataDir = mkdtempSync(join(tmpdir(), 'framework-guide-privacy-'));
    dirs.push(dataDir);
    const store = await LocalStore.open({ dataDir, purgeIntervalMs: 0 });
    opened.push(store);
    return store;
  },
  async closeAll() {
    for (const store of opened.splice(0)) await store.close();
  },
});
