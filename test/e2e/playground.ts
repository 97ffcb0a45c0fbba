// Runs the built bot with the Agents Playground (as `npm run dev` does) and a headless Chromium to
// use it as a person would. Chromium is Debian's (`apt-get install chromium`): a test tool's own
// browser download does not work everywhere this project runs.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { readingOrderProblems, type ReadBox } from './readingOrder';
import { playgroundArgs } from '../../scripts/playgroundCommand';

/** axe-core's browser build, injected into the page so every card the Playground renders is checked. */
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
/** Impacts that fail the run: a screen-reader or keyboard user would be blocked or badly misled. */
const FAILING_IMPACTS = ['serious', 'critical'];
/**
 * The axe rules that the Playground's chart component (Fluent UI charts) fails in the drawings it makes
 * from a card's Chart.* data. The card gives numbers, not markup, so nothing in its JSON can change
 * them; a run with no rule left out found exactly these two, in the drawings only:
 * - aria-hidden-focus: the chart hides its bars' and legend's icons from screen readers yet leaves
 *   them focusable;
 * - aria-required-children: its legend is a listbox whose items are not options.
 * Teams draws charts with its own component, so these say nothing about the card in Teams. A new
 * rule failing in a drawing, or either of these anywhere else in a card, still fails the run.
 */
const CHART_MARKUP_RULES = ['aria-hidden-focus', 'aria-required-children'];

interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

interface CardCheck {
  /** The card's first words, to name it in a failure. */
  card: string;
  found: AxeFinding[];
  /** The card's readable elements, in the order a screen reader reads them, with their boxes. */
  boxes: ReadBox[];
}

/**
 * Checks each Adaptive Card on the page not checked before (marked once checked): axe-core, failing on
 * any serious or critical violation, and the reading order (a screen reader's order must be the
 * visual order). Each failure names the card, and the rule and elements or the texts out of order.
 * Only the cards are checked: the Playground's own page is not ours to fix.
 */
async function checkCards(page: Page): Promise<void> {
  // In the page's own JavaScript (this project compiles without the DOM's types).
  const hasAxe = (await page.evaluate('typeof window.axe !== "undefined"')) as boolean;
  if (!hasAxe) await page.addScriptTag({ content: AXE_SOURCE });
  const checks = (await page.evaluate(`(async () => {
    const failing = ${JSON.stringify(FAILING_IMPACTS)};
    const out = [];
    for (const card of Array.from(document.querySelectorAll('.ac-adaptiveCard'))) {
      if (card.getAttribute('data-checked') === 'yes') continue;
      card.setAttribute('data-checked', 'yes');
      // Teams-style charts (Chart.*) are drawn by the Playground's own chart component from our data
      // (the card gives numbers, not markup): each drawing is the chart's outermost element in the card.
      const drawings = [];
      for (const svg of Array.from(card.querySelectorAll('svg'))) {
        let element = svg;
        while (element.parentElement && element.parentElement !== card && !element.parentElement.classList.contains('ac-container'))
          element = element.parentElement;
        if (!drawings.includes(element)) drawings.push(element);
      }
      // The drawings' markup fails rules the card's JSON cannot change (see CHART_MARKUP_RULES), so
      // those rules, and only they, skip the drawings, and only the drawings: every other rule checks
      // the whole card, drawings too, and those rules still check the rest of the card.
      const chartRules = ${JSON.stringify(CHART_MARKUP_RULES)};
      const options = { resultTypes: ['violations'] };
      const results = [];
      if (drawings.length === 0) results.push(await window.axe.run(card, options));
      else {
        const off = Object.fromEntries(chartRules.map((rule) => [rule, { enabled: false }]));
        results.push(await window.axe.run(card, { ...options, rules: off }));
        if (chartRules.length > 0)
          results.push(
            await window.axe.run(
              { include: [card], exclude: drawings },
              { ...options, runOnly: { type: 'rule', values: chartRules } },
            ),
          );
      }
      const found = results
        .flatMap((result) => result.violations)
        .filter((violation) => failing.includes(violation.impact || ''))
        .map((violation) => ({
          id: violation.id,
          impact: violation.impact,
          help: violation.help,
          targets: violation.nodes.map((node) => node.target.join(' ')),
        }));
      // What a screen reader reads, in the page's order: runs of text, text fields and images, leaving
      // out what is hidden from it (aria-hidden) and the chart drawings, whose inner order is the
      // Playground component's (their numbers are read from the card's own rows).
      const boxes = [];
      const add = (text, element) => {
        const rect = element.getBoundingClientRect();
        boxes.push({ text, top: rect.top, left: rect.left, bottom: rect.bottom, right: rect.right });
      };
      const walk = (node) => {
        for (const child of Array.from(node.childNodes)) {
          if (child.nodeType === Node.TEXT_NODE) {
            const text = (child.textContent || '').trim();
            if (!text) continue;
            const range = document.createRange();
            range.selectNodeContents(child);
            add(text, range);
            continue;
          }
          if (child.nodeType !== Node.ELEMENT_NODE) continue;
          if (child.getAttribute('aria-hidden') === 'true' || drawings.includes(child)) continue;
          const tag = child.tagName.toLowerCase();
          const field = (tag === 'input' && !['radio', 'checkbox', 'hidden'].includes(child.type)) || tag === 'textarea';
          if (field || (tag === 'img' && child.alt))
            add(child.getAttribute('aria-label') || child.alt || child.placeholder || tag, child);
          walk(child);
        }
      };
      walk(card);
      out.push({ card: (card.textContent || '').slice(0, 80), found, boxes });
    }
    return out;
  })()`)) as CardCheck[];
  const axeFindings = checks.filter(({ found }) => found.length > 0);
  if (axeFindings.length > 0)
    throw new Error(
      `axe-core found serious or critical accessibility problems:\n${axeFindings
        .map(
          ({ card, found }) =>
            `- card "${card}": ${found.map((f) => `${f.id} (${f.impact}): ${f.help} at ${f.targets.join(', ')}`).join('; ')}`,
        )
        .join('\n')}`,
    );
  const orderFindings = checks
    .map(({ card, boxes }) => ({ card, problems: readingOrderProblems(boxes) }))
    .filter(({ problems }) => problems.length > 0);
  if (orderFindings.length > 0)
    throw new Error(
      `A screen reader would read these cards out of their visual order:\n${orderFindings
        .map(({ card, problems }) => `- card "${card}": ${problems.join('; ')}`)
        .join('\n')}`,
    );
}

const root = path.resolve(__dirname, '..', '..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SHOTS_DIR = path.join(root, 'test-results', 'e2e');
/** The Playground's own names for its bot, team and channel (its built-in configuration). */
export const PLAYGROUND_BOT_NAME = 'Test Bot';
export const PLAYGROUND_CHANNEL = 'General';

/**
 * Opens the team's channel and waits until it is open: its own composer, with the Post button, is on
 * screen. Waiting for a card is not enough (the personal chat shows a welcome card too), and the
 * Playground can ignore a click on the channel made while its conversation list is still settling,
 * so the click is made again until the channel opens.
 */
export async function openTeamChannel(page: Page): Promise<void> {
  const postButton = page.getByRole('button', { name: 'Post' });
  for (let attempt = 0; attempt < 5 && !(await postButton.isVisible()); attempt++) {
    await page.getByText(PLAYGROUND_CHANNEL).first().click();
    await postButton.waitFor({ state: 'visible', timeout: 3000 }).catch(() => undefined);
  }
  await postButton.waitFor({ state: 'visible', timeout: 5000 });
}

export interface Playground {
  page: Page;
  /** Sends a message from the chat box of the personal or group chat shown. */
  say(text: string): Promise<void>;
  /** Starts a new post in the channel shown, mentioning the bot as Teams requires there. */
  post(text: string): Promise<void>;
  /** The newest Adaptive Card on screen that contains `text`. */
  card(text: string | RegExp): Locator;
  /** Waits until the newest message containing `expected` is on screen. */
  expectCardWith(expected: string | RegExp): Promise<void>;
  /**
   * Saves a screenshot under test-results/e2e: of the newest card containing `cardText` when given
   * (scrolled into view, so the picture shows that card), else of the screen.
   */
  shot(name: string, cardText?: string | RegExp): Promise<void>;
  close(): Promise<void>;
}

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (
      await fetch(url)
        .then((response) => response.ok)
        .catch(() => false)
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

function stopGroup(child: ChildProcess): void {
  // Each child leads its own process group, so the bot and the Playground under dev.js stop too.
  if (child.pid && child.exitCode === null) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  }
}

function checkPrerequisites(): void {
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium package (or set CHROMIUM_PATH).`);
  if (!existsSync(path.join(root, 'dist', 'scripts', 'dev.js'))) throw new Error('Build first: npm run build');
}

export interface DevOptions {
  botPort: number;
  playgroundPort: number;
  /** More environment for the bot, such as PROMPTS_TRIGGER_SECRET. */
  env?: Record<string, string>;
  /** Fill the data directory with the demo team before the bot starts (npm run seed-demo). */
  seedDemo?: boolean;
}

export interface Dev {
  botUrl: string;
  /** What `seed-demo` printed, when it ran: it says how many check-ins it wrote. */
  seedOutput?: string;
  stop(): void;
}

/** `npm run dev` on its own ports with a fresh data directory: the bot and one Playground. */
export async function startDev(options: DevOptions): Promise<Dev> {
  checkPrerequisites();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'framework-guide-e2e-'));
  const env = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', PROMPTS_ENABLED: 'false', ...options.env };
  let seedOutput: string | undefined;
  if (options.seedDemo) {
    const seeded = spawnSync(process.execPath, [path.join(root, 'dist', 'scripts', 'seed-demo.js')], {
      cwd: root,
      env,
      encoding: 'utf8',
    });
    if (seeded.status !== 0) throw new Error(`seed-demo failed: ${seeded.stderr}`);
    seedOutput = seeded.stdout;
  }
  const dev = spawn(process.execPath, [path.join(root, 'dist', 'scripts', 'dev.js')], {
    cwd: root,
    env: { ...env, PORT: String(options.botPort), PLAYGROUND_PORT: String(options.playgroundPort) },
    stdio: 'ignore',
    detached: true,
  });
  const stop = (): void => {
    stopGroup(dev);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHttp(`http://127.0.0.1:${options.botPort}/healthz`, 30000);
    await waitForHttp(`http://localhost:${options.playgroundPort}/`, 30000);
  } catch (error) {
    stop();
    throw error;
  }
  return { botUrl: `http://127.0.0.1:${options.botPort}`, stop, ...(seedOutput !== undefined ? { seedOutput } : {}) };
}

/** The Playground's configuration with another person as its user, so two people share one bot. */
export interface PlaygroundPerson {
  id: string;
  name: string;
  aadObjectId: string;
  personalChatId: string;
}

function configFor(person: PlaygroundPerson): string {
  // Same tenant, bot, team and people as the Playground's built-in configuration; only "me" differs.
  const people: Array<[string, string, string]> = [
    ['user-id-0', 'Alex Wilber', '00000000-0000-0000-0000-0000000000020'],
    ['user-id-1', 'Megan Bowen', '00000000-0000-0000-0000-0000000000021'],
    ['user-id-2', 'Adele Vance', '00000000-0000-0000-0000-0000000000022'],
    ['user-id-3', 'Isaiah Langer', '00000000-0000-0000-0000-0000000000023'],
    ['user-id-4', 'Patti Fernandez', '00000000-0000-0000-0000-0000000000024'],
    ['user-id-5', 'Lynne Robbins', '00000000-0000-0000-0000-0000000000025'],
  ];
  const user = ([id, name, oid]: [string, string, string], first: string, rest: string): string => {
    const [given = name, surname = name] = name.split(' ');
    const mail = `${given.toLowerCase()}@example.com`;
    return `${first}id: ${id}\n${rest}name: ${name}\n${rest}userPrincipleName: ${mail}\n${rest}aadObjectId: ${oid}\n${rest}givenName: ${given}\n${rest}surname: ${surname}\n${rest}email: ${mail}\n`;
  };
  return [
    'version: "0.1.1"',
    'tenantId: 00000000-0000-0000-0000-0000000000001',
    'bot:\n  id: 00000000-0000-0000-0000-00000000000011\n  name: Test Bot',
    `currentUser:\n${user([person.id, person.name, person.aadObjectId], '  ', '  ')}`,
    `users:\n${people
      .filter(([id]) => id !== person.id)
      .map((p) => user(p, '  - ', '    '))
      .join('')}`,
    `personalChat:\n  id: ${person.personalChatId}`,
    'groupChat:\n  id: group-chat-e2e\n  name: Group Chat',
    'team:\n  id: team-id\n  name: My Team\n  aadGroupId: 00000000-0000-0000-0000-000000000031\n  channels:\n    - id: channel-announcements-id\n      name: Announcements',
    '',
  ].join('\n');
}

/** A second Playground on the same bot, used by another person of the same team. */
export async function startPlaygroundAs(
  botPort: number,
  playgroundPort: number,
  person: PlaygroundPerson,
): Promise<Dev> {
  const dir = mkdtempSync(path.join(tmpdir(), 'framework-guide-e2e-pg-'));
  const configPath = path.join(dir, '.m365agentsplayground.yml');
  writeFileSync(configPath, configFor(person));
  const child = spawn(process.execPath, playgroundArgs(root, botPort, playgroundPort), {
    cwd: dir,
    env: {
      ...process.env,
      TEAMSAPPTESTER_BROWSER: 'none',
      M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath,
      M365_AGENTS_PLAYGROUND_LOGFILE: path.join(dir, 'playground.log'),
    },
    stdio: 'ignore',
    detached: true,
  });
  const stop = (): void => {
    stopGroup(child);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForHttp(`http://localhost:${playgroundPort}/`, 30000);
  } catch (error) {
    // The Playground says why it did not start (often its configuration) only in its log.
    const log = existsSync(path.join(dir, 'playground.log'))
      ? readFileSync(path.join(dir, 'playground.log'), 'utf8')
      : '(no log)';
    stop();
    throw new Error(`${(error as Error).message}\n${log.slice(-2000)}`);
  }
  return { botUrl: `http://127.0.0.1:${botPort}`, stop };
}

/** Opens a Playground in a fresh headless Chromium. */
export async function openBrowser(playgroundPort: number, shotPrefix = ''): Promise<Playground> {
  mkdirSync(SHOTS_DIR, { recursive: true });
  // The flags keep Chromium off the network: this machine has none beyond the package registries.
  // Playwright gives every launch a fresh, empty profile of its own.
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
    ],
  });
  try {
    // Tall enough that the longest progress card fits on screen for its picture.
    const page = await browser.newPage({ viewport: { width: 1280, height: 2400 } });
    await page.goto(`http://localhost:${playgroundPort}`, { waitUntil: 'networkidle' });
    return {
      page,
      async say(text) {
        const box = page.locator('textarea, [contenteditable="true"], input[type="text"]').first();
        await box.click();
        await box.fill(text);
        await page.keyboard.press('Enter');
      },
      async post(text) {
        // Posting needs the channel: if a click on it went unheeded, open it now.
        await openTeamChannel(page);
        const box = page.locator('[role="textbox"][contenteditable="true"]').first();
        await box.click();
        await page.keyboard.type('@Test');
        await page.getByRole('menuitem', { name: PLAYGROUND_BOT_NAME }).click();
        await page.keyboard.type(` ${text}`);
        await page.getByRole('button', { name: 'Post' }).click();
      },
      card(text) {
        return page.locator('.ac-adaptiveCard').filter({ hasText: text }).last();
      },
      async expectCardWith(expected) {
        await page.getByText(expected).last().waitFor({ state: 'visible', timeout: 15000 });
        // Every card the Playground has rendered so far is checked once for accessibility and reading order.
        await checkCards(page);
      },
      async shot(name, cardText) {
        const file = path.join(SHOTS_DIR, `${shotPrefix}${name}.png`);
        if (cardText === undefined) {
          await page.screenshot({ path: file });
          return;
        }
        const card = page.locator('.ac-adaptiveCard').filter({ hasText: cardText }).last();
        await card.scrollIntoViewIfNeeded();
        await card.screenshot({ path: file });
      },
      async close() {
        await browser.close();
      },
    };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/** The bot and one Playground with a browser on it, as a newcomer's `npm run dev`. */
export async function openPlayground(botPort: number, playgroundPort: number, shotPrefix = ''): Promise<Playground> {
  const dev = await startDev({ botPort, playgroundPort });
  try {
    const playground = await openBrowser(playgroundPort, shotPrefix);
    return {
      ...playground,
      async close() {
        await playground.close();
        dev.stop();
      },
    };
  } catch (error) {
    dev.stop();
    throw error;
  }
}

/**
 * The final screen of the scenario that just ran, pass or fail, so a failure in CI can be seen:
 * test-results/e2e/final-<scenario>.png.
 */
export async function shootFinalScreens(playgrounds: Record<string, Playground | undefined>): Promise<void> {
  const scenario = (expect.getState().currentTestName ?? 'scenario')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);
  for (const [who, playground] of Object.entries(playgrounds)) {
    await playground?.page
      .screenshot({ path: path.join(SHOTS_DIR, `final-${scenario}${who ? `-${who}` : ''}.png`) })
      .catch(() => undefined);
  }
}
