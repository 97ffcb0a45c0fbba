// Maturity in the Playground: a person assesses the team, theme by theme, in the personal chat;
// then, as the team's lead, sets a target and adds an action, and the lead's maturity card shows
// both. Assertions are on the rendered cards.
import { openPlayground, shootFinalScreens, type Playground } from './playground';

let playground: Playground;

beforeAll(async () => {
  playground = await openPlayground(3993, 56173, 'maturity-');
});
afterEach(() => shootFinalScreens({ '': playground }));
afterAll(async () => {
  await playground?.close();
});

it('runs a self-assessment in the personal chat: rate, note, skip, summary, submit', async () => {
  const { page } = playground;
  // Visiting the team's channel installs the bot there (and makes this person its lead).
  await page.getByText('General').first().click();
  await playground.expectCardWith('Welcome to Framework Guide');
  await page.getByText('Personal Chat').first().click();
  await playground.say('self-assessment');
  await playground.expectCardWith('Self-assessment: Data');
  await playground.expectCardWith('How well does data hold up our digital work?');
  await page
    .getByText(/^3 · Developing: /)
    .last()
    .click();
  await page
    .getByRole('textbox', { name: /^A short note/ })
    .last()
    .fill('We share some data, not *all* of it');
  await playground.shot('theme', 'Self-assessment: Data');
  await page.getByRole('button', { name: 'Next' }).last().click();
  await playground.expectCardWith('Self-assessment: Connectivity');
  for (let theme = 2; theme <= 12; theme++) {
    await playground.expectCardWith(`Theme ${theme} of 12`);
    await page.getByRole('button', { name: 'Skip' }).last().click();
  }
  await playground.expectCardWith('Check your self-assessment');
  await playground.expectCardWith('Your note: We share some data, not *all* of it');
  await playground.shot('summary', 'Check your self-assessment');
  await page.getByRole('button', { name: 'Submit' }).last().click();
  await playground.expectCardWith('Self-assessment saved');
  await playground.shot('saved', 'Self-assessment saved');
});

it('lets the lead set a target and add an action, and shows both on the lead’s maturity card', async () => {
  const { page } = playground;
  await playground.say('maturity');
  await playground.expectCardWith(/^Digital maturity, lead view/);
  await page.getByRole('button', { name: 'Set targets' }).last().click();
  await playground.expectCardWith('Target levels');
  await page.getByRole('combobox', { name: /^Data/ }).last().click();
  await page.getByRole('option', { name: '4 · Established', exact: true }).click();
  await playground.shot('targets', 'Target levels');
  await page.getByRole('button', { name: 'Save targets' }).last().click();
  await playground.expectCardWith('Targets saved.');
  await playground.expectCardWith('Target: 4');

  await page.getByRole('button', { name: 'Add an action' }).last().click();
  await playground.expectCardWith('An action the team will take');
  await page
    .getByRole('textbox', { name: /^What is to be done/ })
    .last()
    .fill('Agree how we share data with partners');
  await page
    .getByRole('combobox', { name: /^Theme it serves/ })
    .last()
    .click();
  await page.getByRole('option', { name: 'Data', exact: true }).click();
  await page
    .getByRole('combobox', { name: /^Owner/ })
    .last()
    .click();
  await page.getByRole('option').first().click();
  await page.getByLabel(/^Due/).last().fill('2020-01-31');
  await playground.shot('action', 'An action the team will take');
  await page.getByRole('button', { name: 'Save action' }).last().click();
  await playground.expectCardWith('Action added');
  await playground.expectCardWith('Agree how we share data with partners');
  await playground.expectCardWith(/Overdue: due 31 January 2020/);
  await playground.shot('lead-card', /^Digital maturity, lead view/);
});
