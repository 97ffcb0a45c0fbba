// Maturity self-assessments through the real HTTP endpoint, as Teams sends them: "self-assessment"
// in a channel answered without anything personal, the whole assessment in the personal chat on
// Action.Execute cards, one assessment per person and round however often submit is pressed, the
// team's card in the channel without notes or names, and the lead view with notes, targets and
// an action plan only in the lead's personal chat.
import { botAddedActivity, executeActivity, mentionActivity, messageActivity, TENANT_ID } from '../support/activities';
import { buttonsIn, type FoundButton } from '../support/cardButtons';
import { cardOf, startBot, typedInSharedChat, type BotHarness } from '../support/botHarness';
import { expectValidCard, firstTextBlock } from '../support/cardValidation';
import { quarterOf } from '../../src/maturity/rounds';
import { reconcileRound } from '../../src/maturity/context';

const TEAM = '19:planning-team@thread.tacv2';
const LEAD = '29:officer-1';
const MEMBERS = ['29:officer-2', '29:officer-3', '29:officer-4'];
/** On the roster, owns an action, then deletes their data. */
const LEAVER = '29:officer-5';
const ROUND = quarterOf(new Date(), 'Europe/London');
const channelData = { tenant: { id: TENANT_ID }, team: { id: TEAM, name: 'Planning team' } };

let bot: BotHarness;

function button(card: unknown, title: string): FoundButton {
  const all = buttonsIn(card);
  const match = all.find((each) => each.title === title);
  if (!match) throw new Error(`no "${title}" button among ${all.map((each) => each.title).join(', ')}`);
  return match;
}

function from(userId: string) {
  return { from: { id: userId, aadObjectId: `aad-${userId}`, name: 'Someone' } };
}

/** Presses a button as Action.Execute in the personal chat; returns the card put in its place. */
async function execute(data: Record<string, unknown>, userId = LEAD): Promise<Record<string, unknown>> {
  const activity = { ...executeActivity(bot.connector.url, data, 'personal'), ...from(userId) };
  const response = await bot.post(activity);
  expect(response.status).toBe(200);
  const body = (await response.json()) as { statusCode: number; type: string; value: unknown };
  // A card in place of the pressed one, or (for a notice) a new message in the same chat.
  const card =
    body.type === 'application/vnd.microsoft.card.adaptive'
      ? (body.value as Record<string, unknown>)
      : cardOf(bot.connector.sent.filter((sent) => sent.replyToId === activity.id).at(-1)?.activity);
  expectValidCard(card);
  return card;
}

async function say(text: string, kind: 'personal' | 'channel', userId = LEAD) {
  const activity = {
    ...messageActivity(bot.connector.url, text, kind),
    ...from(userId),
    ...(kind === 'channel'
      ? { channelData: { tenant: { id: TENANT_ID }, team: { id: TEAM, name: 'Planning team' } } }
      : {}),
  };
  const replies = await bot.ask(activity);
  expect(replies).toHaveLength(1);
  const card = cardOf(replies[0]);
  expectValidCard(card);
  return card;
}

/** "maturity" typed in the channel: the cards shown in the channel, and those sent to the person's personal chat. */
async function maturityInChannel(userId: string) {
  const activity = { ...mentionActivity(bot.connector.url, 'maturity'), ...from(userId), channelData };
  const { here: channel, personal } = await typedInSharedChat(bot, activity);
  return { channel, personal };
}

/** Every text the card shows, flattened, to assert what it does and does not contain. */
function textOf(card: unknown): string {
  return JSON.stringify(card);
}

/** The value a card's input starts with. */
function inputValue(card: Record<string, unknown>, id: string): unknown {
  return (card.body as Array<{ id?: string; value?: unknown }>).find((each) => each.id === id)?.value;
}

beforeAll(async () => {
  bot = await startBot();
  bot.connector.teams.set(TEAM, { name: 'Planning team', members: [LEAD, ...MEMBERS, LEAVER] });
  await bot.ask({
    ...botAddedActivity(bot.connector.url, 'channel'),
    channelData: { tenant: { id: TENANT_ID }, team: { id: TEAM, name: 'Planning team' } },
  });
});
afterAll(async () => {
  await bot.close();
});

it('in a channel, "self-assessment" starts it in the personal chat and posts nothing to rate', async () => {
  const card = await say('self-assessment', 'channel');
  expect(firstTextBlock(card)).toBe('I’ve sent your self-assessment to our personal chat');
  expect(textOf(card)).not.toContain('Input.ChoiceSet');
  expect(bot.connector.sent.filter((sent) => sent.method === 'PUT')).toHaveLength(0);
  const started = bot.connector.sent.at(-2);
  expect(started?.conversationId).toMatch(/^a:/);
  expect(firstTextBlock(cardOf(started?.activity))).toMatch(/^Self-assessment: /);
});

it('runs a whole assessment in the personal chat: rate, skip, back, change from the summary, submit once', async () => {
  let card = await say('self-assessment', 'personal');
  expect(firstTextBlock(card)).toBe('Self-assessment: Data');
  expect(textOf(card)).toContain("Level descriptions are Framework Guide's own");
  card = await execute({ ...button(card, 'Next').data, level: '2', note: 'We share **little** <b>data</b>' });
  expect(firstTextBlock(card)).toBe('Self-assessment: Connectivity');
  card = await execute(button(card, 'Back').data);
  expect(firstTextBlock(card)).toBe('Self-assessment: Data');
  card = await execute({ ...button(card, 'Next').data, level: '3', note: 'We share **little** <b>data</b>' });
  // Skip the remaining eleven themes.
  for (let i = 0; i < 11; i++) card = await execute(button(card, 'Skip').data);
  expect(firstTextBlock(card)).toBe('Check your self-assessment');
  // The note is shown as typed, in a TextRun (never read as Markdown).
  expect(textOf(card)).toContain('"type":"TextRun","text":"Your note: We share **little** <b>data</b>"');
  card = await execute(buttonsIn(card).find((each) => each.data.target === 'enabler:leadership')!.data);
  expect(firstTextBlock(card)).toBe('Self-assessment: Leadership');
  card = await execute({ ...button(card, 'Save and review').data, level: '4' });
  expect(firstTextBlock(card)).toBe('Check your self-assessment');
  const submit = button(card, 'Submit').data;
  const saved = await execute(submit);
  expect(firstTextBlock(saved)).toBe('Self-assessment saved');
  // Pressed again (a double press or a retry): still one assessment, counted once.
  expect(firstTextBlock(await execute(submit))).toBe('Self-assessment saved');
  const stored = await bot.store.listRoundAssessments(TEAM, ROUND);
  expect(stored).toHaveLength(1);
  expect(stored[0]?.ratings['enabler:data']).toEqual({ level: 3, note: 'We share **little** <b>data</b>' });
  expect(stored[0]?.ratings['enabler:leadership']).toEqual({ level: 4 });
  const maturity = await bot.store.getTeamMaturity(TEAM);
  expect(maturity?.value.rollups[ROUND]?.responses).toBe(1);
  expect(maturity?.value.rollups[ROUND]?.levels['enabler:data']).toEqual([0, 0, 1, 0, 0]);

  // Typing it again reopens the submitted assessment at its summary, to change it.
  card = await say('self-assessment', 'personal');
  expect(firstTextBlock(card)).toBe('Check your self-assessment');
  expect(textOf(card)).toContain('You have already assessed this round');
});

it('shows the team its medians in the channel without notes, and the lead the notes in the personal chat only', async () => {
  for (const [index, userId] of MEMBERS.entries()) {
    const level = (index + 2) as 2 | 3 | 4;
    await bot.store.submitAssessment({
      teamId: TEAM,
      userId,
      round: ROUND,
      ratings: { 'enabler:data': { level, note: `Note from person ${index}` }, 'principle:ethical': { level: 3 } },
    });
  }
  await reconcileRound(bot.store, TEAM, ROUND);

  const inChannel = await maturityInChannel(LEAD);
  // Everyone's view in the channel, with a note that the lead's own view went to their personal chat.
  expect(inChannel.channel.map(firstTextBlock)).toEqual([
    'Digital maturity: Planning team',
    'I’ve sent the lead view of the team’s maturity to our personal chat',
  ]);
  const shared = textOf(inChannel.channel);
  // Data has four ratings (2, 3, 3, 4): median 3, with a chart and its fallback rows.
  expect(shared).toContain('4 ratings from 2 to 4 (people disagree)');
  expect(shared).toContain('"type":"Chart.VerticalBar"');
  // Principles rated by three people pass the threshold; a theme with one rating shows no figure.
  expect(shared).toContain('Fewer than 3 ratings this round, so no figure is shown');
  expect(shared).not.toContain('Note from person');
  expect(shared).not.toContain('We share');
  expect(shared).not.toContain('lead view,');
  expect(shared).not.toContain('Notes behind the ratings');
  expect(buttonsIn(inChannel.channel[0]).map((each) => each.data.action)).not.toContain('maturityPlan');
  // The lead view, with its notes and plan controls, in the lead's personal chat alone.
  expect(inChannel.personal.map(firstTextBlock)).toEqual(['Digital maturity, lead view: Planning team']);
  expect(textOf(inChannel.personal)).toContain('Note from person 1');
  expect(buttonsIn(inChannel.personal[0]).map((each) => each.title)).toEqual(
    expect.arrayContaining(['Set targets', 'Add an action', 'Close this round']),
  );
  // A member typing it in the channel gets everyone's view there, and nothing in their personal chat.
  const asMember = await maturityInChannel(MEMBERS[0]!);
  expect(asMember.channel.map(firstTextBlock)).toEqual(['Digital maturity: Planning team']);
  expect(textOf(asMember.channel)).not.toContain('Note from person');
  expect(asMember.personal).toEqual([]);

  const lead = await say('maturity', 'personal');
  expect(firstTextBlock(lead)).toBe('Digital maturity, lead view: Planning team');
  const leadText = textOf(lead);
  expect(leadText).toContain('Note from person 1');
  expect(leadText).toContain('We share **little** <b>data</b>');
  expect(leadText).not.toContain('officer');

  // A member's personal chat gets the team's view, never the notes.
  const member = await say('maturity', 'personal', MEMBERS[0]);
  expect(firstTextBlock(member)).toBe('Digital maturity: Planning team');
  expect(textOf(member)).not.toContain('Note from person');
});

it('lets a lead set targets and add an action (owner from the roster) once however often saved; members cannot', async () => {
  let card = await say('maturity', 'personal');
  card = await execute(button(card, 'Set targets').data);
  expect(firstTextBlock(card)).toBe('Target levels');
  card = await execute({ ...button(card, 'Save targets').data, target_0: '4', target_6: '3' });
  expect(textOf(card)).toContain('Targets saved.');
  expect(textOf(card)).toContain('Target: 4');

  card = await execute(button(card, 'Add an action').data);
  expect(firstTextBlock(card)).toBe('Add an action');
  const save = {
    ...button(card, 'Save action').data,
    title: 'Agree a data sharing plan',
    theme: 'enabler:data',
    outcome: '',
    owner: MEMBERS[0],
    due: '2020-01-31',
  };
  // A due date already past would be overdue the moment it is added: refused with the reason.
  const past = await execute(save);
  expect(firstTextBlock(past)).toBe('That couldn’t be saved');
  expect(textOf(past)).toContain('The due date has passed');
  expect((await bot.store.getTeamMaturity(TEAM))?.value.actions).toHaveLength(0);
  card = await execute({ ...save, due: '2099-01-31' });
  expect(textOf(card)).toContain('Agree a data sharing plan');
  expect(textOf(card)).toContain('due 31 January 2099');
  await execute({ ...save, due: '2099-01-31' });
  expect((await bot.store.getTeamMaturity(TEAM))?.value.actions).toHaveLength(1);

  const refused = await execute({ ...button(card, 'Set targets').data }, MEMBERS[1]);
  expect(firstTextBlock(refused)).toBe('Only the team’s leads can change this');

  const done = await execute(button(card, 'Done').data);
  expect(textOf(done)).toContain('Action marked done.');
  expect(textOf(done)).not.toContain('Overdue');
});

it('lets a lead change an action’s owner and due date, an ownerless one included, once however often saved; members cannot', async () => {
  let card = await say('maturity', 'personal');
  card = await execute(button(card, 'Add an action').data);
  card = await execute({
    ...button(card, 'Save action').data,
    title: 'Publish the open data register',
    theme: 'enabler:data',
    outcome: '',
    owner: LEAVER,
    due: '2030-03-31',
  });
  expect(textOf(card)).toContain('due 31 March 2030 · Member 5');
  const actionId = (await bot.store.getTeamMaturity(TEAM))?.value.actions.find(
    (each) => each.title === 'Publish the open data register',
  )?.id;

  // The owner deletes their data: the action stays on the plan with no owner.
  const confirm = await say('delete my data', 'personal', LEAVER);
  expect(firstTextBlock(await execute(button(confirm, 'Yes, delete my data').data, LEAVER))).toMatch(/deleted/i);
  card = await say('maturity', 'personal');
  expect(textOf(card)).toContain('due 31 March 2030 · No owner');
  const edit = buttonsIn(card).find((each) => each.title === 'Edit' && each.data.actionId === actionId);
  if (!edit) throw new Error('no Edit button for the action');

  // A member pressing Edit (a forwarded card, or a forged press) is refused and sees no form.
  expect(firstTextBlock(await execute(edit.data, MEMBERS[1]))).toBe('Only the team’s leads can change this');

  const form = await execute(edit.data);
  expect(firstTextBlock(form)).toBe('Change an action');
  expect(textOf(form)).toContain('"text":"Publish the open data register"');
  expect(inputValue(form, 'owner')).toBe('');
  expect(inputValue(form, 'due')).toBe('2030-03-31');
  const change = { ...button(form, 'Save changes').data, owner: MEMBERS[0], due: '2030-06-30' };
  // Its save pressed by a member changes nothing either.
  expect(firstTextBlock(await execute(change, MEMBERS[1]))).toBe('Only the team’s leads can change this');
  // An owner from outside the roster, or no date, is refused with the reason.
  const outsider = await execute({ ...change, owner: '29:stranger' });
  expect(firstTextBlock(outsider)).toBe('That couldn’t be saved');
  expect(textOf(outsider)).toContain('Choose an owner from the team’s members.');
  expect(textOf(await execute({ ...change, due: '' }))).toContain('Choose a due date.');
  expect(textOf(await say('maturity', 'personal'))).toContain('due 31 March 2030 · No owner');

  card = await execute(change);
  expect(textOf(card)).toContain('Action changed: due 2030-06-30.');
  expect(textOf(card)).toContain('due 30 June 2030 · Member 2');
  expect(textOf(card)).not.toContain('No owner');
  const saved = (await bot.store.getTeamMaturity(TEAM))?.value;
  expect(saved?.actions.find((each) => each.id === actionId)).toMatchObject({
    title: 'Publish the open data register',
    theme: 'enabler:data',
    ownerUserId: MEMBERS[0],
    ownerName: 'Member 2',
    due: '2030-06-30',
    status: 'open',
  });

  // Saved again (a double press or a retry): the same one action, as the first save left it.
  await execute(change);
  expect((await bot.store.getTeamMaturity(TEAM))?.value.actions).toEqual(saved?.actions);

  // An owned action's owner changes the same way, and the lead view shows the new owner and date.
  const owned = await execute(edit.data);
  expect(inputValue(owned, 'owner')).toBe(MEMBERS[0]);
  card = await execute({ ...button(owned, 'Save changes').data, owner: MEMBERS[2], due: '2030-09-30' });
  expect(textOf(card)).toContain('due 30 September 2030 · Member 4');

  // Marked done, it can no longer be changed: a stale Edit or save says so and changes nothing.
  const done = buttonsIn(card).find((each) => each.title === 'Done' && each.data.actionId === actionId);
  card = await execute(done!.data);
  const before = (await bot.store.getTeamMaturity(TEAM))?.value.actions;
  for (const stale of [edit.data, change])
    expect(textOf(await execute(stale))).toContain('That action is no longer open; nothing was changed.');
  expect((await bot.store.getTeamMaturity(TEAM))?.value.actions).toEqual(before);
});

it('answers a forged or stale card with a clear notice and changes nothing', async () => {
  const before = await bot.store.listRoundAssessments(TEAM, ROUND);
  const forged = await execute({ action: 'maturityStep', op: 'next', step: 'enabler:nonsense', teamId: TEAM });
  expect(firstTextBlock(forged)).toBe("That button didn't work");
  const card = await say('self-assessment', 'personal', MEMBERS[2]);
  const stale = { ...button(card, 'Back').data, rev: 99 };
  expect(firstTextBlock(await execute(stale, MEMBERS[2]))).toBe('This card is out of date');
  expect(await bot.store.listRoundAssessments(TEAM, ROUND)).toEqual(before);
});
