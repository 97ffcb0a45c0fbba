// Makes the team's weekly prompt due now, on the settings card in the channel as a lead would, so that
// the next prompt pass (POST /api/prompts/run) sends this week's prompt and the reminders due from it.
import { DateTime } from 'luxon';
import type { Locator } from 'playwright-core';
import type { Playground } from './playground';

/**
 * Posts "settings" in the channel shown and sets the prompt to today at midnight in the team's time
 * zone (and, with `reminder`, the check-in reminder half an hour after it: a reminder at or before
 * its own prompt is refused); returns that zone and today's name once the bot has saved the settings
 * and said them back. Both are due from half past midnight on, when the walk runs.
 */
export async function promptDueNow(
  playground: Playground,
  options: { reminder?: boolean } = {},
): Promise<{ zone: string; today: string }> {
  const { page } = playground;
  await playground.post('settings');
  await playground.expectCardWith('Check-in settings for this team');
  // Today, at midnight in the zone the card shows, so whatever is set is due now.
  const zone = await zoneOnCard(playground.card('Check-in settings for this team'));
  const today = DateTime.now().setZone(zone).toFormat('cccc');
  const choose = async (field: RegExp, option: string) => {
    await page.getByRole('combobox', { name: field }).last().click();
    await page.getByRole('option', { name: option, exact: true }).click();
  };
  await choose(/^Day/, today);
  await choose(/^Time(?! zone)/, '12:00 AM');
  if (options.reminder) {
    await choose(/^Reminder for those/, today);
    await choose(/^Reminder time/, '12:30 AM');
  }
  await page.getByRole('button', { name: 'Save settings' }).last().click();
  await playground.expectCardWith(`Prompts every ${today} at 00:00, ${zone}`);
  return { zone, today };
}

/** The team's time zone as the settings card says it ("Weeks follow the … time zone"). */
export async function zoneOnCard(card: Locator): Promise<string> {
  const words = await card.getByText(/Weeks follow the \S+ time zone/).innerText();
  const zone = /Weeks follow the (\S+) time zone/.exec(words)?.[1];
  if (!zone) throw new Error(`no time zone in: ${words}`);
  return zone;
}

/** Runs a prompt pass now, as an outside scheduler would, through the bot's trigger endpoint. */
export async function runPromptPass(botUrl: string, secret: string): Promise<void> {
  const response = await fetch(`${botUrl}/api/prompts/run`, {
    method: 'POST',
    headers: { authorization: `Bearer ${secret}` },
  });
  expect(response.status).toBe(202);
}
