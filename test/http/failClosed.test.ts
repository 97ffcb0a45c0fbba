// Fail closed (issue 28, fault 5): a conversation whose kind is missing, unknown or inconsistent is
// treated as shared, so private by design holds. Through the real endpoint: "my data" typed there
// leaves only the short notice in that conversation, and the person's data goes to their personal chat.
// And a person is a team member only if the team's roster says so: in a shared channel, people from
// outside the team are in the conversation too.
import { botAddedActivity, mentionActivity, messageActivity, TENANT_ID } from '../support/activities';
import { startBot, typedInSharedChat, type BotHarness } from '../support/botHarness';

let bot: BotHarness;
beforeAll(async () => {
  bot = await startBot();
});
afterAll(async () => {
  await bot.close();
});

const MY_DATA_TITLE = 'What Framework Guide keeps about you';

function texts(card: unknown): string {
  return JSON.stringify(card);
}

const cases: Array<[string, (activity: ReturnType<typeof messageActivity>) => Record<string, unknown>]> = [
  [
    'no conversation type',
    (activity) => ({ ...activity, conversation: { id: activity.conversation.id, tenantId: TENANT_ID } }),
  ],
  [
    'an unknown conversation type',
    (activity) => ({ ...activity, conversation: { ...activity.conversation, conversationType: 'meeting-ish' } }),
  ],
  [
    '"personal" with a team in its channel data',
    (activity) => ({
      ...activity,
      conversation: { ...activity.conversation, conversationType: 'personal' },
      channelData: { tenant: { id: TENANT_ID }, team: { id: '19:some-team@thread.tacv2', name: 'Some team' } },
    }),
  ],
  [
    '"personal" marked as a group',
    (activity) => ({
      ...activity,
      conversation: { ...activity.conversation, conversationType: 'personal', isGroup: true },
    }),
  ],
];

it.each(cases)('a conversation with %s is shared: personal replies go to the personal chat', async (_name, shape) => {
  const typed = messageActivity(bot.connector.url, 'my data', 'groupChat');
  const activity = shape({ ...typed, conversation: { ...typed.conversation, id: `19:odd-${typed.id}@thread.v2` } });
  const { here, personal } = await typedInSharedChat(bot, activity as Parameters<typeof typedInSharedChat>[1]);
  expect(here.length).toBeGreaterThan(0);
  for (const card of here) expect(texts(card)).not.toContain(MY_DATA_TITLE);
  expect(here.map(texts).join()).toContain('to our personal chat');
  expect(personal.length).toBeGreaterThan(0);
});

it('a conversation that says it is personal, and nothing else, stays personal', async () => {
  const activity = messageActivity(bot.connector.url, 'my data', 'personal');
  const replies = await bot.ask(activity);
  expect(replies.some((reply) => texts(reply).includes(MY_DATA_TITLE))).toBe(true);
});

describe('membership comes from the roster, not from being in the conversation', () => {
  const TEAM = '19:shared-channel-team@thread.tacv2';
  const channelData = { tenant: { id: TENANT_ID }, team: { id: TEAM, name: 'Shared channel team' } };
  const maturityAs = (userId: string) =>
    typedInSharedChat(bot, { ...mentionActivity(bot.connector.url, 'maturity'), channelData, from: { id: userId } });

  beforeAll(async () => {
    bot.connector.teams.set(TEAM, { name: 'Shared channel team', members: ['29:team-lead', '29:team-member'] });
    await bot.ask({ ...botAddedActivity(bot.connector.url, 'channel'), channelData, from: { id: '29:team-lead' } });
  });

  it("shows the team's maturity to a member on the roster", async () => {
    const { here } = await maturityAs('29:team-member');
    expect(here.map(texts).join()).toContain('Digital maturity: ');
  });

  it('does not count someone from outside the team, present in a shared channel, as a member', async () => {
    const { here, personal } = await maturityAs('29:guest-from-elsewhere');
    expect([...here, ...personal].map(texts).join()).not.toContain('Digital maturity: ');
  });
});
