// Builds the Teams app package (build/appPackage/framework-guide.zip): manifest.json with its
// placeholders filled, plus the two icons, all at the zip root as Teams requires.
// Run with `npm run package`. Settings come from the environment or .env:
//   MicrosoftAppId  required: the bot's Microsoft Entra app (client) id, a GUID. It is used as
//                   both the Teams app id and the bot id, the usual setup for a single-bot app.
//   APP_VERSION     optional: the app version Teams shows, x.y.z. Defaults to package.json's
//                   version. Teams only accepts an updated package if this goes up.
//   BOT_ENDPOINT    optional: the bot's messaging endpoint (the template's botEndpoint output,
//                   https://<app>.azurewebsites.net/api/messages). The manifest's privacy link
//                   then points at the notice the bot serves there (/privacy). Without it, the
//                   link is the placeholder page.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { config as loadDotenv } from 'dotenv';
import JSZip from 'jszip';
import { validateTeamsManifest } from './manifest-schema';
import { findProjectRoot } from './paths';

export interface PackageSettings {
  appId: string;
  appVersion: string;
  /** The privacy notice the bot serves (https://<bot host>/privacy); the placeholder page when unset. */
  privacyUrl?: string;
}

/** The manifest's privacy link when the bot's address is not known. */
export const PLACEHOLDER_PRIVACY_URL = 'https://example.org/framework-guide/privacy';

export interface Icons {
  color: Buffer;
  outline: Buffer;
}

/** A setting is missing or malformed; the message is one line naming the variable. */
export class PackageConfigError extends Error {}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Teams wants plain major.minor.patch (no pre-release tags), at most three numbers.
const VERSION = /^\d+\.\d+\.\d+$/;

/** Reads and checks the packaging settings; throws PackageConfigError with one clear line. */
export function readPackageSettings(env: Record<string, string | undefined>, defaultVersion: string): PackageSettings {
  const appId = env.MicrosoftAppId?.trim() ?? '';
  if (appId === '') {
    throw new PackageConfigError(
      "MicrosoftAppId is not set: set it (in the environment or .env) to the bot's Microsoft Entra app id, a GUID.",
    );
  }
  if (!GUID.test(appId)) throw new PackageConfigError(`MicrosoftAppId must be a GUID, got "${appId}".`);
  const appVersion = env.APP_VERSION?.trim() || defaultVersion;
  if (!VERSION.test(appVersion)) throw new PackageConfigError(`APP_VERSION must look like 1.2.3, got "${appVersion}".`);
  const endpoint = env.BOT_ENDPOINT?.trim() ?? '';
  if (endpoint === '') return { appId, appVersion };
  return { appId, appVersion, privacyUrl: privacyUrlOf(endpoint) };
}

/** The bot's own privacy page, on the host of its messaging endpoint. */
function privacyUrlOf(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new PackageConfigError(`BOT_ENDPOINT must be the bot's https messaging endpoint, got "${endpoint}".`);
  }
  if (url.protocol !== 'https:')
    throw new PackageConfigError(`BOT_ENDPOINT must be an https URL (Teams requires one), got "${endpoint}".`);
  return new URL('/privacy', url.origin).href;
}

/**
 * Replaces every `${{NAME}}` placeholder in the manifest text. The token style is the one the
 * Teams and Microsoft 365 Agents Toolkits use, so the file reads as familiar to Teams developers.
 * Unknown names are an error rather than left in place: Teams would reject the package later,
 * with a far less helpful message.
 */
export function fillManifest(template: string, settings: PackageSettings): string {
  const values: Record<string, string> = {
    TEAMS_APP_ID: settings.appId,
    BOT_ID: settings.appId,
    APP_VERSION: settings.appVersion,
    PRIVACY_URL: settings.privacyUrl ?? PLACEHOLDER_PRIVACY_URL,
  };
  const unknown = new Set<string>();
  const filled = template.replace(/\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (token, name: string) => {
    const value = values[name];
    if (value === undefined) unknown.add(name);
    return value ?? token;
  });
  if (unknown.size > 0) throw new Error(`manifest.json has unknown placeholders: ${[...unknown].join(', ')}`);
  JSON.parse(filled); // fail here, not in Teams, if a value broke the JSON
  return filled;
}

/** The package as bytes: no file system or network, so tests call it directly. */
export async function buildAppPackage(template: string, icons: Icons, settings: PackageSettings): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('manifest.json', fillManifest(template, settings));
  zip.file('color.png', icons.color);
  zip.file('outline.png', icons.outline);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

export interface CliPaths {
  manifestDir: string;
  outFile: string;
  packageJson: string;
}

export function defaultPaths(root: string = findProjectRoot()): CliPaths {
  return {
    manifestDir: path.join(root, 'manifest'),
    outFile: path.join(root, 'build', 'appPackage', 'framework-guide.zip'),
    packageJson: path.join(root, 'package.json'),
  };
}

/** The whole command; returns the process exit code. Problems are reported as one line. */
export async function runCli(
  env: Record<string, string | undefined>,
  paths: CliPaths = defaultPaths(),
): Promise<number> {
  try {
    const { version } = JSON.parse(readFileSync(paths.packageJson, 'utf8')) as { version: string };
    const settings = readPackageSettings(env, version);
    const template = readFileSync(path.join(paths.manifestDir, 'manifest.json'), 'utf8');
    // Check against the official schema before zipping, so a bad manifest never gets as far as
    // an upload to Teams.
    const problems = await validateTeamsManifest(JSON.parse(fillManifest(template, settings)));
    if (problems.length > 0) throw new Error(`manifest.json does not match its schema: ${problems.join('; ')}`);
    const icons = {
      color: readFileSync(path.join(paths.manifestDir, 'color.png')),
      outline: readFileSync(path.join(paths.manifestDir, 'outline.png')),
    };
    const zip = await buildAppPackage(template, icons, settings);
    mkdirSync(path.dirname(paths.outFile), { recursive: true });
    writeFileSync(paths.outFile, zip);
    console.log(
      `Wrote ${paths.outFile} (app id ${settings.appId}, version ${settings.appVersion}, privacy link ${settings.privacyUrl ?? `${PLACEHOLDER_PRIVACY_URL}: set BOT_ENDPOINT to link the bot's own notice`})`,
    );
    return 0;
  } catch (error) {
    console.error(`package-app: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

if (require.main === module) {
  // Only the command loads .env, and from the project root wherever it is run from; the
  // functions above take their settings as arguments so tests never see a developer's .env.
  loadDotenv({ path: path.join(findProjectRoot(), '.env'), quiet: true });
  void runCli(process.env).then((code) => {
    process.exitCode = code;
  });
}
