// Validates a Teams app manifest against the official JSON schema that @microsoft/app-manifest
// ships in its package, never a downloaded copy: packaging and tests must work offline, and a
// schema fetched at run time could change under us.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';

type ManifestSchema = NonNullable<Parameters<typeof AppManifestUtils.validateAgainstSchema>[1]>;

// Matches the URLs Microsoft publishes (optionally with a locale segment, as learn.microsoft.com
// links often have) and captures the path the package mirrors under build/.
const TEAMS_SCHEMA_URL =
  /^https:\/\/developer\.microsoft\.com\/(?:[a-z]{2}(?:-[a-z]{2})?\/)?(json-schemas\/teams\/(?:v1\.\d+|vDevPreview)\/MicrosoftTeams\.schema\.json)$/i;

/** Path of the package's bundled copy of the schema named by a manifest's `$schema` URL. */
export function bundledSchemaPath(schemaUrl: string): string {
  const match = TEAMS_SCHEMA_URL.exec(schemaUrl);
  if (!match?.[1]) throw new Error(`$schema "${schemaUrl}" is not a Teams app manifest schema URL`);
  const packageDir = path.dirname(require.resolve('@microsoft/app-manifest/package.json'));
  return path.join(packageDir, 'build', match[1]);
}

/** Schema errors as readable lines; an empty list means the manifest is valid. */
export async function validateTeamsManifest(manifest: unknown): Promise<string[]> {
  if (typeof manifest !== 'object' || manifest === null) return ['manifest is not a JSON object'];
  const schemaUrl = (manifest as { $schema?: unknown }).$schema;
  if (typeof schemaUrl !== 'string') return ['manifest has no $schema URL'];
  // Reading the file ourselves (rather than letting the package resolve the URL) guarantees no
  // network fallback: a schema version the package does not bundle fails here, loudly.
  const schema = JSON.parse(readFileSync(bundledSchemaPath(schemaUrl), 'utf8')) as ManifestSchema;
  // The package's own validator: ajv with the draft-04 dialect and formats the schema expects.
  return AppManifestUtils.validateAgainstSchema(manifest as AppManifest, schema);
}
