// People's data through the real HTTP endpoint: "my data" lists what the bot keeps, the export comes as
// a file, and "delete my data" deletes it after a confirmation. Deletion details (roll-ups, other
// people's data, both stores) are tested in test/privacy.
import { executeActivity, messageActivity } from '../support/activities';
import { cardOf, startBot, type BotHarness } from '../support/botHarness';
import { expectValidCard, firstTextBlock } from '../support/cardValidation';

const USER = '29:officer-1';
/** The personal chat the test activities come from. */
const PERSONAL_CHAT = 'a:personal-chat-1';
let bot: BotHarness;

beforeAll(async () => {
  bot = await startBot();
  await bot.store.submitCheckIn({
    teamId: '19:privacy-team@thread.tacv2',
    userId: USER,
    mission: 'digitally-enabled-councils',
    week: '2026-W47',
    retentionDays: 30,
    answers: { progress: 3, outcomes: ['outcome:data'], enabler: null, principles: [], win: 'A private win' },
  });
});
afterAll(async () => {
  await bot.close();
});

/** The data of the button titled `title` in a card. */
function buttonData(card: unknown, title: string): Record<string, unknown> {
  const match = new RegExp(`"title":"${title}"[^{}]*"data":(\\{[^}]*\\})`).exec(JSON.stringify(card));
  if (!match?.[1]) throw new Error(`no "${title}" button`);
  return JSON.parse(match[1]) as Record<string, unknown>;
}

it('shows the person what the bot keeps about them', async () => {
  const replies = await bot.ask(messageActivity(bot.connector.url, 'my data'));
  const card = cardOf(replies[0]);
  expectValidCard(card);
  expect(JSON.stringify(card)).toContain('Check-in answers (1)');

  // "Download my data": the whole export as a JSON file attachment.
  const download = executeActivity(bot.connector.url, buttonData(card, 'Download my data'));
  expect((await bot.post(download)).status).toBe(200);
  const sent = bot.connector.sent.find((each) => each.replyToId === download.id);
  const attachment = (sent?.activity.attachments as Array<{ contentType: string; contentUrl: string; name: string }> | undefined)?.[0];
  expect(attachment?.contentType).toBe('application/json');
  expect(attachment?.name).toMatch(/^framework-guide-my-data-.*\.json$/);
  const exported = Buffer.from((attachment?.contentUrl ?? '').replace(/^data:application\/json;base64,/, ''), 'base64').toString('utf8');
  expect(exported).toContain('A private win');
});

it('deletes it after confirmation, and says what went', async () => {
  const replies = await bot.ask(messageActivity(bot.connector.url, 'delete my data'));
  const confirm = cardOf(replies[0]);
  expectValidCard(confirm);
  expect(await bot.store.listPersonRecords(USER)).toMatchObject({ checkIns: [expect.anything()] });

  const response = await bot.post(executeActivity(bot.connector.url, buttonData(confirm, 'Yes, delete my data')));
  expect(response.status).toBe(200);
  const body = (await response.json()) as { value: unknown };
  expectValidCard(body.value);
  expect(firstTextBlock(body.value)).toMatch(/deleted/i);
  expect((await bot.store.listPersonRecords(USER)).checkIns).toHaveLength(0);
  // The record of this personal chat went too, and the card says so and why it comes back.
  expect(JSON.stringify(body.value)).toContain('"title":"Personal chat records","value":"1"');
  expect(JSON.stringify(body.value)).toContain('when you next message it, it records this chat again');
  expect(await bot.store.getInstallation(PERSONAL_CHAT)).toBeUndefined();

  // The bot keeps only what it needs to answer: the next message records the chat again.
  await bot.ask(messageActivity(bot.connector.url, 'help'));
  expect(await bot.store.getInstallation(PERSONAL_CHAT)).toMatchObject({ kind: 'personal', active: true, reference: { user: { id: USER } } });
});
