// What a person sees in the Playground's personal chat: answers on cards, a whole check-in, their
// data downloaded as a file and then deleted. Assertions are on the rendered cards (and the file the
// browser downloads), not on the bot's internal state.
import { readFileSync } from 'node:fs';
import { answerCheckIn } from './checkinWalk';
import { openPlayground, shootFinalScreens, type Playground, openTeamChannel } from './playground';

let playground: Playground;

beforeAll(async () => {
  playground = await openPlayground(3991, 56171, 'personal-');
});
afterEach(() => shootFinalScreens({ '': playground }));
afterAll(async () => {
  await playground?.close();
});

function expectCardWith(expected: string | RegExp): Promise<void> {
  return playground.expectCardWith(expected);
}

it('welcomes the person', async () => {
  await expectCardWith('Welcome to Framework Guide');
});

it('answers what the data outcome means with its official definition', async () => {
  await playground.say('what does the data outcome mean?');
  await expectCardWith(
    'The council’s data practices use a set of standards focused on improving services and informing policy.',
  );
  await expectCardWith('Official definition — LGA, Socitm and Solace');
  await playground.shot('data-outcome', 'Outcome 2 of 12');
});

it('copes with a typo', async () => {
  await playground.say('wat is conectivity');
  await expectCardWith(
    'The council supports residents, businesses and its staff to access the internet and council services wherever they are in the community.',
  );
  await playground.shot('typo', 'Outcome 1 of 12');
});

it('lists the enablers, each a button', async () => {
  await playground.say('list the enablers');
  await expectCardWith('The 6 enablers');
  for (const name of ['Data', 'Connectivity', 'Leadership', 'Capabilities', 'Collaboration', 'Value']) {
    await playground.page
      .getByRole('button', { name: new RegExp(`^\\d\\. ${name}$`) })
      .last()
      .waitFor({ timeout: 10000 });
  }
  await playground.shot('list', 'The 6 enablers');
});

it('runs a whole check-in on one mission, card by card', async () => {
  const { page } = playground;
  // Visiting the team's channel installs the bot there, so the check-in has a team.
  await openTeamChannel(page);
  await expectCardWith('Welcome to Framework Guide');
  await page.getByText('Personal Chat').first().click();
  await playground.say('check in');
  await expectCardWith('Which mission are you checking in on?');
  await page.getByRole('button', { name: 'Start' }).first().click();
  await answerCheckIn(playground);
  await expectCardWith(/^Check-in saved: Digitally enabled councils/);
  await playground.shot('checkin-saved', 'Check-in saved');
});

it('shows what the bot keeps and downloads it as a file', async () => {
  const { page } = playground;
  await playground.say('my data');
  await expectCardWith('What Framework Guide keeps about you');
  await page.getByRole('button', { name: 'Download my data' }).last().click();
  await expectCardWith('Your data file is ready');
  await expectCardWith("The link works for 10 minutes, only from this computer's bot.");
  await playground.shot('my-data-file', 'Your data file is ready');

  // The person clicks the link and their browser downloads the file from the bot. The Playground
  // opens an Action.OpenUrl with window.open; Playwright reports the download on this page.
  const card = playground.card('Your data file is ready');
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 15000 }),
    card.getByRole('link', { name: 'Open the file' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^framework-guide-my-data-\d{4}-\d{2}-\d{2}\.json$/);
  // npm run dev binds the bot to localhost only (127.0.0.1 and ::1), so the link names localhost.
  expect(download.url()).toMatch(/^http:\/\/localhost:3991\/api\/exports\/[A-Za-z0-9_-]{43}$/);
  const file = await download.path();
  const exported = JSON.parse(readFileSync(file, 'utf8')) as {
    format: string;
    checkIns: Array<{ mission: string; answers: { progress: number } }>;
  };
  expect(exported.format).toBe('framework-guide-person-data');
  // The check-in from the scenario above, as the person answered it.
  expect(exported.checkIns).toEqual([
    expect.objectContaining({
      mission: 'digitally-enabled-councils',
      answers: expect.objectContaining({ progress: 4 }),
    }),
  ]);
});

it('takes time away in plain English, shows the days understood, and ends it with back', async () => {
  await playground.say('away next week');
  await expectCardWith(/^You're away until /);
  await expectCardWith('First day away');
  await expectCardWith("I won't send you check-in reminders on these days");
  await playground.shot('away', /^You're away until /);
  await playground
    .card(/^You're away until /)
    .getByRole('button', { name: "I'm back" })
    .click();
  await expectCardWith('You are no longer marked as away.');
});

it('gives the lead their team’s progress as a CSV file, with no one’s answers in it', async () => {
  const { page } = playground;
  await playground.say('export progress');
  await expectCardWith('Your progress export is ready');
  await expectCardWith('Your teams’ weekly progress, as a CSV file for Excel or Power BI.');
  await playground.shot('progress-export', 'Your progress export is ready');
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 15000 }),
    playground.card('Your progress export is ready').getByRole('link', { name: 'Open the file' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^framework-guide-progress-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync(await download.path(), 'utf8');
  // UTF-8 with a byte order mark for Excel, a header row, and the week of the check-in above.
  expect(csv.startsWith('\uFEFFteam_id,week,week_start,mission,')).toBe(true);
  expect(csv).toMatch(/\r\n[^,\r\n]+,\d{4}-W\d{2},\d{4}-\d{2}-\d{2},digitally-enabled-councils,no,1,yes,,,/);
  // One person answered: a suppressed row, and no id of theirs.
  expect(csv).not.toContain('user-id-0');
});

it('asks the team’s only lead to hand over before deleting their data', async () => {
  // Opening General made this person the lead of My Team, and nobody else leads it: their data is not
  // deleted until another lead is chosen (the HTTP tests delete the data of people who can go).
  await playground.say('delete my data');
  await expectCardWith('Choose another lead first');
  const handOver = playground.card('Choose another lead first').getByRole('button', { name: 'Choose a new lead' });
  await handOver.waitFor({ timeout: 15000 });
  expect(await handOver.count()).toBeGreaterThan(0);
  expect(await playground.page.getByRole('button', { name: 'Yes, delete my data' }).count()).toBe(0);
  await playground.shot('data-delete-hand-over', 'Choose another lead first');
});
