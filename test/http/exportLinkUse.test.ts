// Export links are single use and go with "delete my data" (issue 28, fault 6). In local mode the
// person's data file is served by a link; through the real endpoint, the link downloads once, and
// the links a person was given stop working as soon as they delete their data.
import { executeActivity, messageActivity } from '../support/activities';
import { buttonData } from '../support/cardButtons';
import { cardOf, startBot, type BotHarness } from '../support/botHarness';

let bot: BotHarness;
beforeAll(async () => {
  bot = await startBot();
});
afterAll(async () => {
  await bot.close();
});

type Json = Record<string, unknown>;

const button = buttonData;

async function press(data: Json): Promise<Json> {
  const activity = executeActivity(bot.connector.url, data);
  const response = await bot.post(activity);
  expect(response.status).toBe(200);
  const body = (await response.json()) as { type: string; value: unknown };
  if (body.type === 'application/vnd.microsoft.card.adaptive') return body.value as Json;
  return cardOf(bot.connector.sent.filter((each) => each.replyToId === activity.id).at(-1)?.activity);
}

/** "my data", then "Download my data": the address of the file. */
async function downloadLink(): Promise<string> {
  const card = cardOf((await bot.ask(messageActivity(bot.connector.url, 'my data')))[0]);
  const linkCard = await press(button(card, 'Download my data'));
  const link = ((linkCard.actions as Json[] | undefined) ?? []).find((action) => action.type === 'Action.OpenUrl');
  return String(link?.url ?? '');
}

it('downloads once: the same link again is not found', async () => {
  const link = await downloadLink();
  expect((await fetch(link)).status).toBe(200);
  expect((await fetch(link)).status).toBe(404);
});

it('stops the links a person was given working when they delete their data', async () => {
  const link = await downloadLink();
  const confirm = cardOf((await bot.ask(messageActivity(bot.connector.url, 'delete my data')))[0]);
  const deleted = await press(button(confirm, 'Yes, delete my data'));
  expect(JSON.stringify(deleted)).toMatch(/deleted/i);
  expect((await fetch(link)).status).toBe(404);
});
