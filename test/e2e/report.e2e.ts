// The quarterly report in the Playground, on the demo team (npm run seed-demo): the lead types
// "report" in the team's channel, the card with the editable cover title arrives in the personal
// chat, and "Make the report" gives a link the browser downloads the Word file from. The file is
// kept in test-results/e2e, where `npm run screenshots` draws its first page for docs/screenshots
// (scripts/report-pages.ts). Assertions are on the rendered cards and on the downloaded file.
import { copyFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import {
  openBrowser,
  SHOTS_DIR,
  shootFinalScreens,
  startDev,
  type Dev,
  type Playground,
  openTeamChannel,
} from './playground';
import { THEMES } from '../../src/maturity/themes';

const BOT_PORT = 4127;
const PLAYGROUND_PORT = 56327;
const TITLE = 'My Team: digital progress for the board';

let dev: Dev;
let playground: Playground;

beforeAll(async () => {
  dev = await startDev({ botPort: BOT_PORT, playgroundPort: PLAYGROUND_PORT, seedDemo: true });
  playground = await openBrowser(PLAYGROUND_PORT, 'report-');
});
afterEach(() => shootFinalScreens({ '': playground }));
afterAll(async () => {
  await playground?.close();
  dev?.stop();
});

it('gives the demo team’s lead the quarter as a Word document, in the personal chat', async () => {
  const { page } = playground;
  // Opening the team's channel installs the bot there (the demo seed made this person its lead); the
  // help card's answer there says the install is done, and lists the report.
  await openTeamChannel(page);
  await playground.expectCardWith('Welcome to Framework Guide');
  await playground.post('help');
  await playground.expectCardWith(/^report, or report last quarter/);
  // Asked in the personal chat: a card the Playground drew while another chat was open sends the
  // inputs it was drawn with, not what is typed into it (the channel's way there is tested over HTTP).
  await page.getByText('Personal Chat').first().click();
  await playground.say('report');
  await playground.expectCardWith('Change the title to your own words');
  const request = playground.card('Change the title to your own words');
  const title = request.getByRole('textbox', { name: /^Title on the cover/ });
  expect(await title.inputValue()).toMatch(/^My Team quarterly report, [A-Z][a-z]+ to [A-Z][a-z]+ \d{4}$/);
  await playground.shot('request', 'Change the title to your own words');
  await title.fill(TITLE);
  await request.getByRole('button', { name: 'Make the report' }).click();
  await playground.expectCardWith('Your quarterly report is ready');
  await playground.expectCardWith('The quarterly report, as a Word document.');

  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 30000 }),
    playground.card('Your quarterly report is ready').getByRole('link', { name: 'Open the file' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^framework-guide-quarterly-report-\d{4}-Q[1-4]\.docx$/);
  const file = path.join(SHOTS_DIR, 'quarterly-report.docx');
  copyFileSync(await download.path(), file);

  const zip = await JSZip.loadAsync(readFileSync(file));
  const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
  const core = (await zip.file('docProps/core.xml')?.async('string')) ?? '';
  expect(core).toContain(`<dc:title>${TITLE}</dc:title>`);
  expect(xml).toContain('Sample data from the demo command');
  expect(xml).toContain('Team: My Team');
  for (const heading of ['Who checked in', 'Progress by mission', 'Digital maturity', 'Action plan'])
    expect(xml).toContain(heading);
  for (const theme of THEMES) expect(xml).toContain(theme.name);
  // The demo's three charts, each described; nobody's id, words or notes.
  expect(xml.match(/<wp:docPr [^>]*descr="[^"]{40,}"/g)).toHaveLength(3);
  for (const secret of ['demo-person', 'user-id-0', 'Launched the online form', 'Depends on the team'])
    expect(xml).not.toContain(secret);
});
