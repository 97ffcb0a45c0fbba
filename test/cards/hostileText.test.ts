// User text is text: a win, a blocker, a display name or a team name full of Markdown, addresses,
// control and bidi characters reaches every card it appears on as plain text. Through the real
// endpoint: the team's name and people's names come from Teams (the channel's data and the roster),
// the words from a check-in. Each card's TextBlocks and facts are rendered as Teams' Markdown would
// be (markdown-it with links detected) and nothing may come out as a link or formatting.
import MarkdownIt from 'markdown-it';
import { botAddedActivity, executeActivity, mentionActivity, messageActivity, TENANT_ID } from '../support/activities';
import { buttonData } from '../support/cardButtons';
import { cardOf, startBot, type BotHarness } from '../support/botHarness';
import { expectValidCard, markdownTexts } from '../support/cardValidation';
import { cleanText, plainText } from '../../src/cards/plainText';
import { currentWeek, DEFAULT_TIME_ZONE } from '../../src/calendar/weeks';

const TEAM = '19:hostile-team@thread.tacv2';
const LEAD = '29:officer-1';
const MEMBER = '29:officer-2';
const HOSTILE =
  '[Re-authenticate here](https://evil.example/login) **urgent** _now_ ~~gone~~ `code` <b>bold</b> &amp; ' +
  'https://evil.example/x www.evil.com evil.com ![img](https://evil.example/i.png)\n# Heading\n- item\n* item\n1. one\n> quote\n---\n' +
  '\u0000\u0007\u001b[31m\u202eevil\u202c\u2066iso\u2069\u0085\u009b';
const HOSTILE_NAME = HOSTILE.replace(/\n/g, ' ');
/** What must still be readable on the card: the words themselves. */
const WORDS = ['Re-authenticate here', 'urgent', 'Heading'];
const CONTROL_OR_BIDI = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

const markdown = new MarkdownIt({ linkify: true });
const FORMATTING = /<(a|strong|em|s|del|code|h[1-6]|li|ol|ul|blockquote|img|hr)\b/;

type Json = Record<string, unknown>;

/** No link, no formatting, no control or bidi character; and the hostile words shown as text where they appear. */
function expectPlain(card: Json, where: string): void {
  expectValidCard(card);
  expect({ where, control: CONTROL_OR_BIDI.test(JSON.stringify(card)) }).toEqual({ where, control: false });
  for (const text of markdownTexts(card)) {
    const html = markdown.render(text);
    expect({ where, text, html: FORMATTING.test(html) ? html : 'plain' }).toEqual({ where, text, html: 'plain' });
  }
}

const shows = (card: Json) =>
  markdownTexts(card)
    .map((text) => markdown.renderInline(text))
    .join('\n');

let bot: BotHarness;
const channelData = { tenant: { id: TENANT_ID }, team: { id: TEAM, name: HOSTILE_NAME } };

async function execute(data: Json, from: string, kind: 'personal' | 'channel' = 'channel'): Promise<Json> {
  const activity = {
    ...executeActivity(bot.connector.url, data, kind),
    from: { id: from, name: HOSTILE_NAME },
    ...(kind === 'channel' ? { channelData } : {}),
  };
  const sentBefore = bot.connector.sent.length;
  const response = await bot.post(activity);
  expect(response.status).toBe(200);
  const value = ((await response.json()) as { value: unknown }).value;
  const personal = sentToPersonalChat(from, sentBefore);
  if (personal) return personal;
  return typeof value === 'object' && value !== null
    ? (value as Json)
    : cardOf(bot.connector.sent.filter((sent) => sent.replyToId === activity.id).at(-1)?.activity);
}

/**
 * The last card sent to the person's personal chat since `since`: what a channel's command or press
 * gives when the answer is personal or for leads (private by design), so its text is checked there.
 */
function sentToPersonalChat(from: string, since: number): Json | undefined {
  const sent = bot.connector.sent
    .slice(since)
    .filter((each) => each.conversationId === `a:personal-${from}`)
    .at(-1);
  return sent ? cardOf(sent.activity) : undefined;
}

async function say(text: string, from: string, kind: 'personal' | 'channel'): Promise<Json> {
  const base = kind === 'channel' ? mentionActivity(bot.connector.url, text) : messageActivity(bot.connector.url, text);
  const sentBefore = bot.connector.sent.length;
  const replies = await bot.ask({
    ...base,
    from: { id: from, name: HOSTILE_NAME },
    ...(kind === 'channel' ? { channelData } : {}),
  });
  return sentToPersonalChat(from, sentBefore) ?? cardOf(replies.at(-1));
}

const press = buttonData;

/** A whole check-in in the channel with the hostile words as win and blocker; every card on the way is checked. */
async function checkIn(from: string, cards: Array<[string, Json]>): Promise<void> {
  const chooser = await say('check in', from, 'channel');
  cards.push(['choose a mission', chooser]);
  let card = await execute(press(chooser, 'Start'), from);
  card = await execute({ ...press(card, 'Next'), progress: '4' }, from);
  card = await execute({ ...press(card, 'Next'), outcomes: 'outcome:data' }, from);
  card = await execute({ ...press(card, 'Next'), enabler: 'enabler:capabilities' }, from);
  card = await execute({ ...press(card, 'Next'), principles: 'principle:inclusive' }, from);
  card = await execute({ ...press(card, 'Next'), win: HOSTILE, blocker: `Blocked: ${HOSTILE}` }, from);
  cards.push(['check-in summary', card]);
  cards.push(['check-in saved', await execute(press(card, 'Submit'), from)]);
}

beforeAll(async () => {
  bot = await startBot({ MIN_RESPONSES: '2' });
  bot.connector.teams.set(TEAM, {
    name: HOSTILE_NAME,
    members: [LEAD, MEMBER],
    names: { [LEAD]: HOSTILE_NAME, [MEMBER]: `${HOSTILE_NAME} two` },
  });
  await bot.ask({ ...botAddedActivity(bot.connector.url, 'channel'), channelData });
});
afterAll(async () => {
  await bot.close();
});

it('shows hostile words, display names and team names on every card as plain text', async () => {
  const cards: Array<[string, Json]> = [];
  await checkIn(LEAD, cards);
  await checkIn(MEMBER, cards);
  const overview = await say('progress', LEAD, 'channel');
  cards.push(['progress overview', overview]);
  cards.push(['settings', await say('settings', LEAD, 'channel')]);
  cards.push(['my check-ins in the channel', await say('my check-ins', LEAD, 'channel')]);
  cards.push(['my check-ins in a personal chat', await say('my check-ins', LEAD, 'personal')]);
  cards.push(['check in from a personal chat', await say('check in', LEAD, 'personal')]);
  cards.push(['my data', await say('my data', LEAD, 'personal')]);
  const roster = await execute({ action: 'progressLeads', op: 'open', teamId: TEAM }, LEAD);
  cards.push(['lead roster', roster]);
  const added = await execute({ action: 'progressLeads', op: 'add', teamId: TEAM, leadUserId: MEMBER }, LEAD);
  cards.push(['lead added', added]);
  cards.push([
    'lead removed',
    await execute({ action: 'progressLeads', op: 'remove', teamId: TEAM, userId: MEMBER }, LEAD),
  ]);

  for (const [where, card] of cards) expectPlain(card, where);
  // The words are there to read, as typed, where people's words and names are shown.
  for (const [where, card] of [
    ['check-in summary', cards.find(([name]) => name === 'check-in summary')?.[1]],
    ['progress overview', overview],
    ['lead roster', roster],
    ['lead added', added],
  ] as const)
    for (const word of WORDS.slice(0, where === 'progress overview' || where === 'check-in summary' ? 3 : 2))
      expect({ where, word, shown: shows(card as Json).includes(word) }).toEqual({ where, word, shown: true });
  // The team name, from the channel's data and from Teams' team details.
  expect(shows(cards.find(([name]) => name === 'settings')?.[1] as Json)).toContain('Re-authenticate here');
  expect(shows(cards.find(([name]) => name === 'check in from a personal chat')?.[1] as Json)).toContain(
    'Re-authenticate',
  );
});

it('stores the words themselves, without anything that could hide or reorder text', async () => {
  const stored = await bot.store.listTeamCheckIns(TEAM, currentWeek(new Date(), DEFAULT_TIME_ZONE));
  expect(stored).toHaveLength(2);
  for (const record of stored) {
    expect(CONTROL_OR_BIDI.test(JSON.stringify(record.answers))).toBe(false);
    expect(record.answers.win).toContain('[Re-authenticate here](https://evil.example/login) **urgent**');
    expect(record.answers.win).toContain('eviliso');
  }
});

describe('plainText and cleanText', () => {
  it.each([
    ['a link', '[x](https://evil.example)'],
    ['an image', '![x](https://evil.example/i.png)'],
    ['emphasis', '**a** __b__ *c* _d_ ~~e~~'],
    ['a heading', '# Heading'],
    ['a setext heading', 'Heading\n======='],
    ['lists', '- a\n+ b\n* c\n1. d\n2) e'],
    ['a quote', '> quoted'],
    ['code', '`code`\n\n    indented'],
    ['a bare address', 'https://evil.example/login and www.evil.com and evil.com'],
    ['an email address', 'someone@evil.com'],
    ['html and entities', '<b>x</b> &amp; &#x41;'],
    ['a reference link', '[x][1]\n\n[1]: https://evil.example'],
  ])('leaves no formatting in %s', (_label, text) => {
    const html = markdown.render(plainText(text));
    expect(html).not.toMatch(FORMATTING);
    // What is shown is what was typed (as HTML text).
    expect(markdown.renderInline(plainText(text)).replace(/\u00a0/g, ' ')).toBe(
      markdown.utils.escapeHtml(cleanText(text, { multiline: true })),
    );
  });

  it('removes control and bidi characters, keeping newlines and tabs only where a field has lines', () => {
    const text = 'a\u0000b\u0007c\u001b\u007fd\u0085\u009be\u202ef\u202cg\u2066h\u2069i\u200ej\u061ck\ud800l\r\nm\tn';
    expect(cleanText(text, { multiline: true })).toBe('abcdefghijkl\nm\tn');
    expect(cleanText(text)).toBe('abcdefghijkl m n');
    expect(cleanText('  Planning 😀 team  ')).toBe('Planning 😀 team');
  });
});
