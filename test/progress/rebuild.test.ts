// Rebuilt roll-ups equal incremental ones: people check in through the real check-ins capability
// (the cards pressed as in Teams, answers changed mid-week) over three weeks, then every roll-up is
// rebuilt from the raw answers and compared.
import { rebuildRollups } from '../../src/progress';
import type { Mission } from '../../src/domain';
import type { FrameworkStore } from '../../src/store/port';
import {
  answerAll,
  channelContext,
  closeHarnesses,
  DAY_MS,
  openHarness,
  Person,
  TEAM,
  type Harness,
} from '../checkins/harness';

let h: Harness;

beforeEach(async () => {
  h = await openHarness();
});

afterEach(closeHarnesses);

async function submit(userId: string, mission: Mission, given: Parameters<typeof answerAll>[1]): Promise<void> {
  const person = new Person(h, () => channelContext(userId), { teamId: TEAM, teamName: 'Digital team' });
  await person.start({ mission });
  await answerAll(person, given);
  await person.press('Submit');
}

/** Opens an already submitted check-in (it lands on its summary), changes the progress score, submits again. */
async function change(userId: string, mission: Mission, progress: string): Promise<void> {
  const person = new Person(h, () => channelContext(userId), { teamId: TEAM, teamName: 'Digital team' });
  await person.start({ mission });
  await person.change('progress');
  await person.press('Save and review', { progress });
  await person.press('Submit');
}

const allRollups = (store: FrameworkStore) => store.listRollups(TEAM, { fromWeek: '2026-W01', toWeek: '2027-W52' });

test('rebuilding from the answers gives exactly the roll-ups written as people submitted', async () => {
  for (let week = 0; week < 3; week++) {
    await submit('29:a', 'digitally-enabled-councils', {
      progress: String(2 + week),
      outcomes: 'outcome:data,outcome:services',
      enabler: 'enabler:leadership',
      principles: 'principle:inclusive',
    });
    await submit('29:b', 'digitally-enabled-councils', { progress: '3', outcomes: 'outcome:data' });
    await submit('29:c', 'digitally-equipped-places', {
      progress: '5',
      enabler: 'enabler:connectivity',
      principles: 'principle:ethical,principle:inclusive',
    });
    // B changes their answer the same week: the roll-up must count the new one only.
    await change('29:b', 'digitally-enabled-councils', '1');
    h.clock.advance(7 * DAY_MS);
  }
  const incremental = await allRollups(h.local);
  expect(incremental).toHaveLength(6);
  expect(incremental.map((rollup) => rollup.week)).toEqual([
    '2026-W48',
    '2026-W48',
    '2026-W49',
    '2026-W49',
    '2026-W50',
    '2026-W50',
  ]);
  expect(incremental[0]).toEqual(
    expect.objectContaining({
      mission: 'digitally-enabled-councils',
      responses: 2,
      progressSum: 3,
      outcomes: { 'outcome:data': 2, 'outcome:services': 1 },
    }),
  );

  // Spoil every roll-up, then rebuild from the answers.
  for (const rollup of incremental) {
    await h.local.applyToRollup(TEAM, rollup.mission, rollup.week, (current) => ({
      ...current,
      responses: 99,
      progressSum: 0,
      outcomes: { 'outcome:data': 42 },
    }));
  }
  const result = await rebuildRollups(h.local, TEAM, ['2026-W47', '2026-W48', '2026-W49', '2026-W50', '2026-W51']);
  expect(result.rebuilt).toBe(6);
  expect(await allRollups(h.local)).toEqual(incremental);
});
