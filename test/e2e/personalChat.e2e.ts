// What a person sees in the Playground's personal chat: answers on cards, a whole check-in, and their
// data deleted. Assertions are on the rendered cards, not on the bot's internal state.
import { answerCheckIn } from './checkinWalk';
import { openPlayground, shootFinalScreens, type Playground } from './playground';

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
  await expectCardWith('The council’s data practices use a set of standards focused on improving services and informing policy.');
  await expectCardWith('Official definition — LGA, Socitm and Solace');
  await playground.shot('data-outcome', 'Outcome 2 of 12');
});

it('copes with a typo', async () => {
  await playground.say('wat is conectivity');
  await expectCardWith('The council supports residents, businesses and its staff to access the internet and council services wherever they are in the community.');
  await playground.shot('typo', 'Outcome 1 of 12');
});

it('lists the enablers, each a button', async () => {
  await playground.say('list the enablers');
  await expectCardWith('The 6 enablers');
  for (const name of ['Data', 'Connectivity', 'Leadership', 'Capabilities', 'Collaboration', 'Value']) {
    await playground.page.getByRole('button', { name: new RegExp(`^\\d\\. ${name}$`) }).last().waitFor({ timeout: 10000 });
  }
  await playground.shot('list', 'The 6 enablers');
});

it('runs a whole check-in on one mission, card by card', async () => {
  const { page } = playground;
  // Visiting the team's channel installs the bot there, so the check-in has a team.
  await page.getByText('General').first().click();
  await expectCardWith('Welcome to Framework Guide');
  await page.getByText('Personal Chat').first().click();
  await playground.say('check in');
  await expectCardWith('Which mission are you checking in on?');
  await page.getByRole('button', { name: 'Start' }).first().click();
  await answerCheckIn(playground);
  await expectCardWith(/^Check-in saved: Digitally enabled councils/);
  await playground.shot('checkin-saved', 'Check-in saved');
});

it('deletes the person’s data after a confirmation', async () => {
  const { page } = playground;
  await playground.say('delete my data');
  await page.getByRole('button', { name: 'Yes, delete my data' }).last().click();
  await expectCardWith('Your data has been deleted');
  await playground.shot('data-deleted', 'Your data has been deleted');
});
