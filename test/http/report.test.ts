// The quarterly report through the real HTTP endpoint and a real store: a lead types "report", gets
// the card with an editable cover title, presses "Make the report" and downloads the Word file by
// the short-lived link (local mode) or through Teams' file consent flow (with an app id). The file is
// opened as Word would (unzipped, its XML read): headings, header rows, alt text on every image,
// every mission and theme named, suppressed figures as "too few answers", nothing personal.
import JSZip from 'jszip';
import { seedDemo } from '../../scripts/seed-demo';
import { previousRound, quarterOf, roundLabel, roundWeeks } from '../../src/maturity/rounds';
import { THEMES } from '../../src/maturity/themes';
import { missionName } from '../../src/progress/sections';
import { rebuildRollups } from '../../src/progress';
import { currentWeek } from '../../src/calendar/weeks';
import { rollupOf } from '../../src/checkins/rollupContribution';
import { MISSIONS, type Mission, type ProgressScore } from '../../src/domain';
import { weeksBefore } from '../../src/progress/weekWindow';
import {
  botAddedActivity,
  executeActivity,
  fileConsentActivity,
  mentionActivity,
  messageActivity,
  TENANT_ID,
} from '../support/activities';
import { cardOf, press, startBot, typedInSharedChat, type BotHarness } from '../support/botHarness';
import { expectValidCard, firstTextBlock } from '../support/cardValidation';
import { startSignedChannel, type SignedChannel } from '../support/signedChannel';
import { submitAnswers } from '../support/submitAnswers';

const LEAD = '29:officer-1';
const MEMBER = '29:officer-2';
const OTHER = '29:officer-3';
/** The Entra object id of the test activities' person (LEAD), made an admin for the organisation report. */
const ADMIN_AAD = 'aaaaaaaa-0000-0000-0000-000000000001';
const TEAM = '19:report-team@thread.tacv2';
const SMALL_TEAM = '19:small-team@thread.tacv2';
const FOREIGN_TEAM = '19:someone-elses-team@thread.tacv2';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

function channelData(teamId: string, name: string) {
  return { tenant: { id: TENANT_ID }, team: { id: teamId, name } };
}

/** Adds the bot to a team's channel as `LEAD` (who becomes its lead), with its roster. */
async function addToTeam(bot: BotHarness, teamId: string, name: string, members: string[]): Promise<void> {
  bot.connector.teams.set(teamId, { name, members });
  await bot.ask({
    ...botAddedActivity(bot.connector.url, 'channel'),
    conversation: { id: teamId, conversationType: 'channel', tenantId: TENANT_ID },
    channelData: channelData(teamId, name),
  });
}

/** The data of the button titled `title` in a card. */
function buttonData(card: unknown, title: string): Record<string, unknown> {
  const match = new RegExp(`"title":"${title}"[^{}]*"data":(\\{[^}]*\\})`).exec(JSON.stringify(card));
  if (!match?.[1]) throw new Error(`no "${title}" button in ${JSON.stringify(card)}`);
  return JSON.parse(match[1]) as Record<string, unknown>;
}

/** The card's input with the given id. */
function inputOf(card: unknown, id: string): Record<string, unknown> {
  const body = (card as { body: Array<Record<string, unknown>> }).body;
  return body.find((element) => element.id === id) ?? {};
}

function linkOf(card: unknown): string {
  const action = ((card as { actions?: Array<Record<string, unknown>> }).actions ?? []).find(
    (each) => each.type === 'Action.OpenUrl',
  );
  if (!action) throw new Error(`no link in ${JSON.stringify(card)}`);
  return String(action.url);
}

interface Opened {
  xml: string;
  /** The document's text, run by run, joined with spaces. */
  text: string;
  core: string;
  styles: string;
  images: number;
}

async function openDocx(bytes: Buffer): Promise<Opened> {
  const zip = await JSZip.loadAsync(bytes);
  const read = async (name: string) => (await zip.file(name)?.async('string')) ?? '';
  const xml = await read('word/document.xml');
  const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((match) => match[1]).join(' ');
  const images = Object.keys(zip.files).filter((name) => /^word\/media\/.+\.png$/.test(name)).length;
  return { xml, text, core: await read('docProps/core.xml'), styles: await read('word/styles.xml'), images };
}

/** The text of each paragraph with the given style (Heading1, Heading2, Title). */
function paragraphsStyled(xml: string, style: string): string[] {
  return [...xml.matchAll(/<w:p>(?:(?!<\/w:p>).)*?<\/w:p>/gs)]
    .map((match) => match[0])
    .filter((paragraph) => paragraph.includes(`<w:pStyle w:val="${style}"/>`))
    .map((paragraph) => [...paragraph.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''));
}

function decoded(text: string): string {
  return text
    .replace(/&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

const round = quarterOf(new Date(), 'Europe/London');

describe('in local mode', () => {
  let bot: BotHarness;

  beforeAll(async () => {
    bot = await startBot({ ADMIN_OBJECT_IDS: ADMIN_AAD });
    await addToTeam(bot, TEAM, 'Report team', [LEAD, MEMBER]);
    await seedDemo(bot.store, new Date(), TEAM, LEAD);
    // A team where only two people checked in: every figure from their answers is suppressed.
    await addToTeam(bot, SMALL_TEAM, 'Small team', [LEAD, OTHER]);
    await bot.store.updateTeamSettings(SMALL_TEAM, (settings) => ({
      ...settings,
      missions: ['digitally-enabled-councils'],
    }));
    for (const [userId, progress] of [
      [LEAD, 4],
      [OTHER, 5],
    ] as const)
      await submitAnswers(bot.store, {
        teamId: SMALL_TEAM,
        userId,
        mission: 'digitally-enabled-councils',
        week: currentWeek(new Date(), 'Europe/London'),
        retentionDays: 30,
        answers: {
          progress,
          outcomes: ['outcome:data'],
          enabler: 'enabler:data',
          principles: [],
          win: 'A very private win',
        },
      });
    // Shared practice: the team's win approved this quarter, another team's, and one still offered.
    const example = (id: string, teamId: string, text: string, status: 'approved' | 'offered') => ({
      id,
      tenantId: TENANT_ID,
      teamId,
      teamName: 'A team',
      authorId: OTHER,
      authorName: 'Shown Author',
      text,
      parts: ['outcome:data'],
      status,
      source: { mission: 'digitally-enabled-councils', week: currentWeek(new Date(), 'Europe/London') },
      offeredAt: new Date().toISOString(),
      ...(status === 'approved' ? { decidedAt: new Date().toISOString(), decidedBy: LEAD } : {}),
    });
    await bot.store.practice.offerExample(example('a'.repeat(16), TEAM, 'Our approved shared win', 'approved'));
    await bot.store.practice.offerExample(example('b'.repeat(16), SMALL_TEAM, 'The small team’s own win', 'approved'));
    await bot.store.practice.offerExample(example('c'.repeat(16), TEAM, 'A win not approved yet', 'offered'));
    // Roll-ups made from the answers, as the check-ins capability makes them.
    await rebuildRollups(bot.store, SMALL_TEAM, [currentWeek(new Date(), 'Europe/London')]);
    // Someone else's team the lead is not in.
    bot.connector.teams.set(FOREIGN_TEAM, { name: 'Not yours', members: ['29:stranger'] });
  });
  afterAll(async () => {
    await bot.close();
  });

  /** "report" in the personal chat, as `userId`: the card it answers with. */
  async function requestAs(userId: string, text = 'report'): Promise<Record<string, unknown>> {
    // The lead is also the admin (their Entra id is ADMIN_OBJECT_IDS); anyone else has none.
    const from = { id: userId, name: 'Someone', ...(userId === LEAD ? { aadObjectId: ADMIN_AAD } : {}) };
    const sent = await bot.ask({ ...messageActivity(bot.connector.url, text), from });
    const card = cardOf(sent[0]);
    expectValidCard(card);
    return card;
  }

  /** Presses "Make the report" with `data` and downloads the file by its link. */
  async function make(data: Record<string, unknown>): Promise<{ response: Response; bytes: Buffer }> {
    const pressed = await press(bot, data, 'personal');
    expect(firstTextBlock(pressed.card)).toBe('Your quarterly report is ready');
    const response = await fetch(linkOf(pressed.card));
    return { response, bytes: Buffer.from(await response.arrayBuffer()) };
  }

  it('makes a lead a Word report with the title they typed, headings, header rows and described charts', async () => {
    // The lead leads two teams, so the personal chat asks which; the choice comes back with the card's inputs.
    const choose = await requestAs(LEAD);
    expect(firstTextBlock(choose)).toBe('Choose a team');
    const chosen = (await press(bot, { ...buttonData(choose, 'Continue'), teamId: TEAM }, 'personal')).card;
    expect(firstTextBlock(chosen)).toBe('Quarterly report');
    expect(inputOf(chosen, 'title').value).toBe(`Report team quarterly report, ${roundLabel(round)}`);
    const { response, bytes } = await make({
      ...buttonData(chosen, 'Make the report'),
      title: 'Digital board paper: our <quarter> & plans',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(DOCX);
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="framework-guide-quarterly-report-${round}.docx"`,
    );
    const doc = await openDocx(bytes);

    // The title as typed, on the cover and in the document's properties, as text (escaped XML, not markup).
    expect(paragraphsStyled(doc.xml, 'Title').map(decoded)).toEqual(['Digital board paper: our <quarter> & plans']);
    expect(doc.core).toContain('<dc:title>Digital board paper: our &lt;quarter&gt; &amp; plans</dc:title>');
    expect(doc.styles).toContain('w:val="en-GB"');
    expect(doc.xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);

    expect(paragraphsStyled(doc.xml, 'Heading1').map(decoded)).toEqual([
      'Who checked in',
      'Progress by mission',
      'Outcomes the work touched',
      'What most often held the work back',
      'Principles rarely checked against',
      'Digital maturity',
      'Action plan',
      'Practice shared with the organisation',
      'About this report',
    ]);
    // The team's approved example, with the part it shows; not another team's, not one still offered, no author.
    expect(doc.text).toContain('Our approved shared win');
    expect(doc.text).toContain('Outcome: Data');
    for (const other of ['The small team’s own win', 'A win not approved yet', 'Shown Author'])
      expect(doc.text).not.toContain(other);
    const missions = ['digitally-enabled-councils', 'digitally-empowered-residents'] as const;
    expect(paragraphsStyled(doc.xml, 'Heading2').map(decoded)).toEqual([
      ...missions.map((mission) => missionName(mission)),
      'Enablers',
      'Good practice principles',
    ]);
    for (const theme of THEMES) expect(decoded(doc.text)).toContain(theme.name);

    // Every table's first row is a header row that repeats on each page.
    const tables = [...doc.xml.matchAll(/<w:tbl>.*?<\/w:tbl>/gs)].map((match) => match[0]);
    expect(tables.length).toBeGreaterThanOrEqual(8);
    for (const table of tables) {
      const firstRow = /<w:tr>.*?<\/w:tr>/s.exec(table)?.[0] ?? '';
      expect(firstRow).toContain('<w:tblHeader/>');
    }

    // Three charts, each an image with a title and a description that states its figures.
    const described = [...doc.xml.matchAll(/<wp:docPr [^>]*>/g)].map((match) => match[0]);
    expect(described).toHaveLength(3);
    expect(doc.images).toBe(3);
    for (const docPr of described) {
      expect(docPr).toMatch(/ title="[^"]+"/);
      expect(docPr).toMatch(/ descr="[^"]{40,}"/);
    }
    expect(described.join(' ')).toMatch(/Week \d+: \d+/);
    expect(described.join(' ')).toContain(`${missionName('digitally-enabled-councils')}: Week`);

    // The action plan as the lead view shows it, with owners' names; nobody's answers, notes or ids.
    expect(doc.text).toContain('Sample owner');
    expect(doc.text).toContain('Overdue');
    for (const secret of [
      'demo-person',
      LEAD,
      TEAM,
      'Launched the online form',
      'Waiting on the supplier',
      'Depends on the team',
      'user-id',
    ])
      expect(bytes.toString('latin1') + doc.xml + doc.core).not.toContain(secret);
  });

  it('shows figures from too few people as "too few answers", never as numbers', async () => {
    const card = await press(bot, { action: 'reportOpen', quarter: 'this', teamId: SMALL_TEAM }, 'personal');
    expect(firstTextBlock(card.card)).toBe('Quarterly report');
    const { bytes } = await make({ ...buttonData(card.card, 'Make the report'), title: '' });
    const doc = await openDocx(bytes);
    // An empty title gets the one the card started with.
    expect(paragraphsStyled(doc.xml, 'Title').map(decoded)).toEqual([
      `Small team quarterly report, ${roundLabel(round)}`,
    ]);
    expect(doc.text).toContain('too few answers');
    // Two people answered 4 and 5: their average (4.5) and the data outcome's count must not show.
    expect(doc.text).not.toContain('4.5');
    expect(doc.text).toContain('No figures: too few answers');
    expect(doc.text).not.toContain('A very private win');
    // Participation names nobody, so it is shown: 2 answers this week.
    expect(doc.text).toMatch(/\b2\b/);
  });

  it('refuses a member, and says why', async () => {
    const card = await requestAs(MEMBER);
    expect(firstTextBlock(card)).toBe('Only team leads can make the quarterly report');
    const pressed = await press(
      bot,
      { action: 'reportMake', scope: 'team', teamId: TEAM, round, title: 'Mine' },
      'personal',
      {
        from: { id: MEMBER, name: 'A member' },
      },
    );
    expect(firstTextBlock(pressed.card)).toBe('Only team leads can make the quarterly report');
    expect(JSON.stringify(pressed)).not.toContain('api/exports');
  });

  it('refuses a team from a card that is not the person’s, and a quarter that has passed', async () => {
    const foreign = await press(
      bot,
      { action: 'reportMake', scope: 'team', teamId: FOREIGN_TEAM, round, title: 'x' },
      'personal',
    );
    expect(firstTextBlock(foreign.card)).toBe('That is not one of your teams');
    const stale = await press(
      bot,
      { action: 'reportMake', scope: 'team', teamId: TEAM, round: '2020-Q1', title: 'x' },
      'personal',
    );
    expect(firstTextBlock(stale.card)).toBe('That card is out of date');
    const forged = await press(bot, { action: 'reportMake', scope: 'team', teamId: TEAM, round: 'Q5' }, 'personal');
    expect(firstTextBlock(forged.card)).toBe('That card is out of date');
    const long = await press(
      bot,
      { action: 'reportMake', scope: 'team', teamId: TEAM, round, title: 'x'.repeat(121) },
      'personal',
    );
    expect(firstTextBlock(long.card)).toBe('That title is too long');
    for (const each of [foreign, stale, forged, long]) expect(JSON.stringify(each)).not.toContain('api/exports');
  });

  it('continues in the personal chat when typed in the channel, leaving the usual notice', async () => {
    const activity = {
      ...mentionActivity(bot.connector.url, 'report last quarter'),
      conversation: { id: TEAM, conversationType: 'channel', tenantId: TENANT_ID },
      channelData: channelData(TEAM, 'Report team'),
    };
    const { here, personal } = await typedInSharedChat(bot, activity);
    expect(here.map(firstTextBlock)).toEqual(['I’ve sent the quarterly report to our personal chat']);
    expect(personal.map(firstTextBlock)).toEqual(['Quarterly report']);
    expect(JSON.stringify(personal[0])).toContain(roundLabel(previousRound(round)));
  });

  it('gives an admin the organisation report, naming no team', async () => {
    const card = await requestAs(LEAD, 'organisation report');
    expect(firstTextBlock(card)).toBe('Organisation quarterly report');
    expect(inputOf(card, 'title').value).toBe(`Organisation quarterly report, ${roundLabel(round)}`);
    const { response, bytes } = await make(buttonData(card, 'Make the report'));
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="framework-guide-organisation-report-${round}.docx"`,
    );
    const doc = await openDocx(bytes);
    expect(paragraphsStyled(doc.xml, 'Heading1').map(decoded)).toEqual([
      'Who checked in',
      'Progress by mission',
      'Outcomes the work touched',
      'What most often held the work back',
      'Principles rarely checked against',
      'Digital maturity across the organisation',
      'About this report',
    ]);
    // Every mission of the framework, in its own order, whichever the teams follow.
    expect(paragraphsStyled(doc.xml, 'Heading2').map(decoded)).toEqual(MISSIONS.map((mission) => missionName(mission)));
    for (const theme of THEMES) expect(decoded(doc.text)).toContain(theme.name);
    // The demo team's check-ins are made up, and the report says so without naming the team.
    expect(doc.text).toContain('Includes sample data from the demo command');
    // The demo team's round has figures (7 people assessed it): it is counted, never named.
    expect(doc.text).toMatch(/1 team has figures this round/);
    for (const named of ['Report team', 'Small team', TEAM, SMALL_TEAM, 'demo-person', LEAD])
      expect(doc.xml + doc.core).not.toContain(named);
    for (const table of doc.xml.match(/<w:tbl>.*?<\/w:tbl>/gs) ?? [])
      expect(/<w:tr>.*?<\/w:tr>/s.exec(table)?.[0]).toContain('<w:tblHeader/>');
  });

  it('refuses the organisation report to anyone not an admin, typed or pressed', async () => {
    const notAdmin = { id: MEMBER, name: 'A member', aadObjectId: 'bbbbbbbb-0000-0000-0000-000000000002' };
    const typed = await bot.ask({ ...messageActivity(bot.connector.url, 'organisation report'), from: notAdmin });
    expect(firstTextBlock(cardOf(typed[0]))).toBe('The organisation report is for admins');
    const pressed = await press(bot, { action: 'reportMake', scope: 'organisation', round, title: 'x' }, 'personal', {
      from: notAdmin,
    });
    expect(firstTextBlock(pressed.card)).toBe('The organisation report is for admins');
    expect(JSON.stringify(pressed)).not.toContain('api/exports');
  });
});

describe('the organisation report across the organisation’s teams', () => {
  const TEAM_A = '19:org-team-a@thread.tacv2';
  const TEAM_B = '19:org-team-b@thread.tacv2';
  const ELSEWHERE = '19:another-tenants-team@thread.tacv2';
  const OTHER_TENANT = 'ffffffff-0000-0000-0000-00000000000f';
  const thisWeek = currentWeek(new Date(), 'Europe/London');
  // A week well inside last quarter (its last ISO week may be this quarter's first too).
  const lastQuarterWeek = weeksBefore(roundWeeks(previousRound(round)).toWeek, 1);
  const weekLabel = (week: string) => `Week ${Number(week.slice(-2))}`;
  let bot: BotHarness;

  /** A team's roll-up for a mission and week, made from answers as check-ins make it (no person in it). */
  async function rollup(teamId: string, mission: Mission, week: string, progress: ProgressScore[]): Promise<void> {
    const answers = progress.map((score) => ({
      progress: score,
      outcomes: ['outcome:data'],
      enabler: 'enabler:leadership',
      principles: ['principle:inclusive'],
      win: 'A private win nobody else should read',
    }));
    await bot.store.applyToRollup(teamId, mission, week, () => rollupOf(teamId, mission, week, answers));
  }

  /** The admin types `text`, presses "Make the report" and opens the Word file. */
  async function organisationReport(text: string): Promise<Opened & { bytes: Buffer }> {
    const from = { id: LEAD, name: 'Someone', aadObjectId: ADMIN_AAD };
    const card = cardOf((await bot.ask({ ...messageActivity(bot.connector.url, text), from }))[0]);
    expect(firstTextBlock(card)).toBe('Organisation quarterly report');
    const pressed = await press(bot, { ...buttonData(card, 'Make the report'), title: '' }, 'personal');
    const bytes = Buffer.from(await (await fetch(linkOf(pressed.card))).arrayBuffer());
    return { ...(await openDocx(bytes)), bytes };
  }

  beforeAll(async () => {
    bot = await startBot({ ADMIN_OBJECT_IDS: ADMIN_AAD, MIN_RESPONSES: '3' });
    await addToTeam(bot, TEAM_A, 'Alpha borough team', [LEAD, MEMBER]);
    await addToTeam(bot, TEAM_B, 'Beta services team', [LEAD, OTHER]);
    // Another organisation's team, in the same store: it must never count.
    await bot.store.upsertInstallation({
      conversationId: ELSEWHERE,
      tenantId: OTHER_TENANT,
      kind: 'channel',
      teamId: ELSEWHERE,
      reference: {
        serviceUrl: bot.connector.url,
        channelId: 'msteams',
        conversation: { id: ELSEWHERE, tenantId: OTHER_TENANT, conversationType: 'channel' },
        bot: { id: '28:framework-guide' },
        user: { id: '29:stranger' },
      },
    });
    for (const teamId of [TEAM_A, TEAM_B, ELSEWHERE])
      await bot.store.updateTeamSettings(teamId, (settings) => ({ ...settings, leads: [LEAD] }));
    // This quarter: on the first mission two people in each team, too few in either alone, four together.
    await rollup(TEAM_A, 'digitally-enabled-councils', thisWeek, [5, 5]);
    await rollup(TEAM_B, 'digitally-enabled-councils', thisWeek, [4, 4]);
    // On the second, one person in all: too few.
    await rollup(TEAM_A, 'digitally-empowered-residents', thisWeek, [1]);
    // On the third, enough people in team A, and one in team B, who is left out of the figure: adding
    // them would let anyone who reads team A's own report work out that person's answer.
    await rollup(TEAM_A, 'digitally-equipped-places', thisWeek, [2, 2, 2]);
    await rollup(TEAM_B, 'digitally-equipped-places', thisWeek, [5]);
    // Last quarter: one person in each team, two in all: too few for any figure, participation too.
    await rollup(TEAM_A, 'digitally-enabled-councils', lastQuarterWeek, [3]);
    await rollup(TEAM_B, 'digitally-enabled-councils', lastQuarterWeek, [3]);
    // The other organisation's team: enough people to change every figure above, if it counted.
    for (const week of [thisWeek, lastQuarterWeek])
      for (const mission of MISSIONS) await rollup(ELSEWHERE, mission, week, [1, 1, 1, 1, 1, 1]);
  });
  afterAll(async () => {
    await bot.close();
  });

  it('adds up the teams’ check-ins: people a week and each mission’s average, naming no team', async () => {
    const doc = await organisationReport('organisation report');
    const text = decoded(doc.text);
    for (const mission of MISSIONS) expect(text).toContain(missionName(mission));
    // Participation this week: 2 + 1 + 3 in team A and 2 + 1 in team B; the other tenant's 18 never count.
    expect(text).toContain(`${weekLabel(thisWeek)} 9`);
    expect(text).toContain('People who checked in each week, added up over the 2 teams with settings');
    // The first mission's average from four people across two teams: (5 + 5 + 4 + 4) / 4.
    const tables = [...doc.xml.matchAll(/<w:tbl>.*?<\/w:tbl>/gs)].map((match) => decoded(match[0]));
    const missionTable = tables.find((each) => each.includes('Quarter’s average')) ?? '';
    const rowOf = (name: string) =>
      [...missionTable.matchAll(/<w:tr>.*?<\/w:tr>/gs)]
        .map((row) => [...row[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((cell) => cell[1]))
        .find((cells) => cells[0] === name);
    expect(rowOf(missionName('digitally-enabled-councils'))).toEqual([
      missionName('digitally-enabled-councils'),
      '4.5',
      'not enough weeks to tell',
    ]);
    // One person on the second mission: "too few answers", and their 1 is no average anywhere.
    expect(rowOf(missionName('digitally-empowered-residents'))?.[1]).toBe('too few answers');
    expect(text).not.toContain('1.0');
    // The third: team A's three people alone (2.0), never the 2.8 that team B's one person would make.
    expect(rowOf(missionName('digitally-equipped-places'))?.[1]).toBe('2.0');
    expect(text).not.toContain('2.8');
    // Tallies from the shown answers: 4 + 3 of them; never the other tenant's.
    expect(text).toContain('7 of 7 answers (100%)');

    // Charts whose alt text states their figures.
    const described = [...doc.xml.matchAll(/<wp:docPr [^>]*>/g)].map((match) => decoded(match[0]));
    expect(described).toHaveLength(2);
    expect(described.join(' ')).toContain(`${weekLabel(thisWeek)}: 9`);
    expect(described.join(' ')).toMatch(
      new RegExp(`${missionName('digitally-enabled-councils')}: [^.]*${weekLabel(thisWeek)} 4\\.5`),
    );
    for (const table of tables) expect(/<w:tr>.*?<\/w:tr>/s.exec(table)?.[0]).toContain('<w:tblHeader/>');

    // No team, id or free text.
    for (const secret of [
      'Alpha borough team',
      'Beta services team',
      TEAM_A,
      TEAM_B,
      ELSEWHERE,
      OTHER_TENANT,
      LEAD,
      MEMBER,
      OTHER,
      '29:stranger',
      'A private win nobody else should read',
    ])
      expect(doc.bytes.toString('latin1') + doc.xml + doc.core).not.toContain(secret);
  });

  it('says "too few answers", never a number, where the teams’ sum is below MIN_RESPONSES', async () => {
    const doc = await organisationReport('organisation report last quarter');
    const text = decoded(doc.text);
    // Two people in all that week (one per team): participation and the average are both suppressed.
    expect(text).toContain(`${weekLabel(lastQuarterWeek)} too few answers`);
    expect(text).not.toContain(`${weekLabel(lastQuarterWeek)} 2 `);
    expect(text).toContain('No figures: too few answers');
    expect(text).not.toContain('3.0');
    // With the other tenant's six people it would have been 8 and shown.
    expect(text).not.toMatch(new RegExp(`${weekLabel(lastQuarterWeek)} 8\\b`));
    // Nothing shown, so no chart of a suppressed figure.
    const described = [...doc.xml.matchAll(/<wp:docPr [^>]*>/g)].map((match) => decoded(match[0]));
    for (const docPr of described) expect(docPr).not.toMatch(new RegExp(`${weekLabel(lastQuarterWeek)}: \\d`));
  });
});

describe('in Teams (the bot has an app id): through the file consent flow', () => {
  let channel: SignedChannel;
  let teamsBot: BotHarness;

  interface ConsentAttachment {
    contentType: string;
    name: string;
    content: { description: string; sizeInBytes: number; acceptContext: Record<string, unknown> };
  }

  beforeAll(async () => {
    channel = await startSignedChannel();
    teamsBot = await startBot(channel.env, channel.options);
    await addToTeam(teamsBot, TEAM, 'Report team', [LEAD, MEMBER]);
    await seedDemo(teamsBot.store, new Date(), TEAM, LEAD);
    teamsBot.connector.teams.set(FOREIGN_TEAM, { name: 'Not yours', members: ['29:stranger'] });
  });
  afterAll(async () => {
    await teamsBot.close();
    await channel.close();
  });

  /** Posts an activity and returns what the bot sent in answer to it. */
  async function answer(activity: { id: string; [field: string]: unknown }) {
    expect((await teamsBot.post(activity)).status).toBe(200);
    return teamsBot.connector.sent.filter((each) => each.replyToId === activity.id).map((each) => each.activity);
  }

  function accept(context: Record<string, unknown>, session: string) {
    return fileConsentActivity(teamsBot.connector.url, {
      type: 'fileUpload',
      action: 'accept',
      context,
      uploadInfo: {
        name: 'report.docx',
        uploadUrl: `${teamsBot.connector.url}upload/${session}`,
        contentUrl: `https://contoso.sharepoint.com/personal/someone/Documents/Applications/${session}.docx`,
        uniqueId: `drive-item-${session}`,
        fileType: 'docx',
      },
    });
  }

  it('offers the report with a consent card carrying only its team, quarter and title, and uploads it made afresh', async () => {
    const pressed = executeActivity(teamsBot.connector.url, {
      action: 'reportMake',
      scope: 'team',
      teamId: TEAM,
      round,
      title: 'Board paper',
    });
    const sent = await answer(pressed);
    const consent = (sent[0]?.attachments as ConsentAttachment[])[0] as ConsentAttachment;
    expect(consent.contentType).toBe('application/vnd.microsoft.teams.card.file.consent');
    expect(consent.name).toBe(`framework-guide-quarterly-report-${round}.docx`);
    expect(consent.content.sizeInBytes).toBeGreaterThan(20_000);
    expect(consent.content.acceptContext).toEqual({
      offer: 'quarterlyReport',
      exportId: expect.any(String),
      details: { scope: 'team', teamId: TEAM, round, title: 'Board paper' },
    });

    const before = teamsBot.connector.uploads.length;
    const uploaded = await answer(accept(consent.content.acceptContext, 'report'));
    expect(teamsBot.connector.uploads).toHaveLength(before + 1);
    const doc = await openDocx(teamsBot.connector.uploads.at(-1)?.body ?? Buffer.alloc(0));
    expect(paragraphsStyled(doc.xml, 'Title')).toEqual(['Board paper']);
    expect(doc.images).toBe(3);
    expect((uploaded[0]?.attachments as Array<{ content: { fileType: string } }>)[0]?.content.fileType).toBe('docx');
  });

  it('refuses an accepted offer whose details were changed to another team, and uploads nothing', async () => {
    const before = teamsBot.connector.uploads.length;
    const forged = {
      offer: 'quarterlyReport',
      exportId: 'x',
      details: { scope: 'team', teamId: FOREIGN_TEAM, round, title: 'x' },
    };
    const sent = await answer(accept(forged, 'forged'));
    expect(teamsBot.connector.uploads).toHaveLength(before);
    expect(firstTextBlock(cardOf(sent[0]))).toBe('That is not one of your teams');
    const stale = { ...forged, details: { scope: 'team', teamId: TEAM, round: '2020-Q1', title: 'x' } };
    expect(firstTextBlock(cardOf((await answer(accept(stale, 'stale')))[0]))).toBe('That card is out of date');
    expect(teamsBot.connector.uploads).toHaveLength(before);
  });

  it('says so when the offer is declined', async () => {
    const declined = fileConsentActivity(teamsBot.connector.url, {
      type: 'fileUpload',
      action: 'decline',
      context: { offer: 'quarterlyReport', exportId: 'x', details: { scope: 'team', teamId: TEAM, round, title: 'x' } },
    });
    expect(firstTextBlock(cardOf((await answer(declined))[0]))).toBe('No file sent');
  });
});
