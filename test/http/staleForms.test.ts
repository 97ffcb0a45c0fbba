// Forms carry the version they showed (issue 28, faults 2 and 4). Through the real endpoint, a lead's
// stale copy of a form is refused with the form as it is now, instead of silently reverting a newer
// change: the targets, an action's owner and due date, and the team's check-in settings. A round button acts on the round its card
// names: "Open the next round now" from a card of a round already closed, pressed in a later quarter,
// leaves the round people are assessing open.
import { executeActivity, botAddedActivity, mentionActivity, messageActivity, TENANT_ID } from '../support/activities';
import { buttonData } from '../support/cardButtons';
import { cardOf, startBot, type BotHarness } from '../support/botHarness';
import { expectValidCard, firstTextBlock } from '../support/cardValidation';
import { previousRound, quarterOf, roundState } from '../../src/maturity/rounds';
import { emptyTeamMaturity } from '../../src/domain';

const TEAM = '19:stale-forms-team@thread.tacv2';
const LEAD = '29:stale-lead';
const MEMBER = '29:stale-member';
const ZONE = 'Europe/London';
const channelData = { tenant: { id: TENANT_ID }, team: { id: TEAM, name: 'Stale forms team' } };
const CHANGED_SINCE = 'This changed since you opened it';

type Json = Record<string, unknown>;
let bot: BotHarness;

beforeAll(async () => {
  bot = await startBot();
  bot.connector.teams.set(TEAM, { name: 'Stale forms team', members: [LEAD, MEMBER] });
  await bot.ask({ ...botAddedActivity(bot.connector.url, 'channel'), channelData, from: { id: LEAD, name: 'Lead' } });
});
afterAll(async () => {
  await bot.close();
});

const button = buttonData;

/** Presses a button in the lead's personal chat: the card in place of the pressed one, and any notice sent after it. */
async function execute(data: Json): Promise<{ card: Json; notices: string[] }> {
  const activity = { ...executeActivity(bot.connector.url, data, 'personal'), from: { id: LEAD, name: 'Lead' } };
  const response = await bot.post(activity);
  expect(response.status).toBe(200);
  const body = (await response.json()) as { type: string; value: unknown };
  await new Promise((resolve) => setTimeout(resolve, 100));
  const sent = bot.connector.sent.filter((each) => each.replyToId === activity.id).map((each) => cardOf(each.activity));
  const card = body.type === 'application/vnd.microsoft.card.adaptive' ? (body.value as Json) : (sent.at(-1) ?? {});
  expectValidCard(card);
  return { card, notices: sent.map((each) => firstTextBlock(each) ?? '') };
}

async function leadView(): Promise<Json> {
  const replies = await bot.ask({
    ...messageActivity(bot.connector.url, 'maturity'),
    from: { id: LEAD, name: 'Lead' },
  });
  return cardOf(replies[0]);
}

const maturity = async () => (await bot.store.getTeamMaturity(TEAM))?.value;

it('refuses a stale targets form instead of reverting a newer save, and shows the targets as they are now', async () => {
  const form = (await execute(button(await leadView(), 'Set targets'))).card;
  const firstLeads = (await execute(button(await leadView(), 'Set targets'))).card;
  // One lead saves from their form; the other, whose form was drawn before, saves later.
  const saved = await execute({ ...button(firstLeads, 'Save targets'), target_0: '4' });
  expect(JSON.stringify(saved.card)).toContain('Targets saved.');
  const stale = await execute({ ...button(form, 'Save targets'), target_0: '2', target_1: '3' });
  expect(firstTextBlock(stale.card)).toBe('Target levels');
  expect(stale.notices).toContain(CHANGED_SINCE);
  expect(Object.values((await maturity())?.targets ?? {})).toEqual([4]);
  // Saving the same again is no conflict: it is what is there.
  const again = await execute({ ...button(firstLeads, 'Save targets'), target_0: '4' });
  expect(JSON.stringify(again.card)).toContain('Targets saved.');
});

it("refuses a stale form for an action's owner and due date instead of reverting a newer change", async () => {
  let card = (await execute(button(await leadView(), 'Add an action'))).card;
  card = (
    await execute({
      ...button(card, 'Save action'),
      title: 'Publish the data plan',
      theme: 'enabler:data',
      outcome: '',
      owner: MEMBER,
      due: '2099-03-31',
    })
  ).card;
  const edit = button(card, 'Edit');
  const form = (await execute(edit)).card;
  const otherForm = (await execute(edit)).card;
  const changed = await execute({ ...button(otherForm, 'Save changes'), owner: LEAD, due: '2099-06-30' });
  expect(JSON.stringify(changed.card)).toContain('Action changed: due 2099-06-30.');
  const stale = await execute({ ...button(form, 'Save changes'), owner: MEMBER, due: '2099-04-30' });
  expect(firstTextBlock(stale.card)).toBe('Change an action');
  expect(stale.notices).toContain(CHANGED_SINCE);
  expect((await maturity())?.actions.find((each) => each.title === 'Publish the data plan')).toMatchObject({
    ownerUserId: LEAD,
    due: '2099-06-30',
  });
});

it('does not close the round people are assessing from an old card of a closed round', async () => {
  const current = quarterOf(new Date(), ZONE);
  const earlier = previousRound(current);
  // Last quarter's round was closed by a lead; its lead card offered "Open the next round now".
  await bot.store.updateTeamMaturity(TEAM, (stored) => ({
    ...(stored ?? emptyTeamMaturity(TEAM)),
    closedRounds: [earlier],
  }));
  const pressed = await execute({ action: 'maturityPlan', op: 'roundOpenNext', teamId: TEAM, round: earlier });
  expect(JSON.stringify(pressed.card)).toContain('That round has already moved on; nothing was changed.');
  const after = await maturity();
  expect(after?.closedRounds).toEqual([earlier]);
  expect(roundState(after ?? emptyTeamMaturity(TEAM), new Date(), ZONE)).toEqual({ round: current, open: true });
  // "Close this round" from a card of another round changes nothing either.
  await execute({ action: 'maturityPlan', op: 'roundClose', teamId: TEAM, round: earlier });
  expect((await maturity())?.closedRounds).toEqual([earlier]);
});

it('refuses a stale settings form instead of reverting a newer save, and shows the settings as they are now', async () => {
  const open = async () => {
    const replies = await bot.ask({
      ...mentionActivity(bot.connector.url, 'settings'),
      channelData,
      from: { id: LEAD, name: 'Lead' },
    });
    return cardOf(replies[0]);
  };
  const form = await open();
  const otherForm = await open();
  const saveFrom = async (card: Json, missions: string) => {
    const activity = {
      ...executeActivity(bot.connector.url, { ...button(card, 'Save settings'), missions }, 'channel'),
      channelData,
      from: { id: LEAD, name: 'Lead' },
    };
    const response = await bot.post(activity);
    return JSON.stringify(await response.json());
  };
  expect(await saveFrom(otherForm, 'digitally-equipped-places')).toContain('Saved. New check-ins use these settings');
  expect(await saveFrom(form, 'digitally-enabled-councils')).toContain(CHANGED_SINCE);
  expect((await bot.store.getTeamSettings(TEAM))?.value.missions).toEqual(['digitally-equipped-places']);
});
