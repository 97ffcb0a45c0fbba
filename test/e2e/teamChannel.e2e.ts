// What a team sees in the Playground's channel, with two people on one bot: the lead (the Playground's
// own user, made lead by the demo seed) and a member in a second Playground. The team starts with the
// demo seed's 12 weeks of sample check-ins, as `npm run seed-demo && npm run dev` gives a newcomer.
// Assertions are on the rendered cards, not on the bot's internal state.
import { DateTime } from 'luxon';
import { weekDates } from '../../src/calendar/weeksOff';
import { answerCheckIn } from './checkinWalk';
import { promptDueNow, runPromptPass, zoneOnCard } from './schedule';
import {
  openBrowser,
  shootFinalScreens,
  startDev,
  startPlaygroundAs,
  type Dev,
  type Playground,
  openTeamChannel,
} from './playground';
import type { Locator } from 'playwright-core';

const BOT_PORT = 3992;

/** What a drop-down shows: the Playground draws some as text fields, some as buttons. */
async function shownIn(comboBox: Locator): Promise<string> {
  return comboBox.inputValue().catch(() => comboBox.innerText());
}

function isoWeek(date: DateTime): string {
  return `${date.weekYear}-W${String(date.weekNumber).padStart(2, '0')}`;
}
const TRIGGER_SECRET = 'e2e-prompt-trigger-secret';

let dev: Dev;
let memberDev: Dev;
let lead: Playground;
let member: Playground;

beforeAll(async () => {
  dev = await startDev({
    botPort: BOT_PORT,
    playgroundPort: 56172,
    seedDemo: true,
    env: { PROMPTS_TRIGGER_SECRET: TRIGGER_SECRET },
  });
  memberDev = await startPlaygroundAs(BOT_PORT, 56173, {
    id: 'user-id-2',
    name: 'Adele Vance',
    aadObjectId: '00000000-0000-0000-0000-0000000000022',
    personalChatId: 'personal-chat-member-e2e',
  });
  lead = await openBrowser(56172, 'team-lead-');
  member = await openBrowser(56173, 'team-member-');
});
afterEach(() => shootFinalScreens({ lead, member }));
afterAll(async () => {
  await lead?.close();
  await member?.close();
  memberDev?.stop();
  dev?.stop();
});

async function openChannel(playground: Playground): Promise<void> {
  await openTeamChannel(playground.page);
  await playground.expectCardWith('Welcome to Framework Guide');
}

it('answers a question in the channel when mentioned', async () => {
  await openChannel(lead);
  await lead.post('what does the data outcome mean?');
  await lead.expectCardWith(
    'The council’s data practices use a set of standards focused on improving services and informing policy.',
  );
  await lead.shot('question', 'Outcome 2 of 12');
});

it('posts the team summary in General for a lead, and shows the lead the overview in the personal chat only', async () => {
  await lead.post('progress');
  await lead.expectCardWith('Team progress summary');
  await lead.expectCardWith('I’ve sent the lead view of team progress to our personal chat');
  // General shows the summary and the notice, never the lead view.
  expect(await lead.page.getByText('Team progress overview').count()).toBe(0);
  expect(await lead.page.getByText('Most often holding the work back').count()).toBe(0);
  await lead.shot('progress-in-general', 'I’ve sent the lead view');
  await lead.page.getByText('Personal Chat').first().click();
  await lead.expectCardWith('Team progress overview');
  await lead.expectCardWith(/^Sample data from the demo command · Week \d+/);
  await lead.expectCardWith('Who checked in');
  // The figures are the seed's own: the 12-week total is the number of check-ins it wrote.
  const written = /(\d+) check-ins/.exec(dev.seedOutput ?? '')?.[1];
  expect(written).toBeDefined();
  // The row reads: its label, then its figure (the week-by-week chart follows it, or its fallback text).
  const overview = await lead.card('Team progress overview').innerText();
  expect(overview).toMatch(new RegExp(`Answers a week, last 12 weeks\\s+${written}\\s`));
  await lead.expectCardWith('Most often holding the work back');
  await lead.shot('progress-overview', 'Team progress overview');
});

it('opens a mission, an outcome and what needs attention from the overview, in the personal chat', async () => {
  const { page } = lead;
  // Each button updates the card in place, as Action.Execute does in Teams.
  await page.getByRole('button', { name: 'Details' }).first().click();
  await lead.expectCardWith('Progress: Digitally enabled councils');
  await lead.expectCardWith('Week by week');
  await lead.shot('progress-mission', 'Progress: Digitally enabled councils');
  await page.getByRole('button', { name: 'Team overview' }).last().click();
  await lead.expectCardWith('Outcomes the work touched');
  await page.getByRole('button', { name: 'Details' }).nth(2).click();
  await lead.expectCardWith(/^Outcome: /);
  await lead.shot('progress-outcome', /Outcome: /);
  await page.getByRole('button', { name: 'What needs attention' }).last().click();
  await lead.expectCardWith('Capabilities is holding many back');
  await lead.shot('progress-attention', 'What needs attention');
  await page.getByRole('button', { name: 'Team leads' }).last().click();
  await lead.expectCardWith('Team leads');
  await lead.expectCardWith('Weekly summary post: off');
  // The lead asks for the closed week's summary in the channel; the next pass posts it.
  await page.getByRole('button', { name: 'Post the weekly summary' }).last().click();
  await lead.expectCardWith('Weekly summary post: on');
  await lead.shot('progress-leads', 'Add a lead from the team');
  await openChannel(lead);
});

it('shows a member the team summary in General, and nothing more', async () => {
  await openChannel(member);
  await member.post('progress');
  await member.expectCardWith('Team progress summary');
  await member.page.getByRole('button', { name: 'My check-ins' }).last().waitFor();
  expect(await member.page.getByText('Team progress overview').count()).toBe(0);
  await member.shot('progress-summary', 'Team progress summary');
});

const MEMBER_WIN = 'Ran the first resident panel on the new housing forms';

it('runs a member’s check-in from General in the personal chat; General shows none of the answers', async () => {
  const { page } = member;
  await member.post('check in');
  await member.expectCardWith('I’ve sent your check-in to our personal chat');
  await member.shot('checkin-sent-from-general', 'I’ve sent your check-in');
  await page.getByText('Personal Chat').first().click();
  await member.expectCardWith('Which mission are you checking in on?');
  await page.getByRole('button', { name: 'Start' }).first().click();
  await answerCheckIn(member, { win: MEMBER_WIN });
  await member.expectCardWith(MEMBER_WIN);
  await member.shot('checkin-saved', 'Check-in saved');
  // Back in General: the notice is there, and none of the check-in.
  await openTeamChannel(page);
  await member.expectCardWith('I’ve sent your check-in to our personal chat');
  const general = await page.locator('body').innerText();
  for (const personal of [
    MEMBER_WIN,
    'Question 1 of 5',
    'Check your answers',
    'Check-in saved',
    '4 of 5: Good progress',
  ])
    expect({ personal, inGeneral: general.includes(personal) }).toEqual({ personal, inGeneral: false });
});

it('changes the team’s prompt schedule on the settings card and says it back', async () => {
  const { zone, today } = await promptDueNow(lead, { reminder: true });
  await lead.expectCardWith(`Prompts every ${today} at 00:00, ${zone}, with a reminder on ${today} at 00:30`);
  await lead.shot('settings-saved', 'Check-in settings for this team');
});

it('posts the weekly prompt to the channel when a pass runs, and starts a check-in from it', async () => {
  await runPromptPass(dev.botUrl, TRIGGER_SECRET);
  await lead.expectCardWith('Time for this week’s check-in');
  await lead.expectCardWith('This week’s check-in covers 2 missions:');
  await lead.shot('prompt', 'Time for this week’s check-in');
  // Last week's summary, which the lead switched on: closed, sample data, for everyone in the channel.
  await lead.expectCardWith(/^Check-in summary for /);
  await lead.expectCardWith(/^Sample data from the demo command · Week \d+, .*\. The check-in week has closed\.$/);
  await lead.shot('weekly-summary', /^Check-in summary for /);
  // The prompt's Check in button leaves the prompt as it is and opens the check-in in the personal chat.
  await lead.card('Time for this week’s check-in').getByRole('button', { name: 'Check in', exact: true }).click();
  await lead.page.getByText('Personal Chat').first().click();
  await lead.expectCardWith(/Which mission are you checking in on\?|Question 1 of 5/);
  await lead.shot('prompt-checkin-started', /Which mission are you checking in on\?|Question 1 of 5/);
});

it('reminds, in the personal chat, only those who have not checked in', async () => {
  await lead.expectCardWith('A reminder: your team’s check-in is still open');
  await lead.shot('reminder', 'A reminder: your team’s check-in is still open');
  // The member checked in before the pass: by the time the lead's reminder is shown, the same pass
  // has gone past the member, and nothing came.
  await member.page.getByText('Personal Chat').first().click();
  await member.expectCardWith(/^Check-in saved: /);
  expect(await member.page.getByText('A reminder: your team’s check-in is still open').count()).toBe(0);
});

it('keeps Scotland’s bank holidays, skips prompts on them, and marks next week off, on the settings card', async () => {
  const { page } = lead;
  // The settings card from the scenario above, in General.
  await openTeamChannel(page);
  await lead.expectCardWith('Whose bank holidays the team keeps');
  const settings = lead.card('Whose bank holidays the team keeps');
  const zone = await zoneOnCard(settings);
  // Next week: its prompt is the next one (this week's went above), so the card's next prompt moves on.
  const weekOff = weekDates(isoWeek(DateTime.now().setZone(zone).plus({ weeks: 1 })));
  const nextPrompt = await settings.getByText(/^Next prompt:/).innerText();
  await settings.getByRole('combobox', { name: /^Whose bank holidays/ }).click();
  await page.getByRole('option', { name: 'Scotland', exact: true }).click();
  await settings.getByText("Skip that week's prompt", { exact: true }).click();
  await settings.getByRole('combobox', { name: /^Weeks off/ }).click();
  // The multi-select list opens outside the card, a tick box a week.
  await page.getByText(weekOff, { exact: true }).last().click();
  await page.keyboard.press('Escape');
  await settings.getByRole('button', { name: 'Save settings' }).click();
  // The card comes back from the bot with what was saved, and the next prompt after the week off.
  await settings
    .getByText(/^Next prompt:/)
    .filter({ hasNotText: nextPrompt })
    .waitFor({ timeout: 15000 });
  await lead.expectCardWith('Whose bank holidays the team keeps');
  expect(await shownIn(settings.getByRole('combobox', { name: /^Whose bank holidays/ }))).toBe('Scotland');
  expect(await settings.getByRole('radio', { name: "Skip that week's prompt" }).isChecked()).toBe(true);
  expect(await shownIn(settings.getByRole('combobox', { name: /^Weeks off/ }))).toContain(weekOff);
  await lead.shot('settings-holidays', 'Whose bank holidays the team keeps');
});
