// The checks run on deploymentTemplates/azuredeploy.json. Each returns a list of problems (empty
// when the template is right), so the tests can run every check on the real template and on a
// mutated copy, and so prove each check can fail.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ContainerDefinition } from '@azure/cosmos';
import { configSchema, parseConfig } from '../../src/config';
import { ITEMS_CONTAINER } from '../../src/store/cosmos/cosmosItems';
import { ArmEvaluator, resourceIdOf, type ArmTemplate, type ArmValue } from './armExpressions';

export const TEMPLATES_DIR = path.join(__dirname, '..', '..', 'deploymentTemplates');

export function loadJson<T>(file: string): T {
  return JSON.parse(readFileSync(path.join(TEMPLATES_DIR, file), 'utf8')) as T;
}

export interface ParametersFile {
  parameters: Record<string, { value: ArmValue }>;
}

/**
 * Resource types the template may use, each with the API version it must use: current GA versions
 * (checked against the Azure resource reference). Moving to a newer version is a deliberate edit here.
 */
export const API_VERSIONS: Record<string, string> = {
  'Microsoft.ManagedIdentity/userAssignedIdentities': '2023-01-31',
  'Microsoft.OperationalInsights/workspaces': '2023-09-01',
  'Microsoft.Insights/components': '2020-02-02',
  'Microsoft.DocumentDB/databaseAccounts': '2024-05-15',
  'Microsoft.DocumentDB/databaseAccounts/sqlDatabases': '2024-05-15',
  'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers': '2024-05-15',
  'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments': '2024-05-15',
  'Microsoft.Web/serverfarms': '2024-04-01',
  'Microsoft.Web/sites': '2024-04-01',
  'Microsoft.BotService/botServices': '2022-09-15',
  'Microsoft.BotService/botServices/channels': '2022-09-15',
};

/** The Cosmos DB built-in "Data Contributor" data-plane role: read and write items, nothing on the control plane. */
export const COSMOS_DATA_CONTRIBUTOR = '00000000-0000-0000-0000-000000000002';

/** Resources referenced by id that the template does not declare because Azure provides them. */
const BUILT_IN_REFERENCES: { type: string; nameEndsWith: string }[] = [
  { type: 'Microsoft.DocumentDB/databaseAccounts/sqlRoleDefinitions', nameEndsWith: `/${COSMOS_DATA_CONTRIBUTOR}` },
];

/** Outputs docs/deploy.md tells the admin to read. */
export const REQUIRED_OUTPUTS = ['botEndpoint', 'microsoftAppId', 'webAppName', 'cosmosEndpoint'];

/**
 * App settings that are not the bot's own configuration, and why each is there. Everything else
 * the template sets must be a key of configSchema.
 */
export const PLATFORM_SETTINGS: Record<string, string> = {
  // `npm start` runs dist/src/main.js, which only exists after `npm run build`: Oryx runs
  // `npm install` and then `npm run build` on the server when this is true.
  SCM_DO_BUILD_DURING_DEPLOYMENT: 'Oryx builds the TypeScript on deploy',
  // NODE_ENV=production is also in the build's environment, where npm would then skip
  // devDependencies (TypeScript itself); include=dev keeps them for the build.
  NPM_CONFIG_INCLUDE: 'devDependencies are needed by the build under NODE_ENV=production',
  // The bot traces itself with the OpenTelemetry distro (src/telemetry), which drops personal data
  // before export; App Service's codeless agent would add a second instrumentation without that.
  ApplicationInsightsAgent_EXTENSION_VERSION: 'keeps the App Service Application Insights agent off (disabled)',
};

/** configSchema keys the template sets for every bot type. PORT is App Service's own; defaults cover the rest. */
export const DEPLOYED_CONFIG_KEYS = [
  'NODE_ENV',
  'LOG_LEVEL',
  'MicrosoftAppId',
  'MicrosoftAppType',
  'MicrosoftAppTenantId',
  'COSMOS_ENDPOINT',
  'COSMOS_DATABASE',
  'COSMOS_CREATE_IF_MISSING',
  'AZURE_CLIENT_ID',
  'ALLOWED_TENANT_IDS',
  'TEAM_DATA_GRACE_DAYS',
  'APPLICATIONINSIGHTS_CONNECTION_STRING',
];

const SINGLE_TENANT_APP_ID = '3c1f0c6a-5e1d-4b51-9a38-2f6a3d3b9e11';

/** Parameter values for evaluating the template: the parameters file, then overrides. */
export function parameterValues(
  parametersFile: ParametersFile,
  overrides: Record<string, ArmValue> = {},
): Record<string, ArmValue> {
  const values: Record<string, ArmValue> = {};
  for (const [name, entry] of Object.entries(parametersFile.parameters)) values[name] = entry.value;
  return { ...values, ...overrides };
}

export const SINGLE_TENANT_OVERRIDES: Record<string, ArmValue> = {
  msaAppType: 'SingleTenant',
  msaAppId: SINGLE_TENANT_APP_ID,
  msaAppPassword: 'client-secret',
};

// ---- Walking the JSON ---------------------------------------------------------------------------

/** Every string in a JSON value, object keys included. */
function allStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const each of value) allStrings(each, out);
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      out.push(key);
      allStrings(inner, out);
    }
  }
  return out;
}

function namesCalled(template: ArmTemplate, fn: 'parameters' | 'variables'): Set<string> {
  const found = new Set<string>();
  const pattern = new RegExp(`\\b${fn}\\('([^']+)'\\)`, 'g');
  for (const text of allStrings({ ...template, parameters: undefined })) {
    for (const match of text.matchAll(pattern)) found.add(match[1] ?? '');
  }
  // Parameter defaults may use other parameters; they count as uses too.
  for (const declared of Object.values(template.parameters ?? {})) {
    for (const text of allStrings(declared.defaultValue ?? null))
      for (const match of text.matchAll(pattern)) found.add(match[1] ?? '');
  }
  return found;
}

function difference(a: Iterable<string>, b: Set<string>): string[] {
  return [...a].filter((item) => !b.has(item)).sort();
}

// ---- Checks -------------------------------------------------------------------------------------

/** Declared parameters and variables are used, used ones are declared, and the parameters file fits. */
export function checkParameters(template: ArmTemplate, parametersFile: ParametersFile): string[] {
  const problems: string[] = [];
  const declared = new Set(Object.keys(template.parameters ?? {}));
  const used = namesCalled(template, 'parameters');
  for (const name of difference(declared, used)) problems.push(`parameter ${name} is declared but never used`);
  for (const name of difference(used, declared)) problems.push(`parameters('${name}') is used but not declared`);
  const declaredVariables = new Set(Object.keys(template.variables ?? {}));
  const usedVariables = namesCalled(template, 'variables');
  for (const name of difference(declaredVariables, usedVariables))
    problems.push(`variable ${name} is declared but never used`);
  for (const name of difference(usedVariables, declaredVariables))
    problems.push(`variables('${name}') is used but not declared`);
  for (const name of Object.keys(parametersFile.parameters)) {
    if (!declared.has(name)) problems.push(`the parameters file sets ${name}, which the template does not declare`);
  }
  for (const [name, parameter] of Object.entries(template.parameters ?? {})) {
    if (parameter.defaultValue === undefined && !(name in parametersFile.parameters))
      problems.push(`parameter ${name} has no default and the parameters file does not set it`);
    const fileValue = parametersFile.parameters[name]?.value;
    if (fileValue !== undefined && parameter.allowedValues && !parameter.allowedValues.includes(fileValue)) {
      problems.push(`the parameters file sets ${name} to ${JSON.stringify(fileValue)}, not an allowed value`);
    }
  }
  return problems;
}

/** Every resource type is one we know, at the API version in API_VERSIONS; reference() calls too. */
export function checkApiVersions(template: ArmTemplate, parametersFile: ParametersFile): string[] {
  const problems: string[] = [];
  for (const resource of template.resources) {
    const expected = API_VERSIONS[resource.type];
    if (!expected) problems.push(`resource type ${resource.type} is not in the allowed list`);
    else if (resource.apiVersion !== expected)
      problems.push(`${resource.type} uses API version ${resource.apiVersion}, expected ${expected}`);
  }
  for (const ref of evaluateAll(template, parameterValues(parametersFile)).refs) {
    if (ref.via !== 'reference') continue;
    const expected = API_VERSIONS[ref.type];
    if (!ref.apiVersion) problems.push(`reference() to ${ref.type} ${ref.name} has no API version`);
    else if (ref.apiVersion !== expected)
      problems.push(
        `reference() to ${ref.type} uses API version ${ref.apiVersion}, expected ${expected ?? '(type not allowed)'}`,
      );
  }
  return problems;
}

function evaluateAll(template: ArmTemplate, values: Record<string, ArmValue>) {
  const evaluator = new ArmEvaluator(template, values);
  const resources = template.resources.map((resource) => ({
    raw: resource,
    type: resource.type,
    name: String(evaluator.evaluate(resource.name)),
    evaluated: evaluator.evaluate(resource as unknown as ArmValue) as Record<string, ArmValue>,
  }));
  const outputs = evaluator.evaluate((template.outputs ?? {}) as unknown as ArmValue) as Record<
    string,
    { value: ArmValue }
  >;
  return { evaluator, resources, outputs, refs: evaluator.refs };
}

/** Every resourceId(), reference() and dependsOn points at a resource the template declares; children sit under declared parents. */
export function checkReferences(template: ArmTemplate, parametersFile: ParametersFile): string[] {
  const problems: string[] = [];
  for (const values of [parameterValues(parametersFile), parameterValues(parametersFile, SINGLE_TENANT_OVERRIDES)]) {
    const { resources, refs } = evaluateAll(template, values);
    const declared = new Set(resources.map((resource) => resourceIdOf(resource.type, resource.name)));
    for (const ref of refs) {
      if (declared.has(resourceIdOf(ref.type, ref.name))) continue;
      if (BUILT_IN_REFERENCES.some((builtIn) => builtIn.type === ref.type && ref.name.endsWith(builtIn.nameEndsWith)))
        continue;
      problems.push(`${ref.via}() points at ${ref.type} '${ref.name}', which the template does not declare`);
    }
    for (const resource of resources) {
      const typeDepth = resource.type.split('/').length - 1;
      const nameDepth = resource.name.split('/').length;
      if (typeDepth !== nameDepth)
        problems.push(`${resource.type} '${resource.name}' needs ${typeDepth} name segment(s), has ${nameDepth}`);
      const dependsOn = (resource.evaluated.dependsOn ?? []) as string[];
      for (const dependency of dependsOn) {
        if (!declared.has(dependency))
          problems.push(
            `${resource.type} '${resource.name}' depends on ${dependency}, which the template does not declare`,
          );
      }
      if (typeDepth > 1) {
        const parent = resourceIdOf(
          resource.type.split('/').slice(0, -1).join('/'),
          resource.name.split('/').slice(0, -1).join('/'),
        );
        if (!declared.has(parent))
          problems.push(`${resource.type} '${resource.name}' has no parent ${parent} in the template`);
        else if (!dependsOn.includes(parent))
          problems.push(`${resource.type} '${resource.name}' must depend on its parent ${parent}`);
      }
    }
  }
  return problems;
}

export function checkOutputs(template: ArmTemplate, parametersFile: ParametersFile): string[] {
  const problems: string[] = [];
  const outputs = evaluateAll(template, parameterValues(parametersFile)).outputs;
  for (const name of REQUIRED_OUTPUTS) {
    const value = outputs[name]?.value;
    if (typeof value !== 'string' || value === '') problems.push(`output ${name} is missing or empty`);
  }
  if (
    outputs.botEndpoint &&
    !/^https:\/\/[a-z0-9-]+\.azurewebsites\.net\/api\/messages$/.test(String(outputs.botEndpoint.value))
  ) {
    problems.push(
      `output botEndpoint is ${String(outputs.botEndpoint.value)}, not https://<app>.azurewebsites.net/api/messages`,
    );
  }
  return problems;
}

function findResource(template: ArmTemplate, values: Record<string, ArmValue>, type: string) {
  return evaluateAll(template, values).resources.filter((resource) => resource.type === type);
}

/** The web app's app settings, evaluated, as name → value. Duplicate names are a problem. */
export function appSettingsOf(
  template: ArmTemplate,
  values: Record<string, ArmValue>,
): { settings: Map<string, string>; duplicates: string[] } {
  const [site] = findResource(template, values, 'Microsoft.Web/sites');
  const list = ((site?.evaluated.properties as Record<string, Record<string, ArmValue>> | undefined)?.siteConfig
    ?.appSettings ?? []) as { name: string; value: ArmValue }[];
  const settings = new Map<string, string>();
  const duplicates: string[] = [];
  for (const { name, value } of list) {
    if (settings.has(name)) duplicates.push(name);
    settings.set(name, value === null ? '' : String(value));
  }
  return { settings, duplicates };
}

/**
 * App settings are exactly the configuration the code reads (every name a configSchema key, or a
 * listed platform setting), the password only for SingleTenant, no Cosmos key, and the settings
 * as deployed pass the app's own config parsing.
 */
export function checkAppSettings(template: ArmTemplate, parametersFile: ParametersFile): string[] {
  const problems: string[] = [];
  const schemaKeys = new Set(Object.keys(configSchema.shape));
  for (const [label, overrides] of [
    ['UserAssignedMSI', { msaAppType: 'UserAssignedMSI' }],
    ['SingleTenant', SINGLE_TENANT_OVERRIDES],
  ] as const) {
    const { settings, duplicates } = appSettingsOf(template, parameterValues(parametersFile, overrides));
    for (const name of duplicates) problems.push(`${label}: app setting ${name} is set twice`);
    for (const name of settings.keys()) {
      if (!schemaKeys.has(name) && !(name in PLATFORM_SETTINGS))
        problems.push(`${label}: app setting ${name} is neither read by src/config.ts nor a listed platform setting`);
    }
    const expected =
      label === 'SingleTenant' ? [...DEPLOYED_CONFIG_KEYS, 'MicrosoftAppPassword'] : DEPLOYED_CONFIG_KEYS;
    const setConfigKeys = [...settings.keys()].filter((name) => schemaKeys.has(name)).sort();
    if (JSON.stringify(setConfigKeys) !== JSON.stringify([...expected].sort())) {
      problems.push(
        `${label}: config settings are [${setConfigKeys.join(', ')}], expected [${[...expected].sort().join(', ')}]`,
      );
    }
    for (const name of Object.keys(PLATFORM_SETTINGS))
      if (!settings.has(name)) problems.push(`${label}: platform setting ${name} is missing`);
    if (settings.has('COSMOS_KEY'))
      problems.push(`${label}: COSMOS_KEY must not be set: the web app reaches Cosmos DB with its managed identity`);
    if (settings.get('NODE_ENV') !== 'production') problems.push(`${label}: NODE_ENV must be production`);
    if (settings.get('ApplicationInsightsAgent_EXTENSION_VERSION') !== 'disabled')
      problems.push(
        `${label}: ApplicationInsightsAgent_EXTENSION_VERSION must be disabled (the app traces itself, with personal data removed)`,
      );
    if (!settings.get('APPLICATIONINSIGHTS_CONNECTION_STRING'))
      problems.push(`${label}: APPLICATIONINSIGHTS_CONNECTION_STRING must come from the Application Insights resource`);
    if (settings.get('COSMOS_CREATE_IF_MISSING') !== 'false')
      problems.push(`${label}: COSMOS_CREATE_IF_MISSING must be false (the template creates the containers)`);
    if (settings.get('MicrosoftAppType') !== label)
      problems.push(`${label}: MicrosoftAppType is ${settings.get('MicrosoftAppType') ?? '(unset)'}`);
    if (label === 'UserAssignedMSI' && settings.get('MicrosoftAppId') !== settings.get('AZURE_CLIENT_ID')) {
      problems.push('UserAssignedMSI: MicrosoftAppId must be the managed identity client id (AZURE_CLIENT_ID)');
    }
    try {
      const config = parseConfig(Object.fromEntries(settings));
      if (!config.COSMOS_ENDPOINT)
        problems.push(`${label}: the deployed settings select the local store, not Cosmos DB`);
    } catch (error) {
      problems.push(`${label}: the deployed settings fail the app's config parsing: ${(error as Error).message}`);
    }
  }
  return problems;
}

/** The container definitions the code creates: the engine's one items container (CosmosEngine.open creates it). */
export function codeContainerDefinitions(): ContainerDefinition[] {
  return [ITEMS_CONTAINER];
}

/** The database and containers are exactly what the code expects: names, partition keys, TTL, indexing. */
export function checkCosmosContainers(
  template: ArmTemplate,
  parametersFile: ParametersFile,
  code: ContainerDefinition[],
): string[] {
  const problems: string[] = [];
  const values = parameterValues(parametersFile);
  const [database] = findResource(template, values, 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases');
  const defaultDatabase = parseConfig({}).COSMOS_DATABASE;
  const databaseId = (database?.evaluated.properties as { resource?: { id?: string } } | undefined)?.resource?.id;
  if (databaseId !== defaultDatabase)
    problems.push(`database is ${databaseId ?? '(none)'}; the code's default COSMOS_DATABASE is ${defaultDatabase}`);
  const containers = findResource(
    template,
    values,
    'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers',
  ).map((resource) => (resource.evaluated.properties as { resource: Record<string, ArmValue> }).resource);
  const byId = new Map(containers.map((container) => [String(container.id), container]));
  if (byId.size !== containers.length) problems.push('two containers share an id');
  for (const name of difference(byId.keys(), new Set(code.map((definition) => definition.id ?? ''))))
    problems.push(`container ${name} is not one the code uses`);
  for (const definition of code) {
    const container = byId.get(definition.id ?? '');
    if (!container) {
      problems.push(`container ${definition.id ?? ''} is missing`);
      continue;
    }
    const expectedKey = {
      paths: definition.partitionKey?.paths,
      kind: definition.partitionKey?.kind ?? 'Hash',
      version: definition.partitionKey?.version ?? 1,
    };
    const key = container.partitionKey as Record<string, ArmValue> | undefined;
    if (
      JSON.stringify({ paths: key?.paths, kind: key?.kind, version: key?.version ?? 1 }) !== JSON.stringify(expectedKey)
    ) {
      problems.push(
        `container ${definition.id}: partition key ${JSON.stringify(key)}, the code declares ${JSON.stringify(expectedKey)}`,
      );
    }
    if (container.defaultTtl !== definition.defaultTtl) {
      problems.push(
        `container ${definition.id}: defaultTtl ${String(container.defaultTtl)}, the code declares ${String(definition.defaultTtl)}`,
      );
    }
    // The code leaves indexing to Cosmos DB's default (consistent, every path): the template must say the same.
    const expectedIndexing = definition.indexingPolicy ?? {
      indexingMode: 'consistent',
      automatic: true,
      includedPaths: [{ path: '/*' }],
      excludedPaths: [{ path: '/"_etag"/?' }],
    };
    if (JSON.stringify(container.indexingPolicy) !== JSON.stringify(expectedIndexing)) {
      problems.push(
        `container ${definition.id}: indexing policy ${JSON.stringify(container.indexingPolicy)} differs from the code's`,
      );
    }
  }
  return problems;
}

/** The shape the brief asks for: bot, web app, Cosmos DB account and role assignment settings. */
export function checkResourceSettings(template: ArmTemplate, parametersFile: ParametersFile): string[] {
  const problems: string[] = [];
  const expect = (condition: boolean, problem: string) => {
    if (!condition) problems.push(problem);
  };
  for (const [label, values] of [
    ['UserAssignedMSI', parameterValues(parametersFile, { msaAppType: 'UserAssignedMSI' })],
    ['SingleTenant', parameterValues(parametersFile, SINGLE_TENANT_OVERRIDES)],
  ] as const) {
    const all = evaluateAll(template, values);
    const of = (type: string) => all.resources.filter((resource) => resource.type === type);
    const [bot] = of('Microsoft.BotService/botServices');
    const botProps = (bot?.evaluated.properties ?? {}) as Record<string, ArmValue>;
    expect(bot?.evaluated.kind === 'azurebot', `${label}: the bot must be kind azurebot`);
    expect(botProps.msaAppType === label, `${label}: bot msaAppType is ${String(botProps.msaAppType)}`);
    expect(
      typeof botProps.msaAppId === 'string' && /^[0-9a-f-]{36}$/.test(botProps.msaAppId),
      `${label}: bot msaAppId is not a GUID`,
    );
    expect(
      typeof botProps.msaAppTenantId === 'string' && botProps.msaAppTenantId !== '',
      `${label}: bot msaAppTenantId is empty`,
    );
    const identityId = resourceIdOf(
      'Microsoft.ManagedIdentity/userAssignedIdentities',
      String(of('Microsoft.ManagedIdentity/userAssignedIdentities')[0]?.name),
    );
    if (label === 'UserAssignedMSI')
      expect(
        botProps.msaAppMSIResourceId === identityId,
        'UserAssignedMSI: bot msaAppMSIResourceId must be the template identity',
      );
    else expect(botProps.msaAppMSIResourceId === null, 'SingleTenant: bot msaAppMSIResourceId must be unset');
    const { settings } = appSettingsOf(template, values);
    expect(
      botProps.msaAppId === settings.get('MicrosoftAppId'),
      `${label}: the bot's msaAppId and the web app's MicrosoftAppId differ`,
    );
    const webAppName = String(of('Microsoft.Web/sites')[0]?.name);
    expect(
      botProps.endpoint === `https://${webAppName}.azurewebsites.net/api/messages`,
      `${label}: bot endpoint ${String(botProps.endpoint)} is not the web app's /api/messages`,
    );
    const teams = of('Microsoft.BotService/botServices/channels').find((channel) =>
      channel.name.endsWith('/MsTeamsChannel'),
    );
    const teamsProps = teams?.evaluated.properties as
      { channelName?: string; properties?: { isEnabled?: boolean } } | undefined;
    expect(
      teamsProps?.channelName === 'MsTeamsChannel' && teamsProps.properties?.isEnabled === true,
      `${label}: the Teams channel must be enabled`,
    );

    const [site] = of('Microsoft.Web/sites');
    const siteProps = (site?.evaluated.properties ?? {}) as Record<string, ArmValue> & {
      siteConfig?: Record<string, ArmValue>;
    };
    const config = siteProps.siteConfig ?? {};
    expect(String(site?.evaluated.kind).includes('linux'), `${label}: the web app must be Linux`);
    expect(config.linuxFxVersion === 'NODE|24-lts', `${label}: linuxFxVersion must be NODE|24-lts`);
    expect(config.appCommandLine === 'npm start', `${label}: the web app must run npm start`);
    expect(siteProps.httpsOnly === true, `${label}: httpsOnly must be true`);
    expect(config.minTlsVersion === '1.2', `${label}: minTlsVersion must be 1.2`);
    expect(config.alwaysOn === true, `${label}: alwaysOn must be true`);
    expect(config.healthCheckPath === '/healthz', `${label}: healthCheckPath must be /healthz`);
    const identity = site?.evaluated.identity as
      { type?: string; userAssignedIdentities?: Record<string, unknown> } | undefined;
    expect(
      identity?.type === 'UserAssigned' && Object.keys(identity.userAssignedIdentities ?? {}).includes(identityId),
      `${label}: the web app must carry the user-assigned identity`,
    );
    const [plan] = of('Microsoft.Web/serverfarms');
    expect(
      (plan?.evaluated.properties as { reserved?: boolean } | undefined)?.reserved === true,
      `${label}: the App Service plan must be Linux (reserved)`,
    );

    const [assignment] = of('Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments');
    const assignmentProps = (assignment?.evaluated.properties ?? {}) as Record<string, ArmValue>;
    const accountId = resourceIdOf(
      'Microsoft.DocumentDB/databaseAccounts',
      String(of('Microsoft.DocumentDB/databaseAccounts')[0]?.name),
    );
    expect(
      String(assignmentProps.roleDefinitionId).endsWith(`/${COSMOS_DATA_CONTRIBUTOR}`),
      `${label}: the Cosmos role assignment must use the built-in Data Contributor role`,
    );
    expect(assignmentProps.scope === accountId, `${label}: the Cosmos role assignment must be scoped to the account`);
    expect(
      typeof assignmentProps.principalId === 'string' && assignmentProps.principalId !== '',
      `${label}: the Cosmos role assignment needs the identity's principal id`,
    );
  }
  // Defaults: serverless, keys off.
  const declared = template.parameters ?? {};
  expect(declared.disableLocalAuth?.defaultValue === true, 'disableLocalAuth must default to true');
  expect(declared.cosmosCapacityMode?.defaultValue === 'Serverless', 'Cosmos DB must default to serverless');
  const serverless = evaluateAll(template, parameterValues({ parameters: {} })).resources.find(
    (resource) => resource.type === 'Microsoft.DocumentDB/databaseAccounts',
  );
  const accountProps = (serverless?.evaluated.properties ?? {}) as {
    capabilities?: { name: string }[];
    disableLocalAuth?: boolean;
  };
  expect(
    accountProps.capabilities?.some((capability) => capability.name === 'EnableServerless') === true,
    'by default the account must have EnableServerless',
  );
  expect(accountProps.disableLocalAuth === true, 'by default the account must disable local (key) auth');
  const provisioned = evaluateAll(
    template,
    parameterValues({ parameters: {} }, { cosmosCapacityMode: 'Provisioned', cosmosDatabaseThroughput: 1000 }),
  ).resources;
  const provisionedAccount = provisioned.find((resource) => resource.type === 'Microsoft.DocumentDB/databaseAccounts');
  expect(
    ((provisionedAccount?.evaluated.properties ?? {}) as { capabilities?: unknown[] }).capabilities?.length === 0,
    'provisioned accounts must not be serverless',
  );
  const provisionedDb = provisioned.find(
    (resource) => resource.type === 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases',
  );
  expect(
    JSON.stringify((provisionedDb?.evaluated.properties as { options?: unknown } | undefined)?.options) ===
      '{"throughput":1000}',
    'provisioned databases must get the throughput parameter',
  );
  return problems;
}

/** Secure parameters carry no default secret and reach nothing but the app setting. */
export function checkSecrets(template: ArmTemplate): string[] {
  const problems: string[] = [];
  for (const [name, parameter] of Object.entries(template.parameters ?? {})) {
    if (parameter.type !== 'securestring') continue;
    if (parameter.defaultValue !== undefined && parameter.defaultValue !== '')
      problems.push(`secure parameter ${name} has a default value`);
    const outputs = JSON.stringify(template.outputs ?? {});
    if (outputs.includes(`parameters('${name}')`)) problems.push(`secure parameter ${name} is in an output`);
  }
  return problems;
}
