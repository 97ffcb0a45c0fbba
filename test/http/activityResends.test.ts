// Teams resends an activity it got no answer to. Through the real endpoint, on a store with a clock
// the test moves: a resend while the first attempt's turn runs, or after it finished, is ignored; a
// resend after the turn's in-progress lease ran out unfinished (its process died) is answered.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openLocalStore } from '../../src/store/local/openLocalStore';
import {
  ACTIVITY_CLAIM_SECONDS,
  ACTIVITY_IN_PROGRESS_SECONDS,
  StoreActivityClaims,
} from '../../src/turns/activityClaims';
import { messageActivity } from '../support/activities';
import { startBot, type BotHarness } from '../support/botHarness';
import { TestClock } from '../store/fixtures';
import type { FrameworkStore } from '../../src/store/port';

const dataDir = mkdtempSync(path.join(tmpdir(), 'framework-guide-resends-'));
const clock = new TestClock();
let store: FrameworkStore;
let bot: BotHarness;

beforeAll(async () => {
  store = await openLocalStore({ dataDir, clock: clock.now, purgeIntervalMs: 0 });
  bot = await startBot({}, { store });
});
afterAll(async () => {
  await bot.close();
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const keyOf = (activity: { channelId: string; conversation: { id: string }; id: string }) =>
  `${activity.channelId}|${activity.conversation.id}|${activity.id}`;
const answersTo = (id: string) => bot.connector.sent.filter((sent) => sent.replyToId === id);
/** Posts and gives any reply time to arrive; resolves with how many answers the activity has had. */
async function post(activity: { id: string }): Promise<number> {
  expect((await bot.post(activity)).status).toBe(200);
  await new Promise((resolve) => setTimeout(resolve, 150));
  return answersTo(activity.id).length;
}

it('answers a resend after the first attempt died mid-turn, once its in-progress lease ran out', async () => {
  const activity = messageActivity(bot.connector.url, 'what does the data outcome mean');
  // Another instance claimed the activity the way every turn does, then died before finishing.
  const dyingInstance = new StoreActivityClaims(store, () => undefined);
  expect(await dyingInstance.claim(keyOf(activity))).toBe(true);

  expect(await post(activity)).toBe(0); // still in progress: perhaps only slow
  clock.advance((ACTIVITY_IN_PROGRESS_SECONDS + 1) * 1000);
  expect(await post(activity)).toBe(1); // the lease ran out: run again, so the question is answered
  expect(await post(activity)).toBe(1); // and only once
});

it('ignores a resend of a finished turn until long after the in-progress lease', async () => {
  const activity = messageActivity(bot.connector.url, 'what does the inclusion outcome mean');
  expect(await post(activity)).toBe(1);
  clock.advance((ACTIVITY_IN_PROGRESS_SECONDS + 1) * 1000);
  expect(await post(activity)).toBe(1);
  clock.advance((ACTIVITY_CLAIM_SECONDS - ACTIVITY_IN_PROGRESS_SECONDS - 2) * 1000);
  expect(await post(activity)).toBe(1);
});
