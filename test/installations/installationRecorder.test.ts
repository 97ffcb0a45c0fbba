// The recorder skips the store for a conversation it recorded unchanged a moment ago, but not for
// long, not when the app was just added, and not after "delete my data" deleted the record.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InstallationRecorder } from '../../src/installations/installationRecorder';
import { createLogger } from '../../src/logging';
import { openLocalStore } from '../../src/store/local/openLocalStore';
import { channelInstallation, TestClock, uniqueId } from '../store/fixtures';
import type { FrameworkStore } from '../../src/store/port';

const MINUTE = 60 * 1000;
let dataDir: string;
let store: FrameworkStore;
let clock: TestClock;
let recorder: InstallationRecorder;
let upserts: jest.SpyInstance;

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'framework-guide-recorder-'));
  clock = new TestClock();
  store = await openLocalStore({ dataDir, clock: clock.now, purgeIntervalMs: 0 });
  recorder = new InstallationRecorder(store, createLogger('silent'), clock.now);
  upserts = jest.spyOn(store, 'upsertInstallation');
});
afterEach(async () => {
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
});

it('skips the store for an unchanged installation for ten minutes, then checks it again', async () => {
  const input = channelInstallation(uniqueId('19'));
  await recorder.seen(input);
  await recorder.seen(input);
  expect(upserts).toHaveBeenCalledTimes(1);
  // Another instance records a removal meanwhile; after ten minutes this one writes it back when messaged.
  await store.markInstallationRemoved(input);
  clock.advance(9 * MINUTE);
  await recorder.seen(input);
  expect(upserts).toHaveBeenCalledTimes(1);
  clock.advance(2 * MINUTE);
  await recorder.seen(input);
  expect(upserts).toHaveBeenCalledTimes(2);
  expect(await store.getInstallation(input.conversationId)).toMatchObject({ active: true });
  expect((await store.getInstallation(input.conversationId))?.removedAt).toBeUndefined();
});

it('always writes when the app was just added, so a removal recorded elsewhere is cleared at once', async () => {
  const input = channelInstallation(uniqueId('19'));
  await recorder.seen(input);
  await store.markInstallationRemoved(input);
  await recorder.seen(input, { added: true });
  expect(upserts).toHaveBeenCalledTimes(2);
  expect((await store.getInstallation(input.conversationId))?.active).toBe(true);
});

it('records a conversation again on its next message once its record was deleted and forgotten', async () => {
  const input = channelInstallation(uniqueId('a'));
  await recorder.seen(input);
  await store.deleteInstallation(input.conversationId);
  recorder.forget(input.conversationId);
  await recorder.seen(input);
  expect(await store.getInstallation(input.conversationId)).toMatchObject({
    conversationId: input.conversationId,
    active: true,
  });
});
