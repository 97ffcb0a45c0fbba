// The team's time zone defaults from the clientInfo entity Teams sends with the messages of the person
// who sets the team up, through the real HTTP endpoint: the settings card pre-fills it and says it in
// plain words, a zone that is not one falls back to the default, and a saved zone stays.
import { botAddedActivity, executeActivity, mentionActivity, TENANT_ID } from '../support/activities';
import { cardOf, startBot, type BotHarness } from '../support/botHarness';
import { buttonsIn, inputValue } from '../support/cardButtons';
import { expectValidCard } from '../support/cardValidation';

const NEW_YORK_TEAM = '19:new-york-team@thread.tacv2';
const MARS_TEAM = '19:mars-team@thread.tacv2';
const INSTALLED_TEAM = '19:installed-team@thread.tacv2';

let bot: BotHarness;

beforeAll(async () => {
  bot = await startBot();
});
afterAll(async () => {
  await bot.close();
});

const channelData = (teamId: string) => ({ tenant: { id: TENANT_ID }, team: { id: teamId, name: 'Zoned team' } });

/** Sets Teams' clientInfo time zone on an activity (or leaves clientInfo out), as the person's client would. */
function withClientZone<T extends { entities: Array<Record<string, unknown>> }>(
  activity: T,
  timezone: string | undefined,
): T {
  const others = activity.entities.filter((entity) => entity.type !== 'clientInfo');
  const clientInfo = { type: 'clientInfo', locale: 'en-US', country: 'US', platform: 'Windows', timezone };
  return { ...activity, entities: timezone === undefined ? others : [clientInfo, ...others] };
}

/** "@Framework Guide settings" in the team's channel from `userId`, whose client is in `timezone`. */
async function openSettings(teamId: string, timezone: string, userId: string): Promise<Record<string, unknown>> {
  const activity = withClientZone(mentionActivity(bot.connector.url, 'settings'), timezone);
  const replies = await bot.ask({
    ...activity,
    from: { ...activity.from, id: userId },
    channelData: channelData(teamId),
  });
  const card = cardOf(replies[0]);
  expectValidCard(card);
  return card;
}

it('pre-fills the setting-up person’s clientInfo zone and says it in plain words', async () => {
  // A chat message first, as people do; it changes nothing about the team.
  await bot.ask({
    ...withClientZone(mentionActivity(bot.connector.url, 'what is a mission?'), 'America/New_York'),
    channelData: channelData(NEW_YORK_TEAM),
  });
  const card = await openSettings(NEW_YORK_TEAM, 'America/New_York', '29:setter');
  expect(inputValue(card, 'timeZone')).toBe('America/New_York');
  expect(JSON.stringify(card)).toContain('Prompts every Monday at 10:00, America/New_York');
  expect((await bot.store.getTeamSettings(NEW_YORK_TEAM))?.value).toMatchObject({
    schedule: { timeZone: 'America/New_York' },
    timeZoneSetBy: 'clientInfo',
  });

  // Someone else in the team, in Tokyo, sees the team's zone.
  expect(inputValue(await openSettings(NEW_YORK_TEAM, 'Asia/Tokyo', '29:colleague'), 'timeZone')).toBe(
    'America/New_York',
  );
});

it('falls back to the default for a zone that is not one', async () => {
  const card = await openSettings(MARS_TEAM, 'Mars/Olympus', '29:setter');
  expect(inputValue(card, 'timeZone')).toBe('Europe/London');
  expect(JSON.stringify(card)).toContain('Prompts every Monday at 10:00, Europe/London');
  expect((await bot.store.getTeamSettings(MARS_TEAM))?.value.timeZoneSetBy).toBeUndefined();
});

it('never replaces an explicitly saved zone with a later person’s clientInfo zone', async () => {
  const card = await openSettings(NEW_YORK_TEAM, 'America/New_York', '29:setter');
  // Only a lead saves the settings: the person who saves below (the activities' default user) leads this team.
  await bot.store.updateTeamSettings(NEW_YORK_TEAM, (settings) => ({ ...settings, leads: ['29:officer-1'] }));
  const save = buttonsIn(card).find((each) => each.title === 'Save settings')?.data;
  expect(save).toBeDefined();
  const inputs = {
    missions: 'digitally-enabled-councils',
    focusOutcomes: '',
    promptDay: '4',
    promptTime: '08:45',
    timeZone: 'Europe/Paris',
    reminderDay: 'none',
    reminderTime: '',
    paused: 'false',
  };
  const response = await bot.post({
    ...withClientZone(executeActivity(bot.connector.url, { ...save, ...inputs }, 'channel'), 'America/New_York'),
    channelData: channelData(NEW_YORK_TEAM),
  });
  expect(response.status).toBe(200);
  const saved = ((await response.json()) as { value: unknown }).value;
  expect(JSON.stringify(saved)).toContain('Prompts every Thursday at 08:45, Europe/Paris');

  const later = await openSettings(NEW_YORK_TEAM, 'America/Chicago', '29:newcomer');
  expect(inputValue(later, 'timeZone')).toBe('Europe/Paris');
  expect(JSON.stringify(later)).toContain('Prompts every Thursday at 08:45, Europe/Paris');
  expect((await bot.store.getTeamSettings(NEW_YORK_TEAM))?.value).toMatchObject({
    schedule: { day: 4, time: '08:45', timeZone: 'Europe/Paris' },
    timeZoneSetBy: 'settingsCard',
  });
});

it('takes the installer’s zone when the app is added with clientInfo', async () => {
  await bot.ask({
    ...withClientZone(botAddedActivity(bot.connector.url, 'channel'), 'Asia/Kolkata'),
    channelData: channelData(INSTALLED_TEAM),
  });
  expect((await bot.store.getTeamSettings(INSTALLED_TEAM))?.value).toMatchObject({
    leads: ['29:officer-1'],
    schedule: { timeZone: 'Asia/Kolkata' },
    timeZoneSetBy: 'clientInfo',
  });
  expect(inputValue(await openSettings(INSTALLED_TEAM, 'Europe/Berlin', '29:member'), 'timeZone')).toBe('Asia/Kolkata');
});
