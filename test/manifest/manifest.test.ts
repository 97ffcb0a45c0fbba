// The Teams app manifest against the official schema, checked offline with the schema that
// @microsoft/app-manifest bundles and the package's own validator.
// @microsoft/app-manifest requires strip-bom 5, which is ESM-only. Node 20.19+ loads that through
// require(esm), but jest's module loader cannot (before Node 24.9), so stand in a CommonJS
// equivalent. strip-bom only trims file text the package reads; validation never touches it.
jest.mock('strip-bom', () => (text: string) => text.replace(/^\uFEFF/, ''));

import { existsSync } from 'node:fs';
import { bundledSchemaPath, validateTeamsManifest } from '../../scripts/manifest-schema';
import { fillManifest } from '../../scripts/package-app';
import { readManifestTemplate, TEST_SETTINGS } from './testManifest';

type Json = Record<string, unknown>;
const filledManifest = (): Json => JSON.parse(fillManifest(readManifestTemplate(), TEST_SETTINGS)) as Json;

// Any attempt to download a schema fails the test: validation must never need the network.
let fetchSpy: jest.SpyInstance;
beforeEach(() => {
  fetchSpy = jest.spyOn(globalThis, 'fetch').mockRejectedValue(new Error('network is not allowed in these tests'));
});
afterEach(() => {
  expect(fetchSpy).not.toHaveBeenCalled();
  fetchSpy.mockRestore();
});

describe('manifest.json', () => {
  it('names an official Teams schema URL that the package bundles, matching manifestVersion', () => {
    const manifest = filledManifest();
    const url = String(manifest.$schema);
    expect(url).toMatch(
      /^https:\/\/developer\.microsoft\.com\/json-schemas\/teams\/v1\.\d+\/MicrosoftTeams\.schema\.json$/,
    );
    expect(url).toContain(`/v${String(manifest.manifestVersion)}/`);
    expect(existsSync(bundledSchemaPath(url))).toBe(true);
  });

  it('is valid against the official schema once its placeholders are filled', async () => {
    expect(await validateTeamsManifest(filledManifest())).toEqual([]);
  });

  it('is not valid with its placeholders left in (so the package script must fill them)', async () => {
    const raw = JSON.parse(readManifestTemplate()) as Json;
    const errors = await validateTeamsManifest(raw);
    expect(errors.some((e) => e.startsWith('/id '))).toBe(true);
    expect(errors.some((e) => e.startsWith('/bots/0/botId '))).toBe(true);
  });

  it('reports a manifest with no name', async () => {
    const broken = filledManifest();
    delete broken.name;
    const errors = await validateTeamsManifest(broken);
    expect(errors.join('\n')).toMatch(/must have required property 'name'/);
  });

  it('reports a short description over the 80 character limit', async () => {
    const manifest = filledManifest();
    const description = manifest.description as Json;
    const errors = await validateTeamsManifest({ ...manifest, description: { ...description, short: 'x'.repeat(81) } });
    expect(errors.some((e) => e.startsWith('/description/short '))).toBe(true);
  });

  it('refuses a schema version the package does not bundle instead of downloading it', async () => {
    const manifest = {
      ...filledManifest(),
      $schema: 'https://developer.microsoft.com/json-schemas/teams/v9.99/MicrosoftTeams.schema.json',
    };
    await expect(validateTeamsManifest(manifest)).rejects.toThrow();
    await expect(validateTeamsManifest({ ...manifest, $schema: 'https://example.org/schema.json' })).rejects.toThrow(
      /not a Teams app manifest schema URL/,
    );
  });

  it('describes the app honestly: the framework and its authors, and no claim of endorsement', () => {
    const manifest = filledManifest();
    const name = manifest.name as Json;
    const description = manifest.description as Json;
    expect(name.short).toBe('Framework Guide');
    for (const body of ['LGA', 'Socitm', 'Solace']) expect(String(description.full)).toContain(body);
    for (const topic of ['outcomes', 'missions', 'enablers', 'good practice principles', 'check-in', 'progress']) {
      expect(String(description.full)).toContain(topic);
    }
    expect(String(description.full)).toMatch(/not produced or endorsed by the LGA, Socitm or Solace/);
    // The disclaimer is the only place endorsement may be mentioned.
    expect(JSON.stringify(manifest).replace('not produced or endorsed by', '')).not.toMatch(/endorse/i);
  });

  it('declares a conversational bot for personal, team and group chat that can send files (the data download in a personal chat)', () => {
    const bots = filledManifest().bots as Json[];
    expect(bots).toHaveLength(1);
    expect(bots[0]).toMatchObject({
      scopes: ['personal', 'team', 'groupChat'],
      supportsFiles: true,
      isNotificationOnly: false,
    });
  });

  it('declares the message extension on the bot: a topic search and the "Explain framework terms" message action', async () => {
    const template = JSON.parse(readManifestTemplate()) as Json;
    const [raw] = template.composeExtensions as Json[];
    // The same placeholder as the bot, so the package script fills both with the one bot id.
    expect(raw?.botId).toBe('${{BOT_ID}}');

    const manifest = filledManifest();
    const extensions = manifest.composeExtensions as Json[];
    expect(extensions).toHaveLength(1);
    expect(extensions[0]?.botId).toBe((manifest.bots as Json[])[0]?.botId);
    const commands = extensions[0]?.commands as Json[];
    expect(commands).toHaveLength(2);
    expect(commands[0]).toMatchObject({
      id: 'searchTopics',
      type: 'query',
      initialRun: true,
      context: ['compose', 'commandBox'],
    });
    expect(commands[0]?.parameters).toEqual([expect.objectContaining({ name: 'query' })]);
    expect(commands[1]).toMatchObject({
      id: 'explainTerms',
      type: 'action',
      title: 'Explain framework terms',
      fetchTask: false,
      context: ['message'],
    });
    expect(await validateTeamsManifest(manifest)).toEqual([]);
  });

  it('reports a message extension command title over the 32 character limit', async () => {
    const manifest = filledManifest();
    const [extension] = manifest.composeExtensions as Json[];
    const [search, explain] = extension?.commands as Json[];
    const broken = {
      ...manifest,
      composeExtensions: [{ ...extension, commands: [{ ...search, title: 'x'.repeat(33) }, explain] }],
    };
    const errors = await validateTeamsManifest(broken);
    expect(errors.some((e) => e.startsWith('/composeExtensions/0/commands/0/title '))).toBe(true);
  });

  it('uses https placeholder pages of its own for the developer links', () => {
    const developer = filledManifest().developer as Json;
    for (const key of ['websiteUrl', 'privacyUrl', 'termsOfUseUrl']) {
      expect(String(developer[key])).toMatch(/^https:\/\/example\.org\/framework-guide\//);
    }
  });
});
