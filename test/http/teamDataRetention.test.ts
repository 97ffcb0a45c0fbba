// A team's data after the app is removed, through the real HTTP endpoint: Teams' removal activity is
// recorded with its time, and a sweep run with a later clock deletes the team's data only once the
// grace period (TEAM_DATA_GRACE_DAYS) has passed, and not at all if the app was added back.
import { botAddedActivity, messageActivity, TENANT_ID } from '../support/activities';
import { startBot, type BotHarness } from '../support/botHarness';
import { submitAnswers } from '../support/submitAnswers';

const DAY_MS = 24 * 3600 * 1000;
let bot: BotHarness;

beforeAll(async () => {
  bot = await startBot({ TEAM_DATA_GRACE_DAYS: '30' });
});
afterAll(async () => {
  await bot.close();
});

function inTeam<T extends object>(activity: T, teamId: string): T & { channelData: object } {
  return { ...activity, channelData: { tenant: { id: TENANT_ID }, team: { id: teamId } } };
}

/** The app added to a team, and the team's settings and one answer (with its week's roll-up) saved. */
async function teamWithData(teamId: string) {
  const added = inTeam(botAddedActivity(bot.connector.url, 'channel'), teamId);
  await bot.ask(added);
  await bot.store.updateTeamSettings(teamId, (settings) => ({ ...settings, focusOutcomes: ['outcome:data'] }));
  await submitAnswers(bot.store, {
    teamId,
    userId: '29:officer-1',
    mission: 'digitally-enabled-councils',
    week: '2026-W47',
    retentionDays: 730,
    answers: { progress: 3, outcomes: [], enabler: null, principles: [] },
  });
  return added;
}

const later = (days: number) => new Date(Date.now() + days * DAY_MS);

it("deletes a team's data once the app has been removed for longer than the grace period", async () => {
  const teamId = '19:retention-removed@thread.tacv2';
  const added = await teamWithData(teamId);
  const removal = {
    ...added,
    id: 'retention-removal-1',
    type: 'installationUpdate',
    action: 'remove',
    membersAdded: undefined,
  };
  expect((await bot.post(removal)).status).toBe(200);
  const removed = await bot.store.getInstallation(teamId);
  expect(removed).toMatchObject({ active: false, removedAt: expect.any(String) });

  expect(await bot.app.teamData.runSweep(later(29))).toMatchObject({ swept: true, teams: 0 });
  expect(await bot.store.getTeamSettings(teamId)).toBeDefined();
  expect(await bot.store.listTeamCheckIns(teamId, '2026-W47')).toHaveLength(1);

  expect(await bot.app.teamData.runSweep(later(31))).toMatchObject({ swept: true, teams: 1, records: 3 });
  expect(await bot.store.getTeamSettings(teamId)).toBeUndefined();
  expect(await bot.store.listTeamCheckIns(teamId, '2026-W47')).toEqual([]);
  expect(await bot.store.getInstallation(teamId)).toBeUndefined();
});

it('keeps the data of a team the app was added back to within the grace period', async () => {
  const teamId = '19:retention-back@thread.tacv2';
  const added = await teamWithData(teamId);
  // Removing the bot from the team arrives as a conversationUpdate naming the bot.
  const removal = {
    ...added,
    id: 'retention-removal-2',
    membersAdded: undefined,
    membersRemoved: [{ id: added.recipient.id }],
  };
  expect((await bot.post(removal)).status).toBe(200);
  expect((await bot.store.getInstallation(teamId))?.removedAt).toEqual(expect.any(String));

  await bot.ask(inTeam(messageActivity(bot.connector.url, 'help', 'channel'), teamId));
  const back = await bot.store.getInstallation(teamId);
  expect(back?.active).toBe(true);
  expect(back?.removedAt).toBeUndefined();

  expect(await bot.app.teamData.runSweep(later(31))).toMatchObject({ teams: 0 });
  expect((await bot.store.getTeamSettings(teamId))?.value.focusOutcomes).toEqual(['outcome:data']);
  expect(await bot.store.listTeamCheckIns(teamId, '2026-W47')).toHaveLength(1);
});

describe('a prompt answered 403 BotNotInConversationRoster (a removal the bot missed while it was down)', () => {
  // A Monday morning after the teams' 09:00 London prompts fell due.
  const promptsDue = new Date('2026-06-08T10:00:00Z');
  // A bot of each test's own, so its pass prompts only the team the test set up.
  let shared: BotHarness;
  beforeEach(async () => {
    shared = bot;
    bot = await startBot({ TEAM_DATA_GRACE_DAYS: '30' });
  });
  afterEach(async () => {
    await bot.close();
    bot = shared;
  });

  async function promptedTeam(teamId: string) {
    const added = await teamWithData(teamId);
    await bot.store.updateTeamSettings(teamId, (settings) => ({
      ...settings,
      paused: false,
      schedule: { day: 1, time: '09:00', timeZone: 'Europe/London' },
    }));
    return added;
  }

  it('records the removal, so the grace period starts and the data is deleted after it', async () => {
    const teamId = '19:retention-roster@thread.tacv2';
    await promptedTeam(teamId);
    bot.connector.failNext(1, 403, 'BotNotInConversationRoster');
    const report = await bot.app.prompts.runPromptPass(promptsDue);
    expect(report.prompts.gone).toBe(1);
    expect(await bot.store.getInstallation(teamId)).toMatchObject({ active: false, removedAt: expect.any(String) });

    expect(await bot.app.teamData.runSweep(later(29))).toMatchObject({ teams: 0 });
    expect(await bot.app.teamData.runSweep(later(31))).toMatchObject({ teams: 1 });
    expect(await bot.store.getTeamSettings(teamId)).toBeUndefined();
  });

  it('is cancelled by adding the app back', async () => {
    const teamId = '19:retention-roster-back@thread.tacv2';
    await promptedTeam(teamId);
    bot.connector.failNext(1, 403, 'BotNotInConversationRoster');
    await bot.app.prompts.runPromptPass(promptsDue);
    expect((await bot.store.getInstallation(teamId))?.removedAt).toEqual(expect.any(String));

    await bot.ask(inTeam({ ...botAddedActivity(bot.connector.url, 'channel'), id: 'roster-back-added' }, teamId));
    const back = await bot.store.getInstallation(teamId);
    expect(back).toMatchObject({ active: true });
    expect(back?.removedAt).toBeUndefined();
    expect(await bot.app.teamData.runSweep(later(31))).toMatchObject({ teams: 0 });
    expect(await bot.store.getTeamSettings(teamId)).toBeDefined();
  });

  it('is not a removal when the 403 says something else (an admin blocked the app): only no more prompts', async () => {
    const teamId = '19:retention-blocked@thread.tacv2';
    await promptedTeam(teamId);
    bot.connector.failNext(1, 403, 'BotDisabledByAdmin');
    await bot.app.prompts.runPromptPass(promptsDue);
    const installation = await bot.store.getInstallation(teamId);
    expect(installation?.active).toBe(false);
    expect(installation?.removedAt).toBeUndefined();
  });
});
