// The privacy capability against local store (SQLite) in a temporary directory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLocalStore } from '../../src/store/local/openLocalStore';
import { definePrivacySuite } from './privacySuite';
import type { FrameworkStore } from '../../src/store/port';

const dirs: string[] = [];
const opened: FrameworkStore[] = [];

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

definePrivacySuite({
  name: 'local store',
  async open() {
    const dataDir = mkdtempSync(join(tmpdir(), 'framework-guide-privacy-'));
    dirs.push(dataDir);
    const store = await openLocalStore({ dataDir, purgeIntervalMs: 0 });
    opened.push(store);
    return store;
  },
  async closeAll() {
    for (const store of opened.splice(0)) await store.close();
  },
});
