// Personal actions continue in the personal chat (issue 28, fault 7), and costs anyone can trigger are
// bounded (fault 6). Through the real endpoint: "self-assessment" and "export progress" typed in a
// team's channel start there and then, for that team, in the person's personal chat, with the short
// notice left in the channel, as "check in" does; "export progress" repeated within a minute (by a lead
// or by anyone else) scans the installations once.
import { botAddedActivity, mentionActivity, messageActivity, TENANT_ID } from '../support/activities';
import { startBot, typedInSharedChat, type BotHarness } from '../support/botHarness';
import { firstTextBlock } from '../support/cardValidation';

const TEAM = '19:personal-actions-team@thread.tacv2';
const LEAD = '29:pa-lead';
const MEMBER = '29:pa-member';
const channelData = { tenant: { id: TENANT_ID }, team: { id: TEAM, name: 'Personal actions team' } };

let bot: BotHarness;
beforeAll(async () => {
  bot = await startBot();
  bot.connector.teams.set(TEAM, { name: 'Personal actions team', members: [LEAD, MEMBER] });
  await bot.ask({ ...botAddedActivity(bot.connector.url, 'channel'), channelData, from: { id: LEAD, name: 'Lead' } });
});
afterAll(async () => {
  await bot.close();
});

function inChannel(text: string, userId: string) {
  return typedInSharedChat(bot, { ...mentionActivity(bot.connector.url, text), channelData, from: { id: userId } });
}

it('starts a self-assessment typed in a channel in the personal chat at once, for that team', async () => {
  const { here, personal } = await inChannel('self-assessment', MEMBER);
  expect(here.map(firstTextBlock)).toEqual(['I’ve sent your self-assessment to our personal chat']);
  expect(JSON.stringify(here)).not.toContain('Input.ChoiceSet');
  expect(personal).toHaveLength(1);
  expect(firstTextBlock(personal[0])).toMatch(/^Self-assessment: /);
  expect(JSON.stringify(personal[0])).toContain(TEAM);
});

it("offers a lead the team's progress export in the personal chat when typed in the channel", async () => {
  const before = bot.connector.sent.length;
  const { here } = await inChannel('export progress', LEAD);
  expect(here.map(firstTextBlock)).toEqual(['I’ve sent your progress export to our personal chat']);
  const personal = bot.connector.sent
    .slice(before)
    .filter((sent) => sent.conversationId !== '19:channel-1@thread.tacv2');
  expect(JSON.stringify(personal)).toContain('Your progress export is ready');
});

it('tells a member who types it in the channel, privately, that exports are for leads', async () => {
  const { here, personal } = await inChannel('export progress', MEMBER);
  expect(JSON.stringify(here)).not.toContain('Only team leads can export progress');
  expect(personal.map(firstTextBlock)).toEqual(['Only team leads can export progress']);
});

it('scans the installations once for export progress repeated within a minute, by a lead or anyone else', async () => {
  const scans = jest.spyOn(bot.store, 'listInstallations');
  const exportAs = (userId: string) =>
    bot.ask({ ...messageActivity(bot.connector.url, 'export progress'), from: { id: userId } });
  try {
    for (const userId of [LEAD, MEMBER]) {
      const before = scans.mock.calls.length;
      await exportAs(userId);
      const once = scans.mock.calls.length;
      expect(once).toBeGreaterThan(before);
      // The repeats are answered from the first: no scan at all.
      await exportAs(userId);
      await exportAs(userId);
      expect(scans.mock.calls.length).toBe(once);
    }
  } finally {
    scans.mockRestore();
  }
});
