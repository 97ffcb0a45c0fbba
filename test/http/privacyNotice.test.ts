// The privacy notice through the real HTTP server: GET /privacy serves it as a page with the settings
// the bot runs with, "privacy" answers it as a card, and the help card's button opens it.
import { mentionActivity, messageActivity, submitActivity } from '../support/activities';
import { cardOf, startBot, type BotHarness } from '../support/botHarness';
import { expectValidCard, firstTextBlock } from '../support/cardValidation';

let bot: BotHarness;
beforeAll(async () => {
  bot = await startBot({ TEAM_DATA_GRACE_DAYS: '45', MIN_RESPONSES: '4' });
});
afterAll(async () => {
  await bot.close();
});

it('serves the notice at /privacy as a small HTML page with the configured periods', async () => {
  const response = await fetch(`${bot.baseUrl}/privacy`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
  expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
  const page = await response.text();
  expect(page).toContain('<h1>Framework Guide privacy notice</h1>');
  expect(page).toContain('deleted 45 days later, unless the app is added back before then');
  expect(page).toContain('at least 4 people have answered');
  expect(page).not.toContain('<script');
});

it('answers "privacy" with the notice card, in a personal chat and in a channel', async () => {
  for (const activity of [
    messageActivity(bot.connector.url, 'privacy'),
    messageActivity(bot.connector.url, 'Privacy notice?'),
    mentionActivity(bot.connector.url, 'privacy policy'),
  ]) {
    const [reply] = await bot.ask(activity);
    const card = cardOf(reply);
    expectValidCard(card);
    expect(firstTextBlock(card)).toBe('Framework Guide privacy notice');
    expect(JSON.stringify(card)).toContain('deleted 45 days later');
  }
});

it("shows the notice from the help card's Privacy notice button", async () => {
  const help = cardOf((await bot.ask(messageActivity(bot.connector.url, 'help')))[0]);
  expect(JSON.stringify(help)).toContain('The privacy notice says what is kept, why, for how long and who sees it');
  const match = /"title":"Privacy notice","data":(\{[^}]*\})/.exec(JSON.stringify(help));
  if (!match?.[1]) throw new Error('no Privacy notice button on the help card');
  const data = JSON.parse(match[1]) as Record<string, unknown>;
  expect(data).toEqual({ action: 'privacyNotice' });
  const [reply] = await bot.ask(submitActivity(bot.connector.url, data));
  expect(firstTextBlock(cardOf(reply))).toBe('Framework Guide privacy notice');
});
