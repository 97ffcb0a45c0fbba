// A team renamed to a link (issue 28, fault 3). Through the real endpoint, with the team's name as
// Teams sends it in the channel's data and in its roster: the maturity card everyone sees in the
// channel, the lead view, and the "away" confirmation's list of teams show the name as text, never
// as a working link. Checked as Teams' Markdown would draw it (markdown-it, links detected).
import MarkdownIt from 'markdown-it';
import { botAddedActivity, mentionActivity, messageActivity, TENANT_ID } from '../support/activities';
import { startBot, typedInSharedChat, type BotHarness } from '../support/botHarness';

const TEAM = '19:renamed-team@thread.tacv2';
const LEAD = '29:renamed-lead';
const NAME = '[Sign in again](https://evil.example/login)';
const channelData = { tenant: { id: TENANT_ID }, team: { id: TEAM, name: NAME } };
const markdown = new MarkdownIt({ linkify: true });

type Json = Record<string, unknown>;
let bot: BotHarness;

beforeAll(async () => {
  bot = await startBot();
  bot.connector.teams.set(TEAM, { name: NAME, members: [LEAD, '29:renamed-member'] });
  await bot.ask({ ...botAddedActivity(bot.connector.url, 'channel'), channelData, from: { id: LEAD, name: 'Lead' } });
});
afterAll(async () => {
  await bot.close();
});

/** Each TextBlock and fact as Teams' Markdown draws it. */
function drawn(card: unknown, found: string[] = []): string[] {
  if (Array.isArray(card)) card.forEach((each) => drawn(each, found));
  else if (typeof card === 'object' && card !== null) {
    const element = card as Json;
    if (element.type === 'TextBlock' && typeof element.text === 'string') found.push(markdown.render(element.text));
    if (element.type === 'FactSet' && Array.isArray(element.facts))
      for (const fact of element.facts as Json[]) found.push(markdown.render(String(fact.value ?? '')));
    Object.values(element).forEach((each) => drawn(each, found));
  }
  return found;
}

function expectNameAsText(card: unknown): void {
  const html = drawn(card).join('\n');
  expect(html).toContain('Sign in again');
  expect(html).not.toMatch(/<a\b/);
}

it("shows a team name that is a link as text on everyone's maturity card and on the lead view", async () => {
  const { here, personal } = await typedInSharedChat(bot, {
    ...mentionActivity(bot.connector.url, 'maturity'),
    channelData,
    from: { id: LEAD },
  });
  const everyones = here.find((card) => JSON.stringify(card).includes('Digital maturity: '));
  const leadView = personal.find((card) => JSON.stringify(card).includes('Digital maturity, lead view'));
  expect(everyones).toBeDefined();
  expect(leadView).toBeDefined();
  expectNameAsText(everyones);
  expectNameAsText(leadView);
});

it("shows the team's name as text in the away confirmation's list of teams", async () => {
  // The person is seen in the team's channel first, so the personal chat knows their team by name.
  await bot.ask({ ...mentionActivity(bot.connector.url, 'help'), channelData, from: { id: LEAD, name: 'Lead' } });
  const replies = await bot.ask({ ...messageActivity(bot.connector.url, 'away until 2 January'), from: { id: LEAD } });
  const card = (replies[0]?.attachments as Array<{ content: Json }> | undefined)?.[0]?.content;
  expect(JSON.stringify(card)).toContain('away until');
  expectNameAsText(card);
});
