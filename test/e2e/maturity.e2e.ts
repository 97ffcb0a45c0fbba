// Maturity in the Playground. First, on a new team: a person assesses the team, theme by theme, in
// the personal chat; then, as the team's lead, sets a target, adds an action and changes its due
// date, and the lead's maturity card shows them. Then, on the demo team (npm run seed-demo, two rounds by seven people):
// everyone's card in the channel, the organisation view for an admin, and the weekly reminder to
// assess. Assertions are on the rendered cards.
import {
  openBrowser,
  openPlayground,
  shootFinalScreens,
  startDev,
  startPlaygroundAs,
  type Dev,
  type Playground,
  openTeamChannel,
} from './playground';
import { THEMES } from '../../src/maturity/themes';
import { promptDueNow, runPromptPass } from './schedule';

describe('a new team', () => {
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
    await openTeamChannel(page);
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

  it('lets the lead set a target, add an action and change its due date, and shows them on the lead’s maturity card', async () => {
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
    await page.getByLabel(/^Due/).last().fill('2031-01-31');
    await playground.shot('action', 'An action the team will take');
    await page.getByRole('button', { name: 'Save action' }).last().click();
    await playground.expectCardWith('Action added');
    await playground.expectCardWith('Agree how we share data with partners');
    await playground.expectCardWith(/due 31 January 2031/);
    await playground.shot('lead-card', /^Digital maturity, lead view/);

    // The lead gives the action a later due date: the same form, with only its owner and due date.
    const leadView = page
      .locator('.ac-adaptiveCard')
      .filter({ hasText: /^Digital maturity, lead view/ })
      .last();
    await leadView
      .getByRole('button', { name: /^Edit$|^Change the owner or due date/ })
      .last()
      .click();
    await playground.expectCardWith('Change an action');
    await playground.expectCardWith('Agree how we share data with partners');
    await page.getByLabel(/^Due/).last().fill('2031-03-31');
    await playground.shot('action-edit', 'Change an action');
    await page.getByRole('button', { name: 'Save changes' }).last().click();
    await playground.expectCardWith('Action changed: due 2031-03-31.');
    await playground.expectCardWith(/due 31 March 2031/);
  });
});

describe('the demo team, led by an organisation admin', () => {
  const BOT_PORT = 3994;
  const TRIGGER_SECRET = 'e2e-prompt-trigger-secret';
  // The Playground's own user has an object id one digit too long to be a GUID, which the bot's
  // settings refuse in ADMIN_OBJECT_IDS; this Playground gives the same person (the demo team's
  // lead) a well-formed one, named as the only admin in this bot's test-only environment.
  const ADMIN_OBJECT_ID = '00000000-0000-0000-0000-000000000020';
  /** The notes the demo seed writes behind its ratings: for leads only. */
  const SEEDED_NOTES = ['Depends on the team', 'Better than last year', 'We talk about it more than we do it'];

  let dev: Dev;
  let adminDev: Dev;
  let admin: Playground;
  /** The open round's label and the team's name, as everyone's card in the channel gives them. */
  let round = '';
  let teamName = '';
  /** Each theme's median on the team's card, which the organisation view must count. */
  const medians = new Map<string, string>();

  beforeAll(async () => {
    dev = await startDev({
      botPort: BOT_PORT,
      playgroundPort: 56174,
      seedDemo: true,
      env: { PROMPTS_TRIGGER_SECRET: TRIGGER_SECRET, ADMIN_OBJECT_IDS: ADMIN_OBJECT_ID },
    });
    adminDev = await startPlaygroundAs(BOT_PORT, 56175, {
      id: 'user-id-0',
      name: 'Alex Wilber',
      aadObjectId: ADMIN_OBJECT_ID,
      personalChatId: 'personal-chat-admin-e2e',
    });
    admin = await openBrowser(56175, 'maturity-');
  });
  afterEach(() => shootFinalScreens({ admin }));
  afterAll(async () => {
    await admin?.close();
    adminDev?.stop();
    dev?.stop();
  });

  it('posts everyone’s card in the channel with nothing for leads only, and the lead view in the personal chat', async () => {
    const { page } = admin;
    await openTeamChannel(page);
    await admin.expectCardWith('Welcome to Framework Guide');
    await admin.post('maturity');
    await admin.expectCardWith(/^Digital maturity: /);
    await admin.expectCardWith('I’ve sent the lead view of the team’s maturity to our personal chat');
    const card = admin.card(/^Digital maturity: /);
    const text = await card.innerText();
    [, teamName = '', round = ''] = /^Digital maturity: (.+)\n+Round: (.+) \(open\)/.exec(text) ?? [];
    expect(teamName).not.toBe('');
    expect(round).toMatch(/^[A-Z][a-z]+ to [A-Z][a-z]+ \d{4}$/);
    // Each theme's median, as its row gives it (its name, the row's detail, then the figure).
    for (const theme of THEMES) {
      const row = new RegExp(`^${theme.name}\\n+[^\\n]+\\n+([1-5](?:\\.5)?)$`, 'm').exec(text);
      if (row?.[1]) medians.set(theme.name, row[1]);
    }
    expect([...medians.keys()]).toEqual(THEMES.map((theme) => theme.name));
    // The demo's seven people this round, with medians, spreads and last round's, and the team's plan.
    expect(text).toContain('7 people have assessed');
    expect(text).toContain('Where the team stands');
    expect(text).toMatch(/\d ratings from \d to \d/);
    expect(text).toMatch(/Last round: \d/);
    expect(text).toContain('Target: 4');
    expect(text).toContain('[Sample data] Agree how we share data with partners');
    expect(text).toMatch(/Overdue: due \d+ [A-Z][a-z]+ \d{4}/);
    await card.getByRole('button', { name: 'Assess myself' }).waitFor();
    // Nothing in the channel is for leads only: no lead view, no notes, no plan or round controls.
    const channel = await page.locator('body').innerText();
    for (const leadOnly of [
      'Digital maturity, lead view',
      'Notes behind the ratings',
      ...SEEDED_NOTES,
      'Set targets',
      'Add an action',
      'Close this round',
      'Organisation view',
    ])
      expect({ leadOnly, inChannel: channel.includes(leadOnly) }).toEqual({ leadOnly, inChannel: false });
    await admin.shot('team-card', /^Digital maturity: /);
    // The lead view, with the notes the channel does not show, is in the lead's personal chat.
    await page.getByText('Personal Chat').first().click();
    await admin.expectCardWith(`Digital maturity, lead view: ${teamName}`);
    await admin.expectCardWith('Notes behind the ratings (leads only)');
    const leadView = await admin.card(/^Digital maturity, lead view: /).innerText();
    expect(SEEDED_NOTES.filter((note) => leadView.includes(`[Sample data] ${note}`))).not.toEqual([]);
  });

  it('shows an admin the organisation view: team medians per theme, no team named', async () => {
    await admin.say('organisation maturity');
    await admin.expectCardWith('Digital maturity across the organisation');
    const view = await admin.card('Digital maturity across the organisation').innerText();
    expect(view).toContain(`Round: ${round} · for admins`);
    expect(view).toContain('Teams are not named or ranked');
    // The demo team is the only one with figures: one team at its median, for each of the 12 themes.
    expect(view.match(/median [1-5](\.5)?: 1 team/g)).toHaveLength(12);
    for (const [theme, median] of medians)
      expect(view).toMatch(new RegExp(`^${theme}\\n+median ${median.replace('.', '\\.')}: 1 team$`, 'm'));
    expect(view).not.toContain(teamName);
    expect(view).not.toContain('[Sample data]');
    await admin.shot('organisation', 'Digital maturity across the organisation');
  });

  it('reminds the lead, who has not assessed, once the week’s prompt is due; Assess now starts the assessment', async () => {
    const { page } = admin;
    await openTeamChannel(page);
    await promptDueNow(admin);
    await runPromptPass(dev.botUrl, TRIGGER_SECRET);
    // The prompt in the channel says the round is open and counts the overdue action.
    await admin.expectCardWith('Time for this week’s check-in');
    await admin.expectCardWith(`The self-assessment round for ${round} is open`);
    await admin.expectCardWith('1 action on the team’s plan is overdue');
    expect(await page.getByText('A reminder: your team’s self-assessment is open').count()).toBe(0);
    await page.getByText('Personal Chat').first().click();
    await admin.expectCardWith('A reminder: your team’s self-assessment is open');
    await admin.expectCardWith(`You have not assessed your team for ${round} yet.`);
    await admin.shot('reminder', 'A reminder: your team’s self-assessment is open');
    await admin
      .card('A reminder: your team’s self-assessment is open')
      .getByRole('button', { name: 'Assess now' })
      .click();
    await admin.expectCardWith('Self-assessment: Data');
    await admin.expectCardWith('Theme 1 of 12');
    await admin.expectCardWith('How well does data hold up our digital work?');
  });
});
