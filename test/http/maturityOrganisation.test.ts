// The admins' organisation view of digital maturity through the real HTTP endpoint: for each theme,
// how many teams have each median level, from teams whose ratings passed MIN_RESPONSES; no team
// named, identified or ranked. An admin gets it in their personal chat (typed there, typed in a
// channel, or from the lead view's button); anyone else is told it is for admins and sees no figure.
import { botAddedActivity, messageActivity, mentionActivity, TENANT_ID } from '../support/activities';
import { cardOf, press, startBot, typedInSharedChat, type BotHarness } from '../support/botHarness';
import { buttonsIn } from '../support/cardButtons';
import { expectValidCard, firstTextBlock, textBlocks } from '../support/cardValidation';
import { reconcileRound } from '../../src/maturity/context';
import { quarterOf } from '../../src/maturity/rounds';
import { THEMES } from '../../src/maturity/themes';
import type { MaturityLevel } from '../../src/domain';

const ADMIN = '29:admin-1';
const ADMIN_AAD = 'abcdef01-2345-4678-9abc-def012345678';
const LEAD = '29:lead-1';
const ROUND = quarterOf(new Date(), 'Europe/London');

/**
 * Four teams and the levels their people gave two themes. MIN_RESPONSES is 3: Delta has only two
 * ratings, so it counts nowhere (were it counted, Data would show a team at median 5).
 */
const TEAMS = [
  { id: '19:alpha-team@thread.tacv2', name: 'Alpha Housing', data: [3, 3, 4], ethical: [2, 2, 2] },
  { id: '19:bravo-team@thread.tacv2', name: 'Bravo Waste', data: [4, 4, 5, 2], ethical: [1, 2] },
  { id: '19:charlie-team@thread.tacv2', name: 'Charlie Libraries', data: [2, 3, 3], ethical: [] },
  { id: '19:delta-team@thread.tacv2', name: 'Delta Parking', data: [5, 5], ethical: [5, 5] },
];

/** A team installed in another organisation (tenant): never counted in this one's view. */
const OTHER_ORGANISATION_TEAM = '19:echo-team@thread.tacv2';

let bot: BotHarness;

function from(userId: string) {
  return { id: userId, name: 'Someone', aadObjectId: userId === ADMIN ? ADMIN_AAD : `aad-${userId}` };
}

const personalConversation = (userId: string) => ({
  id: `a:personal-${userId}`,
  conversationType: 'personal',
  tenantId: TENANT_ID,
});

/** Typed in the person's personal chat: the cards answered there. */
async function sayPrivately(userId: string, text: string) {
  const activity = {
    ...messageActivity(bot.connector.url, text, 'personal'),
    from: from(userId),
    conversation: personalConversation(userId),
  };
  const cards = (await bot.ask(activity)).map((sent) => cardOf(sent));
  cards.forEach((card) => expectValidCard(card));
  return cards;
}

/** A theme's row: its detail and value (in the card's order), the texts after its label up to the next theme's. */
function rowOf(card: unknown, label: string): string[] {
  const texts = textBlocks(card);
  const start = texts.indexOf(label);
  if (start < 0) throw new Error(`no row "${label}"`);
  const names = new Set(THEMES.map((theme) => theme.name));
  const end = texts.findIndex((text, index) => index > start && names.has(text));
  return texts.slice(start + 1, end < 0 ? undefined : end);
}

beforeAll(async () => {
  bot = await startBot({ ADMIN_OBJECT_IDS: ADMIN_AAD });
  for (const team of TEAMS) {
    const members = [LEAD, ...team.data.map((_, index) => `29:${team.id.slice(3, 8)}-${index}`)];
    // The admin is also a member of the first team, so has a lead view with the button to open it.
    bot.connector.teams.set(team.id, { name: team.name, members: team === TEAMS[0] ? [...members, ADMIN] : members });
    await bot.ask({
      ...botAddedActivity(bot.connector.url, 'channel'),
      from: from(LEAD),
      conversation: { id: team.id, conversationType: 'channel', tenantId: TENANT_ID },
      channelData: { tenant: { id: TENANT_ID }, team: { id: team.id, name: team.name } },
    });
    // Each person's own assessment, then the round's figures rebuilt from them, as a submit does.
    for (const [index, level] of team.data.entries()) {
      const ethical = team.ethical[index];
      await bot.store.submitAssessment({
        teamId: team.id,
        userId: members[index + 1] as string,
        round: ROUND,
        ratings: {
          'enabler:data': { level: level as MaturityLevel, note: `A note from ${team.name}` },
          ...(ethical ? { 'principle:ethical': { level: ethical as MaturityLevel } } : {}),
        },
      });
    }
    await reconcileRound(bot.store, team.id, ROUND);
  }
  // A team of another organisation, whose three ratings would put a team at median 5 on Data.
  const alpha = (await bot.store.getInstallation(TEAMS[0]!.id))!;
  await bot.store.upsertInstallation({
    conversationId: OTHER_ORGANISATION_TEAM,
    teamId: OTHER_ORGANISATION_TEAM,
    tenantId: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
    kind: 'channel',
    reference: alpha.reference,
  });
  for (const index of [0, 1, 2])
    await bot.store.submitAssessment({
      teamId: OTHER_ORGANISATION_TEAM,
      userId: `29:elsewhere-${index}`,
      round: ROUND,
      ratings: { 'enabler:data': { level: 5 } },
    });
  await reconcileRound(bot.store, OTHER_ORGANISATION_TEAM, ROUND);
}, 30_000);
afterAll(async () => {
  await bot.close();
});

it('gives an admin, in their personal chat, the spread of team medians from the teams over the threshold', async () => {
  const cards = await sayPrivately(ADMIN, 'organisation maturity');
  expect(cards.map(firstTextBlock)).toEqual(['Digital maturity across the organisation']);
  const card = cards[0];
  // Data: Alpha's median 3, Bravo's 4 (between 4 and 4 of 2, 4, 4, 5), Charlie's 3; Delta (2 ratings)
  // left out, and the other organisation's team (median 5) never counted.
  expect(rowOf(card, 'Data')).toEqual(['median 3: 2 teams · median 4: 1 team', '3 teams']);
  // Ethical: only Alpha had three ratings (median 2); Bravo (2) and Delta (2) are left out.
  expect(rowOf(card, 'Ethical')).toEqual(['median 2: 1 team', '1 team']);
  // A theme nobody rated.
  expect(rowOf(card, 'Leadership')).toEqual(['No figures']);
  // No team named or identified, no note, nothing to rank by.
  const text = JSON.stringify(card);
  for (const team of TEAMS) {
    expect(text).not.toContain(team.name);
    expect(text).not.toContain(team.id);
    expect(text).not.toContain(team.id.slice(3, 8));
  }
  expect(text).not.toContain('A note from');
});

it("sends it to the admin's personal chat when typed in a channel, and shows the channel nothing of it", async () => {
  const team = TEAMS[0]!;
  const activity = {
    ...mentionActivity(bot.connector.url, 'organisation maturity'),
    from: from(ADMIN),
    conversation: { id: team.id, conversationType: 'channel', tenantId: TENANT_ID },
    channelData: { tenant: { id: TENANT_ID }, team: { id: team.id, name: team.name } },
  };
  const { here: inChannel, personal } = await typedInSharedChat(bot, activity);
  expect(inChannel.map(firstTextBlock)).toEqual([
    'I’ve sent the organisation view of digital maturity to our personal chat',
  ]);
  expect(JSON.stringify(inChannel)).not.toMatch(/median \d/);
  expect(personal.map(firstTextBlock)).toEqual(['Digital maturity across the organisation']);
});

it('refuses anyone else with a clear answer and no figures, typed or pressed', async () => {
  const typed = await sayPrivately(LEAD, 'organisation maturity');
  expect(typed.map(firstTextBlock)).toEqual(['The organisation view is for admins']);
  expect(JSON.stringify(typed)).not.toMatch(/median \d/);
  const pressed = await press(bot, { action: 'maturityView', view: 'organisation' }, 'personal', {
    from: from(LEAD),
    conversation: personalConversation(LEAD),
  });
  expect(firstTextBlock(pressed.card)).toBe('The organisation view is for admins');
  expect(JSON.stringify(pressed.card)).not.toMatch(/median \d/);
});

it("opens it from the Organisation view button on an admin's lead view", async () => {
  const [leadView] = await sayPrivately(ADMIN, 'maturity');
  // The admin is in several teams: the bot asks which, and the lead view of the one chosen has the button.
  const next = buttonsIn(leadView).find((each) => each.title === 'Continue');
  const chosen = next
    ? (
        await press(bot, { ...next.data, teamId: TEAMS[0]!.id }, 'personal', {
          from: from(ADMIN),
          conversation: personalConversation(ADMIN),
        })
      ).card
    : leadView;
  const button = buttonsIn(chosen).find((each) => each.title === 'Organisation view');
  expect(button?.data).toEqual({ action: 'maturityView', view: 'organisation' });
  const pressed = await press(bot, button!.data, 'personal', {
    from: from(ADMIN),
    conversation: personalConversation(ADMIN),
  });
  expect(firstTextBlock(pressed.card)).toBe('Digital maturity across the organisation');
});
