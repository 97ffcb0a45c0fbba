// A team's time zone defaults from the Teams client (clientInfo) of the person who sets it up, and
// a zone someone saved is never replaced by anyone's client zone.
import { timeZoneUnset, validTimeZone, withClientTimeZone } from '../../src/calendar/timeZoneDefault';
import { ensureFirstLead } from '../../src/progress';
import { defaultTeamSettings } from '../../src/store/defaults';
import type { TeamSettings } from '../../src/domain';
import { cardText, channelContext, inputValue, harnessPerTest, Person, TEAM, titleOf } from '../checkins/harness';

const h = harnessPerTest();

/** Someone in the team's channel whose Teams client says they are in `timeZone`. */
function personIn(timeZone: string | undefined, userId: string): Person {
  return new Person(h, () => ({ ...channelContext(userId), ...(timeZone === undefined ? {} : { timeZone }) }), {
    teamId: TEAM,
    teamName: 'Digital team',
  });
}

const stored = async (): Promise<TeamSettings | undefined> => (await h.local.getTeamSettings(TEAM))?.value;

describe('validTimeZone', () => {
  test.each([
    ['Europe/London', 'Europe/London'],
    ['America/New_York', 'America/New_York'],
    [' Asia/Tokyo ', 'Asia/Tokyo'],
    ['america/new_york', 'America/New_York'],
    ['UTC', 'UTC'],
    // Not Intl's older alias (Asia/Calcutta): the name the client sent.
    ['Asia/Kolkata', 'Asia/Kolkata'],
  ])('%j is the zone %j', (given, zone) => {
    expect(validTimeZone(given)).toBe(zone);
  });

  test.each([
    ['Mars/Olympus'],
    [''],
    ['   '],
    ['+05:00'],
    ['Europe/' + 'x'.repeat(80)],
    [42],
    [null],
    [undefined],
    [{ timezone: 'Europe/London' }],
  ])('%j is not a zone', (given) => {
    expect(validTimeZone(given)).toBeUndefined();
  });

  test('asks Intl about a name once, then answers the same from what it kept', () => {
    const formatters = jest.spyOn(Intl, 'DateTimeFormat');
    try {
      expect(validTimeZone('Pacific/Auckland')).toBe('Pacific/Auckland');
      expect(validTimeZone('pacific/chatham')).toBe('Pacific/Chatham');
      expect(validTimeZone('Venus/Maxwell')).toBeUndefined();
      const asked = formatters.mock.calls.length;
      expect(asked).toBeGreaterThan(0);
      expect(validTimeZone('Pacific/Auckland')).toBe('Pacific/Auckland');
      expect(validTimeZone(' pacific/chatham ')).toBe('Pacific/Chatham');
      expect(validTimeZone('Venus/Maxwell')).toBeUndefined();
      expect(formatters.mock.calls.length).toBe(asked);
    } finally {
      formatters.mockRestore();
    }
  });
});

describe('the rule', () => {
  const fresh = defaultTeamSettings(TEAM);

  test('a team nobody has set takes the client zone, marked as such', () => {
    expect(timeZoneUnset(fresh)).toBe(true);
    const adopted = withClientTimeZone(fresh, 'America/New_York');
    expect(adopted.schedule).toEqual({ ...fresh.schedule, timeZone: 'America/New_York' });
    expect(adopted.timeZoneSetBy).toBe('clientInfo');
    expect(timeZoneUnset(adopted)).toBe(false);
  });

  test('no zone or a bad one changes nothing, and the team stays unset', () => {
    expect(withClientTimeZone(fresh, undefined)).toBe(fresh);
    expect(withClientTimeZone(fresh, 'Mars/Olympus')).toBe(fresh);
  });

  test('a zone already set, from a client or the card, is kept', () => {
    const fromClient: TeamSettings = {
      ...fresh,
      schedule: { ...fresh.schedule, timeZone: 'America/New_York' },
      timeZoneSetBy: 'clientInfo',
    };
    expect(withClientTimeZone(fromClient, 'Asia/Tokyo')).toBe(fromClient);
    // Saved on the card as the default zone: still a choice.
    const saved: TeamSettings = { ...fresh, timeZoneSetBy: 'settingsCard' };
    expect(withClientTimeZone(saved, 'Asia/Tokyo')).toBe(saved);
  });

  test('settings from before the marker: a schedule other than the default was chosen and is kept', () => {
    const chosenTime: TeamSettings = { ...fresh, schedule: { ...fresh.schedule, time: '09:30' } };
    const withReminder: TeamSettings = { ...fresh, reminder: { day: 3, time: '10:00' } };
    const otherZone: TeamSettings = { ...fresh, schedule: { ...fresh.schedule, timeZone: 'Europe/Paris' } };
    for (const settings of [chosenTime, withReminder, otherZone])
      expect(withClientTimeZone(settings, 'Asia/Tokyo')).toBe(settings);
  });
});

describe('the settings card', () => {
  test('pre-fills the first setter’s client zone, says it in plain words, and stores it', async () => {
    const card = await personIn('America/New_York', '29:first').settings();
    expect(titleOf(card)).toBe('Check-in settings: Digital team');
    expect(inputValue(card.card, 'timeZone')).toBe('America/New_York');
    expect(cardText(card)).toContain('Prompts every Monday at 10:00, America/New_York');
    expect(cardText(card)).toContain('taken from Teams for the person who set the team up');
    expect(await stored()).toMatchObject({
      schedule: { day: 1, time: '10:00', timeZone: 'America/New_York' },
      timeZoneSetBy: 'clientInfo',
    });

    // The next person, elsewhere, sees the team's zone, not their own.
    const second = await personIn('Asia/Tokyo', '29:second').settings();
    expect(inputValue(second.card, 'timeZone')).toBe('America/New_York');
    expect((await stored())?.schedule.timeZone).toBe('America/New_York');
  });

  test('a client zone that is not a zone falls back to the default, which the next usable one replaces', async () => {
    const card = await personIn('Mars/Olympus', '29:first').settings();
    expect(inputValue(card.card, 'timeZone')).toBe('Europe/London');
    expect(cardText(card)).toContain('Prompts every Monday at 10:00, Europe/London');
    expect(cardText(card)).toContain('the default until someone saves these settings');
    // Showing the default writes nothing.
    expect(await stored()).toBeUndefined();

    const next = await personIn('Australia/Sydney', '29:second').settings();
    expect(inputValue(next.card, 'timeZone')).toBe('Australia/Sydney');
  });

  test('a saved zone is never replaced by a later person’s client zone', async () => {
    const setter = personIn('America/New_York', '29:first');
    await setter.settings();
    const saved = await setter.press('Save settings', {
      missions: 'digitally-enabled-councils',
      focusOutcomes: '',
      promptDay: '2',
      promptTime: '09:30',
      timeZone: 'Europe/Paris',
      reminderDay: 'none',
      reminderTime: '',
      paused: 'false',
    });
    expect(cardText(saved)).toContain('Prompts every Tuesday at 09:30, Europe/Paris');
    expect(await stored()).toMatchObject({
      schedule: { day: 2, time: '09:30', timeZone: 'Europe/Paris' },
      timeZoneSetBy: 'settingsCard',
    });

    const laterPerson = personIn('Asia/Tokyo', '29:later');
    const later = await laterPerson.settings();
    expect(inputValue(later.card, 'timeZone')).toBe('Europe/Paris');
    expect(cardText(later)).not.toContain('taken from Teams');
    // Saving a card that carries no schedule (one from before the schedule was on it) keeps it too.
    await laterPerson.press('Save settings', { missions: 'digitally-equipped-places', focusOutcomes: '' });
    expect(await stored()).toMatchObject({
      missions: ['digitally-equipped-places'],
      schedule: { timeZone: 'Europe/Paris' },
      timeZoneSetBy: 'settingsCard',
    });
  });

  test('saving the default zone explicitly counts as setting it', async () => {
    const setter = personIn(undefined, '29:first');
    await setter.settings();
    await setter.press('Save settings', {
      missions: 'digitally-enabled-councils',
      focusOutcomes: '',
      promptDay: '1',
      promptTime: '10:00',
      timeZone: 'Europe/London',
      reminderDay: 'none',
      reminderTime: '',
      paused: 'false',
    });
    expect(await stored()).toMatchObject({ schedule: { timeZone: 'Europe/London' }, timeZoneSetBy: 'settingsCard' });
    const later = await personIn('America/New_York', '29:later').settings();
    expect(inputValue(later.card, 'timeZone')).toBe('Europe/London');
  });
});

describe('settings created when the app is added', () => {
  test('the installer’s client zone becomes the team’s, and a saved zone is kept on a later set-up step', async () => {
    await ensureFirstLead(h.local, TEAM, '29:installer', 'America/New_York');
    expect(await stored()).toMatchObject({
      leads: ['29:installer'],
      schedule: { timeZone: 'America/New_York' },
      timeZoneSetBy: 'clientInfo',
    });

    await h.local.updateTeamSettings(TEAM, (settings) => ({
      ...settings,
      schedule: { ...settings.schedule, timeZone: 'Europe/Paris' },
      timeZoneSetBy: 'settingsCard',
    }));
    await ensureFirstLead(h.local, TEAM, '29:someone-else', 'Asia/Tokyo');
    expect(await stored()).toMatchObject({
      leads: ['29:installer'],
      schedule: { timeZone: 'Europe/Paris' },
      timeZoneSetBy: 'settingsCard',
    });
  });

  test('an installer without a usable zone leaves the default, unset', async () => {
    await ensureFirstLead(h.local, TEAM, '29:installer', 'Mars/Olympus');
    const settings = await stored();
    expect(settings?.schedule.timeZone).toBe('Europe/London');
    expect(settings?.timeZoneSetBy).toBeUndefined();
  });
});
