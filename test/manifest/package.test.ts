// The app package: built in memory by the exported function, then opened and checked the way
// Teams would see it.
// @microsoft/app-manifest requires strip-bom 5, which is ESM-only. Node 20.19+ loads that through
// require(esm), but jest's module loader cannot (before Node 24.9), so stand in a CommonJS
// equivalent. strip-bom only trims file text the package reads; validation never touches it.
jest.mock('strip-bom', () => (text: string) => text.replace(/^\uFEFF/, ''));

import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { validateTeamsManifest } from '../../scripts/manifest-schema';
import {
  buildAppPackage,
  defaultPaths,
  fillManifest,
  PackageConfigError,
  PLACEHOLDER_PRIVACY_URL,
  readPackageSettings,
  runCli,
} from '../../scripts/package-app';
import { readIcon, readManifestTemplate, TEST_APP_ID, TEST_SETTINGS } from './testManifest';

interface BotManifest {
  id: string;
  version: string;
  bots: {
    botId: string;
    scopes: string[];
    commandLists: { scopes: string[]; commands: { title: string; description?: string }[] }[];
  }[];
}

/**
 * Teams shows at most 10 commands a scope: a person's own data and a lead's export in the personal chat,
 * the team's settings and maturity card where the team is; "framework" opens all four lists.
 */
const TEAM_COMMANDS = [
  'help',
  'check in',
  'my check-ins',
  'progress',
  'away',
  'settings',
  'self-assessment',
  'maturity',
  'framework',
  'privacy',
];
const COMMANDS: Record<string, string[]> = {
  personal: [
    'help',
    'check in',
    'my check-ins',
    'progress',
    'away',
    'self-assessment',
    'framework',
    'export progress',
    'my data',
    'privacy',
  ],
  team: TEAM_COMMANDS,
  groupChat: TEAM_COMMANDS,
};

async function buildAndOpen(): Promise<{ zip: JSZip; manifestText: string; manifest: BotManifest }> {
  const buffer = await buildAppPackage(
    readManifestTemplate(),
    { color: readIcon('color.png'), outline: readIcon('outline.png') },
    TEST_SETTINGS,
  );
  const zip = await JSZip.loadAsync(buffer);
  const manifestText = await zip.file('manifest.json')!.async('string');
  return { zip, manifestText, manifest: JSON.parse(manifestText) as BotManifest };
}

describe('buildAppPackage', () => {
  it('holds exactly manifest.json, color.png and outline.png at the zip root', async () => {
    const { zip } = await buildAndOpen();
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    expect(Object.values(zip.files).some((entry) => entry.dir)).toBe(false);
  });

  it('carries the icons byte for byte', async () => {
    const { zip } = await buildAndOpen();
    expect((await zip.file('color.png')!.async('nodebuffer')).equals(readIcon('color.png'))).toBe(true);
    expect((await zip.file('outline.png')!.async('nodebuffer')).equals(readIcon('outline.png'))).toBe(true);
  });

  it('fills the app id, bot id and version and leaves no placeholder', async () => {
    const { manifestText, manifest } = await buildAndOpen();
    expect(manifest.id).toBe(TEST_APP_ID);
    expect(manifest.bots[0]?.botId).toBe(TEST_APP_ID);
    expect(manifest.version).toBe('1.2.3');
    expect(manifestText).not.toContain('${{');
  });

  it('lists help, check-in, progress, data and knowledge commands, with descriptions, for every scope', async () => {
    const bot = (await buildAndOpen()).manifest.bots[0]!;
    for (const scope of bot.scopes) {
      const list = bot.commandLists.find((l) => l.scopes.includes(scope));
      expect(list?.commands.map((c) => c.title)).toEqual(COMMANDS[scope]);
      for (const command of list?.commands ?? []) expect(command.description?.length).toBeGreaterThan(10);
    }
    expect(bot.scopes).toEqual(['personal', 'team', 'groupChat']);
  });

  it('packages a manifest that is valid against the official schema', async () => {
    const { manifest } = await buildAndOpen();
    expect(await validateTeamsManifest(manifest)).toEqual([]);
  });
});

describe('fillManifest', () => {
  it('refuses a placeholder it does not know', () => {
    expect(() => fillManifest('{"id": "${{TEAMS_APP_ID}}", "x": "${{NOPE}}"}', TEST_SETTINGS)).toThrow(
      /unknown placeholders: NOPE/,
    );
  });

  it("links the bot's own privacy notice when its address is known, the placeholder page otherwise", async () => {
    const privacyUrlOf = (settings: typeof TEST_SETTINGS) =>
      (JSON.parse(fillManifest(readManifestTemplate(), settings)) as { developer: { privacyUrl: string } }).developer
        .privacyUrl;
    expect(privacyUrlOf(TEST_SETTINGS)).toBe(PLACEHOLDER_PRIVACY_URL);
    const linked = { ...TEST_SETTINGS, privacyUrl: 'https://fguide-council.azurewebsites.net/privacy' };
    expect(privacyUrlOf(linked)).toBe('https://fguide-council.azurewebsites.net/privacy');
    expect(await validateTeamsManifest(JSON.parse(fillManifest(readManifestTemplate(), linked)))).toEqual([]);
  });
});

describe('readPackageSettings', () => {
  it('refuses a missing MicrosoftAppId with one clear line', () => {
    for (const env of [{}, { MicrosoftAppId: '' }, { MicrosoftAppId: '  ' }]) {
      expect(() => readPackageSettings(env, '0.1.0')).toThrow(PackageConfigError);
      expect(() => readPackageSettings(env, '0.1.0')).toThrow(/^MicrosoftAppId is not set: [^\n]*GUID\.$/);
    }
  });

  it('refuses a MicrosoftAppId that is not a GUID', () => {
    expect(() => readPackageSettings({ MicrosoftAppId: 'my-bot' }, '0.1.0')).toThrow(
      /MicrosoftAppId must be a GUID, got "my-bot"/,
    );
  });

  it('takes the privacy link from BOT_ENDPOINT: /privacy on the same https host', () => {
    const settings = readPackageSettings(
      { MicrosoftAppId: TEST_APP_ID, BOT_ENDPOINT: ' https://fguide-council.azurewebsites.net/api/messages ' },
      '0.1.0',
    );
    expect(settings.privacyUrl).toBe('https://fguide-council.azurewebsites.net/privacy');
    expect(readPackageSettings({ MicrosoftAppId: TEST_APP_ID, BOT_ENDPOINT: '' }, '0.1.0').privacyUrl).toBeUndefined();
    expect(() =>
      readPackageSettings({ MicrosoftAppId: TEST_APP_ID, BOT_ENDPOINT: 'http://fguide.example/api/messages' }, '0.1.0'),
    ).toThrow(/BOT_ENDPOINT must be an https URL/);
    expect(() => readPackageSettings({ MicrosoftAppId: TEST_APP_ID, BOT_ENDPOINT: 'fguide-council' }, '0.1.0')).toThrow(
      PackageConfigError,
    );
  });

  it('defaults the version and checks APP_VERSION', () => {
    expect(readPackageSettings({ MicrosoftAppId: TEST_APP_ID }, '0.1.0')).toEqual({
      appId: TEST_APP_ID,
      appVersion: '0.1.0',
    });
    expect(readPackageSettings({ MicrosoftAppId: TEST_APP_ID, APP_VERSION: '2.0.1' }, '0.1.0').appVersion).toBe(
      '2.0.1',
    );
    expect(() => readPackageSettings({ MicrosoftAppId: TEST_APP_ID, APP_VERSION: '2.0' }, '0.1.0')).toThrow(
      /APP_VERSION/,
    );
  });
});

describe('runCli', () => {
  let outDir: string;
  let errorSpy: jest.SpyInstance;
  let logSpy: jest.SpyInstance;
  beforeEach(() => {
    outDir = mkdtempSync(path.join(tmpdir(), 'framework-guide-package-'));
    errorSpy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    logSpy = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => {
    errorSpy.mockRestore();
    logSpy.mockRestore();
    rmSync(outDir, { recursive: true, force: true });
  });
  const paths = () => ({ ...defaultPaths(), outFile: path.join(outDir, 'appPackage', 'framework-guide.zip') });

  it('exits 1 with one clear line and writes nothing when MicrosoftAppId is missing', async () => {
    expect(await runCli({}, paths())).toBe(1);
    expect(errorSpy).toHaveBeenCalledTimes(1);
    const message = String(errorSpy.mock.calls[0]?.[0]);
    expect(message).toMatch(/^package-app: MicrosoftAppId is not set/);
    expect(message).not.toContain('\n');
    expect(existsSync(paths().outFile)).toBe(false);
  });

  it('writes the zip and exits 0 when MicrosoftAppId is set', async () => {
    expect(await runCli({ MicrosoftAppId: TEST_APP_ID }, paths())).toBe(0);
    const zip = await JSZip.loadAsync(readFileSync(paths().outFile));
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as BotManifest;
    expect(manifest.id).toBe(TEST_APP_ID);
    expect(errorSpy).not.toHaveBeenCalled();
  });

  it("links the bot's privacy page in the package when BOT_ENDPOINT is set, and says which link it used", async () => {
    expect(
      await runCli(
        { MicrosoftAppId: TEST_APP_ID, BOT_ENDPOINT: 'https://fguide-council.azurewebsites.net/api/messages' },
        paths(),
      ),
    ).toBe(0);
    const zip = await JSZip.loadAsync(readFileSync(paths().outFile));
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as {
      developer: { privacyUrl: string };
    };
    expect(manifest.developer.privacyUrl).toBe('https://fguide-council.azurewebsites.net/privacy');
    expect(String(logSpy.mock.calls[0]?.[0])).toContain(
      'privacy link https://fguide-council.azurewebsites.net/privacy',
    );
    expect(errorSpy).not.toHaveBeenCalled();
  });
});
