// Runs the built bot with the Agents Playground (as `npm run dev` does) and a headless Chromium to
// use it as a person would. Chromium is Debian's (`apt-get install chromium`): a test tool's own
// browser download does not work everywhere this project runs.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const root = path.resolve(__dirname, '..', '..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SHOTS_DIR = path.join(root, 'test-results', 'e2e');

export interface Playground {
  page: Page;
  /** Sends a message from the chat box currently shown. */
  say(text: string): Promise<void>;
  /** Saves a screenshot of the current screen under test-results/e2e. */
  shot(name: string): Promise<void>;
  close(): Promise<void>;
}

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await fetch(url).then((response) => response.ok).catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

export async function openPlayground(botPort: number, playgroundPort: number): Promise<Playground> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium package (or set CHROMIUM_PATH).`);
  if (!existsSync(path.join(root, 'dist', 'scripts', 'dev.js'))) throw new Error('Build first: npm run build');
  mkdirSync(SHOTS_DIR, { recursive: true });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'framework-guide-e2e-'));
  const dev: ChildProcess = spawn(process.execPath, [path.join(root, 'dist', 'scripts', 'dev.js')], {
    cwd: root,
    env: { ...process.env, PORT: String(botPort), PLAYGROUND_PORT: String(playgroundPort), DATA_DIR: dataDir, LOG_LEVEL: 'warn', PROMPTS_ENABLED: 'false' },
    stdio: 'ignore',
    detached: true,
  });
  let browser: Browser | undefined;
  try {
    await waitForHttp(`http://127.0.0.1:${botPort}/healthz`, 30000);
    await waitForHttp(`http://localhost:${playgroundPort}/`, 30000);
    // The flags keep Chromium off the network: this machine has none beyond the package registries.
    // Playwright gives every launch a fresh, empty profile of its own.
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
    await page.goto(`http://localhost:${playgroundPort}`, { waitUntil: 'networkidle' });
    const opened = browser;
    return {
      page,
      async say(text) {
        const box = page.locator('textarea, [contenteditable="true"], input[type="text"]').first();
        await box.click();
        await box.fill(text);
        await page.keyboard.press('Enter');
      },
      async shot(name) {
        await page.screenshot({ path: path.join(SHOTS_DIR, `${name}.png`) });
      },
      async close() {
        await opened.close();
        if (dev.pid) process.kill(-dev.pid, 'SIGTERM');
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await browser?.close();
    if (dev.pid) process.kill(-dev.pid, 'SIGTERM');
    throw error;
  }
}
