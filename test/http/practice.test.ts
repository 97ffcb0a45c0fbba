// Practice shared across the council, through the real HTTP endpoint with the Connector stand-in and
// the local store: a member offers a check-in's win, a lead of the team approves it from a card in
// their personal chat (a member, or another team's lead, is refused; a second press approves once),
// the author is told, topic cards count the organisation's examples, "practice" lists them (newest,
// by part, by words), declined and withdrawn ones are never listed, an admin removes one with a
// reason the author and leads are told, another tenant never sees any, and "my data" and "delete my
// data" cover them.
import {
  botAddedActivity,
  executeActivity,
  mentionActivity,
  messageActivity,
  submitActivity,
  TENANT_ID,
} from '../support/activities';
import { buttonsIn, buttonData } from '../support/cardButtons';
import { cardOf, press, startBot, typedInSharedChat, type BotHarness } from '../support/botHarness';
import { expectValidCard, firstTextBlock } from '../support/cardValidation';
import { savedCard } from '../../src/checkins/checkinCards';
import type { Mission } from '../../src/domain';
import { submitAnswers } from '../support/submitAnswers';

const TEAM = '19:planning-team@thread.tacv2';
const OTHER_TEAM = '19:housing-team@thread.tacv2';
const LEAD = '29:officer-1';
const MEMBER = '29:officer-2';
const COLLEAGUE = '29:officer-3';
const OTHER_LEAD = '29:officer-9';
const ADMIN = '29:admin-1';
const ADMIN_AAD = 'aaaaaaaa-0000-0000-0000-0000000000ad';
const OTHER_TENANT = '99999999-2222-3333-4444-555555555555';
const MISSION: Mission = 'digitally-enabled-councils';
const WIN = 'We put the parking permit form online, and it works for screen readers **now**';

let bot: BotHarness;

function who(userId: string, tenantId = TENANT_ID) {
  return {
    from: { id: userId, aadObjectId: userId === ADMIN ? ADMIN_AAD : `aad-${userId.slice(3)}`, name: 'Someone' },
    conversation: { id: `a:personal-${userId}`, conversationType: 'personal', tenantId },
    channelData: { tenant: { id: tenantId } },
  };
}

/** Presses a button in the person's personal chat; the card shown after it. */
async function pressAs(userId: string, data: Record<string, unknown>, tenantId = TENANT_ID) {
  return press(bot, data, 'personal', who(userId, tenantId));
}

async function say(userId: string, text: string, tenantId = TENANT_ID) {
  const replies = await bot.ask({ ...messageActivity(bot.connector.url, text), ...who(userId, tenantId) });
  expect(replies).toHaveLength(1);
  const card = cardOf(replies[0]);
  expectValidCard(card);
  return card;
}

/** Cards the bot sent to a person's personal chat since `since` (an index into sent); in-place updates are not among them. */
function notesTo(userId: string, since: number) {
  return bot.connector.sent
    .slice(since)
    .filter((sent) => sent.conversationId === `a:personal-${userId}`)
    .map((sent) => cardOf(sent.activity));
}

const button = buttonData;

function text(card: unknown): string {
  return JSON.stringify(card);
}

async function checkIn(userId: string, week: string, win: string | undefined, teamId = TEAM) {
  await submitAnswers(bot.store, {
    teamId,
    userId,
    mission: MISSION,
    week,
    retentionDays: 30,
    answers: { progress: 4, outcomes: ['outcome:inclusion'], enabler: null, principles: [], ...(win ? { win } : {}) },
  });
  return { action: 'practiceOffer', teamId, mission: MISSION, week };
}

/** Offers the win of a check-in: the form, then its button with the inputs given. */
async function offer(userId: string, week: string, inputs: Record<string, string>, teamId = TEAM) {
  const form = (await pressAs(userId, await checkIn(userId, week, WIN, teamId))).card;
  expect(firstTextBlock(form)).toBe('Share this win with the council');
  return pressAs(userId, { ...button(form, 'Share with the council'), ...inputs });
}

async function exampleIdOf(userId: string): Promise<string> {
  const [latest] = await bot.store.practice.listAuthorExamples(TENANT_ID, userId);
  return latest!.id;
}

beforeAll(async () => {
  bot = await startBot({ ADMIN_OBJECT_IDS: ADMIN_AAD });
  bot.connector.teams.set(TEAM, {
    name: 'Planning team',
    members: [LEAD, MEMBER, COLLEAGUE],
    names: { [MEMBER]: 'Sam Jones' },
  });
  bot.connector.teams.set(OTHER_TEAM, { name: 'Housing team', members: [OTHER_LEAD] });
  for (const [teamId, name, installer] of [
    [TEAM, 'Planning team', LEAD],
    [OTHER_TEAM, 'Housing team', OTHER_LEAD],
  ] as const)
    await bot.ask({
      ...botAddedActivity(bot.connector.url, 'channel'),
      from: { id: installer, name: 'Installer' },
      conversation: { id: teamId, conversationType: 'channel', tenantId: TENANT_ID },
      channelData: { tenant: { id: TENANT_ID }, team: { id: teamId, name } },
    });
});
afterAll(async () => {
  await bot.close();
});

it('offers "Share this win with the council" on a saved check-in with a win, carrying only its key', () => {
  const target = { teamId: TEAM, mission: MISSION, week: '2026-W48', owner: 'x' };
  const answers = { progress: 4 as const, outcomes: [], enabler: null, principles: [] };
  const withWin = savedCard(target, { ...answers, win: 'A win' }, 'update');
  expect(button(withWin.card, 'Share this win with the council')).toEqual({
    action: 'practiceOffer',
    teamId: TEAM,
    mission: MISSION,
    week: '2026-W48',
  });
  expect(text(savedCard(target, answers, 'update').card)).not.toContain('Share this win');
});

it('a member offers a win, a lead approves it once from their personal chat, and the author is told', async () => {
  const form = (await pressAs(MEMBER, await checkIn(MEMBER, '2026-W45', WIN))).card;
  // The win as stored (never the card's text), and parts suggested from the check-in's outcomes.
  expect(JSON.stringify(form)).toContain(JSON.stringify(WIN));
  expect(text(form)).toContain('"value":"outcome:inclusion');

  const before = bot.connector.sent.length;
  const offered = await pressAs(MEMBER, {
    ...button(form, 'Share with the council'),
    text: `  ${WIN}  `,
    parts: 'outcome:inclusion,outcome:data',
    showName: 'true',
  });
  expect(firstTextBlock(offered.card)).toBe('Your win is offered to your team’s leads');
  const review = notesTo(LEAD, before);
  expect(review).toHaveLength(1);
  expect(firstTextBlock(review[0])).toBe('A win to share with the council');
  // Nobody else was sent anything, and nothing is shown to the organisation yet.
  expect(notesTo(COLLEAGUE, before)).toHaveLength(0);
  expect(text(await say(COLLEAGUE, 'practice'))).not.toContain('parking permit');

  // The same offer again (a double press, a resend): offered once, the lead not asked twice.
  const again = await pressAs(MEMBER, { ...button(form, 'Share with the council'), text: WIN, parts: 'outcome:data' });
  expect(text(again.card)).toContain('You offered this win already');
  expect(notesTo(LEAD, before)).toHaveLength(1);

  // A member of the team, and another team's lead, cannot approve it.
  const approve = { ...button(review[0], 'Approve'), parts: 'outcome:inclusion,outcome:data' };
  for (const refused of [COLLEAGUE, OTHER_LEAD]) {
    const pressed = await pressAs(refused, approve);
    expect(text(pressed.card)).toContain('Only the team’s leads decide');
  }
  expect((await bot.store.practice.listAuthorExamples(TENANT_ID, MEMBER))[0]?.status).toBe('offered');

  const sinceApproval = bot.connector.sent.length;
  const approved = await pressAs(LEAD, approve);
  expect(firstTextBlock(approved.card)).toBe('Shared in your organisation');
  expect(text(approved.card)).toContain('You approved it');
  const told = notesTo(MEMBER, sinceApproval);
  expect(told).toHaveLength(1);
  expect(text(told[0])).toContain('A lead of your team approved your win');

  // A second press approves once: nothing changes, nobody is told again.
  const twice = await pressAs(LEAD, approve);
  expect(text(twice.card)).toContain('It was approved already');
  expect(notesTo(MEMBER, sinceApproval)).toHaveLength(1);
});

it('counts the organisation’s examples on topic cards, with See examples', async () => {
  const topic = await say(COLLEAGUE, 'what does the inclusion outcome mean');
  expect(text(topic)).toContain('Shared in your organisation: 1 example');
  // The topic card's buttons are Action.Submit, as its others are: pressed, Teams sends a message with their data.
  const seeExamples = JSON.stringify(topic).match(/"title":"See examples","data":(\{[^}]*\})/)?.[1];
  expect(JSON.parse(seeExamples ?? '{}')).toEqual({ action: 'practiceList', part: 'outcome:inclusion' });
  const [sent] = await bot.ask({
    ...submitActivity(bot.connector.url, JSON.parse(seeExamples!)),
    ...who(COLLEAGUE),
  });
  const examples = cardOf(sent);
  expect(text(examples)).toContain('parking permit form online');
  // The text is shown as typed: its Markdown is escaped, never formatting.
  expect(text(examples)).toContain('\\\\*\\\\*now\\\\*\\\\*');
  expect(text(examples)).toContain('Sam Jones');
  expect(text(await say(COLLEAGUE, 'what does the connectivity outcome mean'))).not.toContain('Shared in your');
});

it('lists examples three ways: the newest, one part by name or alias, and a search of their text', async () => {
  expect(text(await say(COLLEAGUE, 'practice'))).toContain('parking permit form online');
  expect(text(await say(COLLEAGUE, 'practice on inclusion'))).toContain('parking permit form online');
  expect(text(await say(COLLEAGUE, 'examples of data'))).toContain('parking permit form online');
  const none = await say(COLLEAGUE, 'practice on connectivity');
  expect(text(none)).toContain('None yet');
  expect(text(await say(COLLEAGUE, 'practice about online forms'))).toContain('parking permit form online');
  expect(text(await say(COLLEAGUE, 'practice about bin collections'))).not.toContain('parking permit');
  expect(text(await say(COLLEAGUE, 'practice on the weather'))).toContain('Which part of the framework?');
});

it('the message extension returns the organisation’s matching examples beside topics, to share into a chat', async () => {
  const search = async (query: string, tenantId: string) => {
    const { text: _text, textFormat: _format, ...base } = messageActivity(bot.connector.url, '', 'channel');
    const response = await bot.post({
      ...base,
      from: { id: COLLEAGUE, name: 'Someone' },
      conversation: { id: '19:any-chat@thread.v2', conversationType: 'groupChat', tenantId },
      channelData: { tenant: { id: tenantId } },
      type: 'invoke',
      name: 'composeExtension/query',
      value: {
        commandId: 'searchTopics',
        parameters: [{ name: 'query', value: query }],
        queryOptions: { skip: 0, count: 25 },
      },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      composeExtension: { attachments?: Array<{ content: unknown; preview: { content: { title: string } } }> };
    };
    return body.composeExtension.attachments ?? [];
  };
  const found = await search('inclusion online forms', TENANT_ID);
  const titles = found.map((each) => each.preview.content.title);
  expect(titles).toContain('Inclusion');
  expect(titles).toContain('Shared practice: Planning team');
  const inserted = found.find((each) => each.preview.content.title === 'Shared practice: Planning team')!.content;
  expectValidCard(inserted);
  expect(text(inserted)).toContain('parking permit form online');
  // Nothing in it needs the bot in the chat it is shared into.
  expect(buttonsIn(inserted)).toEqual([]);
  const elsewhere = await search('inclusion online forms', OTHER_TENANT);
  expect(elsewhere.map((each) => each.preview.content.title)).not.toContain('Shared practice: Planning team');
});

it('in a channel, the count shows to everyone and the list goes to the asker’s personal chat', async () => {
  const channelData = { tenant: { id: TENANT_ID }, team: { id: TEAM, name: 'Planning team' } };
  const asked = {
    ...mentionActivity(bot.connector.url, 'practice'),
    from: { id: COLLEAGUE, name: 'Someone' },
    channelData,
  };
  const { here, personal } = await typedInSharedChat(bot, asked);
  expect(text(here)).not.toContain('parking permit');
  expect(text(personal)).toContain('parking permit form online');
  const topic = {
    ...mentionActivity(bot.connector.url, 'what does the inclusion outcome mean'),
    from: { id: COLLEAGUE, name: 'Someone' },
    channelData,
  };
  expect(text((await typedInSharedChat(bot, topic)).here)).toContain('Shared in your organisation: 1 example');
});

it('never shows one organisation’s examples to another', async () => {
  const outsider = '29:elsewhere-1';
  expect(text(await say(outsider, 'what does the inclusion outcome mean', OTHER_TENANT))).not.toContain(
    'Shared in your organisation',
  );
  expect(text(await say(outsider, 'practice', OTHER_TENANT))).not.toContain('parking permit');
  // Nor can its people act on it: the example is looked for in their own organisation only.
  const withdrawn = await pressAs(
    outsider,
    { action: 'practiceWithdraw', exampleId: await exampleIdOf(MEMBER) },
    OTHER_TENANT,
  );
  expect(text(withdrawn.card)).toContain('no longer shared');
  expect(await bot.store.practice.countExamples(TENANT_ID, 'outcome:inclusion')).toBe(1);
});

it('a lead declines with a reason the author sees, and a declined example is never listed', async () => {
  const before = bot.connector.sent.length;
  await offer(MEMBER, '2026-W46', {
    text: 'Our bin collection chatbot',
    parts: 'outcome:connectivity',
    showName: 'false',
  });
  const [review] = notesTo(LEAD, before);
  const declined = await pressAs(LEAD, { ...button(review, 'Decline'), reason: 'Not **yet** shared widely' });
  expect(firstTextBlock(declined.card)).toBe('Declined by a lead of the team');
  const told = notesTo(MEMBER, before).at(-1);
  expect(text(told)).toContain('declined your win');
  expect(text(told)).toContain('Not \\\\*\\\\*yet\\\\*\\\\* shared widely');
  expect(text(await say(COLLEAGUE, 'practice on connectivity'))).not.toContain('chatbot');
});

it('the author withdraws an example, and it is gone from every list and count', async () => {
  const before = bot.connector.sent.length;
  await offer(COLLEAGUE, '2026-W46', {
    text: 'Housing repairs reported online',
    parts: 'enabler:data',
    showName: 'false',
  });
  await pressAs(LEAD, { ...button(notesTo(LEAD, before)[0], 'Approve') });
  expect(text(await say(MEMBER, 'practice'))).toContain('Housing repairs');

  const list = await say(COLLEAGUE, 'practice');
  const withdrawn = await pressAs(COLLEAGUE, button(list, 'Withdraw'));
  expect(firstTextBlock(withdrawn.card)).toBe('Example withdrawn');
  expect(text(await say(MEMBER, 'practice'))).not.toContain('Housing repairs');
  expect(await bot.store.practice.countExamples(TENANT_ID, 'enabler:data')).toBe(0);
});

it('a lead of the team withdraws an example from their card, and the author is told; a member cannot', async () => {
  const before = bot.connector.sent.length;
  await offer(COLLEAGUE, '2026-W42', {
    text: 'Library bookings by text message',
    parts: 'outcome:services',
    showName: 'false',
  });
  const approved = await pressAs(LEAD, { ...button(notesTo(LEAD, before).at(-1), 'Approve') });
  expect(text(await say(MEMBER, 'practice on services'))).toContain('Library bookings');
  const refused = await pressAs(MEMBER, button(approved.card, 'Withdraw'));
  expect(text(refused.card)).toContain('Only the author or a lead');
  const since = bot.connector.sent.length;
  const withdrawn = await pressAs(LEAD, button(approved.card, 'Withdraw'));
  expect(firstTextBlock(withdrawn.card)).toBe('Example withdrawn');
  expect(text(notesTo(COLLEAGUE, since))).toContain('A lead of your team withdrew it');
  expect(text(await say(MEMBER, 'practice on services'))).not.toContain('Library bookings');
});

it('an admin removes any example with a reason, and its author and the team’s leads are told why', async () => {
  const before = bot.connector.sent.length;
  await offer(COLLEAGUE, '2026-W44', {
    text: 'Council tax direct debit online',
    parts: 'outcome:data',
    showName: 'false',
  });
  await pressAs(LEAD, { ...button(notesTo(LEAD, before)[0], 'Approve') });

  // Members see no Remove button, and pressing one anyway is refused.
  expect(buttonsIn(await say(MEMBER, 'practice')).map((each) => each.title)).not.toContain('Remove…');
  const exampleId = await exampleIdOf(COLLEAGUE);
  expect(text((await pressAs(MEMBER, { action: 'practiceRemove', exampleId, reason: 'x' })).card)).toContain(
    'Only admins remove examples',
  );

  const form = (await pressAs(ADMIN, button(await say(ADMIN, 'practice about council tax'), 'Remove…'))).card;
  expect(firstTextBlock(form)).toBe('Remove this example');
  expect(text((await pressAs(ADMIN, button(form, 'Remove'))).card)).toContain('Give a reason');
  const since = bot.connector.sent.length;
  const removed = await pressAs(ADMIN, { ...button(form, 'Remove'), reason: 'It names a resident' });
  expect(firstTextBlock(removed.card)).toBe('Example removed');
  for (const told of [COLLEAGUE, LEAD]) expect(text(notesTo(told, since))).toContain('It names a resident');
  expect(text(await say(MEMBER, 'practice'))).not.toContain('Council tax');
});

it('a lead’s own offer still needs a lead’s press, and their own is allowed', async () => {
  const before = bot.connector.sent.length;
  const offered = await offer(
    OTHER_LEAD,
    '2026-W45',
    { text: 'Tenancy sign-ups by video call', parts: 'principle:inclusive', showName: 'false' },
    OTHER_TEAM,
  );
  expect(firstTextBlock(offered.card)).toBe('Your win is offered to your team’s leads');
  expect(text(await say(COLLEAGUE, 'practice'))).not.toContain('by video call');
  const review = notesTo(OTHER_LEAD, before).find((card) => firstTextBlock(card) === 'A win to share with the council');
  const approved = await pressAs(OTHER_LEAD, button(review, 'Approve'));
  expect(firstTextBlock(approved.card)).toBe('Shared in your organisation');
  expect(text(await say(COLLEAGUE, 'practice'))).toContain('by video call');
});

it('pages a long list five at a time with More examples', async () => {
  for (let n = 1; n <= 6; n++)
    await bot.store.practice.offerExample({
      id: String(n).padStart(32, 'e'),
      tenantId: TENANT_ID,
      teamId: OTHER_TEAM,
      teamName: 'Housing team',
      authorId: OTHER_LEAD,
      text: `Partnership win number ${n}`,
      parts: ['outcome:partnership'],
      status: 'approved',
      source: { mission: MISSION, week: '2026-W30' },
      offeredAt: new Date(Date.UTC(2026, 10, 1, 9, n)).toISOString(),
      decidedAt: new Date(Date.UTC(2026, 10, 1, 10, n)).toISOString(),
    });
  const first = await say(COLLEAGUE, 'practice on partnership');
  for (const n of [6, 5, 4, 3, 2]) expect(text(first)).toContain(`Partnership win number ${n}`);
  expect(text(first)).not.toContain('Partnership win number 1');
  const second = (await pressAs(COLLEAGUE, button(first, 'More examples'))).card;
  expect(text(second)).toContain('Partnership win number 1');
  expect(text(second)).not.toContain('Partnership win number 2');
  expect(buttonsIn(second).map((each) => each.title)).not.toContain('More examples');
  // A page token from an edited card is refused plainly, not answered with an apology.
  const forged = await pressAs(COLLEAGUE, { action: 'practiceList', part: 'outcome:partnership', token: 'forged' });
  expect(text(forged.card)).toContain('That button didn’t work');
});

it('pages a text search five at a time too, closest first, and refuses a page token that is not a count', async () => {
  for (let n = 1; n <= 7; n++)
    await bot.store.practice.offerExample({
      id: String(n).padStart(32, 'b'),
      tenantId: TENANT_ID,
      teamId: OTHER_TEAM,
      teamName: 'Housing team',
      authorId: OTHER_LEAD,
      text: `Bilingual signage trial ${n}`,
      parts: ['outcome:partnership'],
      status: 'approved',
      source: { mission: MISSION, week: '2026-W31' },
      offeredAt: new Date(Date.UTC(2026, 10, 2, 9, n)).toISOString(),
      decidedAt: new Date(Date.UTC(2026, 10, 2, 10, n)).toISOString(),
    });
  const first = await say(COLLEAGUE, 'practice about bilingual signage');
  const shown = (card: unknown) =>
    [1, 2, 3, 4, 5, 6, 7].filter((n) => text(card).includes(`Bilingual signage trial ${n}`));
  expect(shown(first)).toHaveLength(5);
  const second = (await pressAs(COLLEAGUE, button(first, 'More examples'))).card;
  expect(shown(second)).toHaveLength(2);
  // The two pages together show each of the seven once.
  expect([...shown(first), ...shown(second)].sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  expect(buttonsIn(second).map((each) => each.title)).not.toContain('More examples');
  for (const token of ['forged', '-5', '2.5', '100000'])
    expect(text((await pressAs(COLLEAGUE, { action: 'practiceList', query: 'bilingual', token })).card)).toContain(
      'That button didn’t work',
    );
});

it('offers once when the share button is pressed twice at the same moment', async () => {
  const form = (await pressAs(COLLEAGUE, await checkIn(COLLEAGUE, '2026-W43', WIN))).card;
  const before = bot.connector.sent.length;
  const share = { ...button(form, 'Share with the council'), text: 'Two presses, one win', parts: 'outcome:value' };
  const presses = await Promise.all([pressAs(COLLEAGUE, share), pressAs(COLLEAGUE, share)]);
  expect(presses.map((each) => firstTextBlock(each.card)).sort()).toEqual([
    'Waiting for a lead of the team',
    'Your win is offered to your team’s leads',
  ]);
  const mine = await bot.store.practice.listAuthorExamples(TENANT_ID, COLLEAGUE);
  expect(mine.filter((each) => each.text === 'Two presses, one win')).toHaveLength(1);
  expect(notesTo(LEAD, before)).toHaveLength(1);
});

it('allows at most ten offers a person a day', async () => {
  const busy = LEAD;
  for (let day = 1; day <= 10; day++)
    await bot.store.practice.offerExample({
      id: String(day).padStart(32, 'f'),
      tenantId: TENANT_ID,
      teamId: TEAM,
      teamName: 'Planning team',
      authorId: busy,
      text: `Win ${day}`,
      parts: ['outcome:data'],
      status: 'offered',
      source: { mission: MISSION, week: '2026-W40' },
      offeredAt: new Date().toISOString(),
    });
  const refused = await offer(busy, '2026-W47', { text: 'One more', parts: 'outcome:data', showName: 'false' });
  expect(text(refused.card)).toContain('That is enough sharing for today');
});

it('"my data" lists the examples a person offered, and "delete my data" deletes them', async () => {
  expect(text(await say(MEMBER, 'my data'))).toContain('Wins you shared with your organisation (2)');
  const confirm = await say(MEMBER, 'delete my data');
  expect(text(confirm)).toContain('2 wins you offered to your organisation');
  const response = await bot.post({
    ...executeActivity(bot.connector.url, button(confirm, 'Yes, delete my data')),
    ...who(MEMBER),
  });
  expect(response.status).toBe(200);
  expect(await bot.store.practice.listPersonExamples(MEMBER)).toEqual([]);
  expect(await bot.store.practice.countExamples(TENANT_ID, 'outcome:inclusion')).toBe(0);
});
