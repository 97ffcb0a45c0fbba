// deploymentTemplates/azuredeploy.json against the code: parameters, API versions, references,
// outputs, app settings (exactly what src/config.ts reads) and Cosmos DB containers (exactly the
// items container src/store/cosmos/cosmosItems.ts defines). No Azure needed: the template is evaluated here. Every
// check also runs on a mutated copy, to show it catches what it is there to catch.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ContainerDefinition } from '@azure/cosmos';
import type { ArmResource, ArmTemplate, ArmValue } from './armExpressions';
import {
  API_VERSIONS,
  appSettingsOf,
  checkApiVersions,
  checkAppSettings,
  checkCosmosContainers,
  checkOutputs,
  checkParameters,
  checkReferences,
  checkResourceSettings,
  checkSecrets,
  codeContainerDefinitions,
  loadJson,
  parameterValues,
  SINGLE_TENANT_OVERRIDES,
  TEMPLATES_DIR,
  type ParametersFile,
} from './templateChecks';

const template = loadJson<ArmTemplate>('azuredeploy.json');
const parametersFile = loadJson<ParametersFile>('azuredeploy.parameters.json');
const code: ContainerDefinition[] = codeContainerDefinitions();

/** A deep copy changed by `change`, so the real template is never touched. */
function mutated(change: (copy: ArmTemplate) => void): ArmTemplate {
  const copy = structuredClone(template);
  change(copy);
  return copy;
}

function resourceOf(copy: ArmTemplate, type: string, nameIncludes = ''): ArmResource {
  const found = copy.resources.find((resource) => resource.type === type && resource.name.includes(nameIncludes));
  if (!found) throw new Error(`no ${type} ${nameIncludes}`);
  return found;
}

function siteConfigOf(copy: ArmTemplate): Record<string, ArmValue> {
  return (resourceOf(copy, 'Microsoft.Web/sites').properties as { siteConfig: Record<string, ArmValue> }).siteConfig;
}

describe('template files', () => {
  it('every file in deploymentTemplates/ that ends in .json is valid JSON with the right schema', () => {
    const files = readdirSync(TEMPLATES_DIR).filter((file) => file.endsWith('.json'));
    expect(files.sort()).toEqual(['azuredeploy.json', 'azuredeploy.parameters.json']);
    for (const file of files) {
      const json = JSON.parse(readFileSync(path.join(TEMPLATES_DIR, file), 'utf8')) as {
        $schema?: string;
        contentVersion?: string;
      };
      expect(json.$schema).toMatch(
        /^https:\/\/schema\.management\.azure\.com\/schemas\/2019-04-01\/deployment(Template|Parameters)\.json#$/,
      );
      expect(json.contentVersion).toBe('1.0.0.0');
    }
  });
});

describe('parameters and variables', () => {
  it('declared ones are used, used ones are declared, and the parameters file fits', () => {
    expect(checkParameters(template, parametersFile)).toEqual([]);
  });

  it('catches an unused parameter, an undeclared one, an unused variable and a stray parameters-file entry', () => {
    const unused = mutated((copy) => {
      copy.parameters = { ...copy.parameters, extra: { type: 'string', defaultValue: 'x' } };
    });
    expect(checkParameters(unused, parametersFile)).toEqual(['parameter extra is declared but never used']);
    const undeclared = mutated((copy) => {
      resourceOf(copy, 'Microsoft.Web/serverfarms').location = "[parameters('region')]";
    });
    expect(checkParameters(undeclared, parametersFile)).toContain("parameters('region') is used but not declared");
    const unusedVariable = mutated((copy) => {
      copy.variables = { ...copy.variables, spare: 'x' };
    });
    expect(checkParameters(unusedVariable, parametersFile)).toEqual(['variable spare is declared but never used']);
    expect(
      checkParameters(template, { parameters: { ...parametersFile.parameters, appname: { value: 'x' } } }),
    ).toEqual(['the parameters file sets appname, which the template does not declare']);
    expect(
      checkParameters(template, { parameters: { ...parametersFile.parameters, msaAppType: { value: 'MultiTenant' } } }),
    ).toEqual(['the parameters file sets msaAppType to "MultiTenant", not an allowed value']);
  });
});

describe('resource types and API versions', () => {
  it('every resource and reference() uses a known type at the listed version', () => {
    expect(checkApiVersions(template, parametersFile)).toEqual([]);
    // Every listed type is used, so the table does not hide stale entries.
    expect(new Set(template.resources.map((resource) => resource.type))).toEqual(new Set(Object.keys(API_VERSIONS)));
  });

  it('catches an old API version, an unknown type and a reference() at the wrong version', () => {
    const old = mutated((copy) => {
      resourceOf(copy, 'Microsoft.BotService/botServices').apiVersion = '2018-07-12';
    });
    expect(checkApiVersions(old, parametersFile)).toEqual([
      'Microsoft.BotService/botServices uses API version 2018-07-12, expected 2022-09-15',
    ]);
    const unknown = mutated((copy) => {
      copy.resources.push({ type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-05-01', name: 'x' });
    });
    expect(checkApiVersions(unknown, parametersFile)).toContain(
      'resource type Microsoft.Storage/storageAccounts is not in the allowed list',
    );
    const reference = mutated((copy) => {
      copy.outputs = {
        ...copy.outputs,
        cosmosEndpoint: {
          type: 'string',
          value:
            "[reference(resourceId('Microsoft.DocumentDB/databaseAccounts', variables('cosmosAccountName')), '2021-04-15').documentEndpoint]",
        },
      };
    });
    expect(checkApiVersions(reference, parametersFile)).toEqual([
      'reference() to Microsoft.DocumentDB/databaseAccounts uses API version 2021-04-15, expected 2024-05-15',
    ]);
  });
});

describe('references between resources', () => {
  it('every resourceId(), reference() and dependsOn points at a declared resource, and children depend on their parents', () => {
    expect(checkReferences(template, parametersFile)).toEqual([]);
  });

  it('catches a dependsOn, a resourceId() and a parent that are not in the template', () => {
    const dependsOn = mutated((copy) => {
      resourceOf(copy, 'Microsoft.Web/sites').dependsOn?.push(
        "[resourceId('Microsoft.Web/serverfarms', 'another-plan')]",
      );
    });
    expect(checkReferences(dependsOn, parametersFile).join('\n')).toContain(
      'depends on Microsoft.Web/serverfarms|another-plan, which the template does not declare',
    );
    const typo = mutated((copy) => {
      const site = resourceOf(copy, 'Microsoft.Web/sites');
      (site.properties as Record<string, ArmValue>).serverFarmId =
        "[resourceId('Microsoft.Web/serverfarms', variables('webAppName'))]";
    });
    expect(checkReferences(typo, parametersFile).join('\n')).toContain(
      'resourceId() points at Microsoft.Web/serverfarms',
    );
    const orphan = mutated((copy) => {
      const container = resourceOf(copy, 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers', "'items'");
      container.dependsOn = [];
    });
    expect(checkReferences(orphan, parametersFile).join('\n')).toContain('must depend on its parent');
    const wrongDepth = mutated((copy) => {
      resourceOf(copy, 'Microsoft.BotService/botServices/channels').name = 'MsTeamsChannel';
    });
    expect(checkReferences(wrongDepth, parametersFile).join('\n')).toContain('needs 2 name segment(s), has 1');
  });
});

describe('outputs', () => {
  it('has what docs/deploy.md reads: bot endpoint, app id, web app name, Cosmos endpoint', () => {
    expect(checkOutputs(template, parametersFile)).toEqual([]);
  });

  it('catches a missing output and a wrong endpoint', () => {
    const missing = mutated((copy) => {
      delete copy.outputs?.webAppName;
    });
    expect(checkOutputs(missing, parametersFile)).toEqual(['output webAppName is missing or empty']);
    const endpoint = mutated((copy) => {
      copy.variables = {
        ...copy.variables,
        botEndpoint: "[format('https://{0}.azurewebsites.net/api/message', parameters('appName'))]",
      };
    });
    expect(checkOutputs(endpoint, parametersFile)).toHaveLength(1);
  });
});

describe('app settings', () => {
  it('are exactly the settings src/config.ts reads (plus listed platform settings), and parse as the app would', () => {
    expect(checkAppSettings(template, parametersFile)).toEqual([]);
  });

  it('set MicrosoftAppPassword only for SingleTenant bots', () => {
    const msi = appSettingsOf(
      template,
      parameterValues(parametersFile, { msaAppType: 'UserAssignedMSI', msaAppPassword: 'should-not-appear' }),
    ).settings;
    expect(msi.has('MicrosoftAppPassword')).toBe(false);
    expect(JSON.stringify([...msi])).not.toContain('should-not-appear');
    const singleTenant = appSettingsOf(template, parameterValues(parametersFile, SINGLE_TENANT_OVERRIDES)).settings;
    expect(singleTenant.get('MicrosoftAppPassword')).toBe('client-secret');
    expect(singleTenant.get('MicrosoftAppId')).toBe(SINGLE_TENANT_OVERRIDES.msaAppId);
  });

  it('catches a setting the code does not read, a missing one, a Cosmos key and a bad value', () => {
    const typo = mutated((copy) => {
      (copy.variables?.appSettings as { name: string; value: string }[]).push({ name: 'COSMOS_DB', value: 'x' });
    });
    expect(checkAppSettings(typo, parametersFile).join('\n')).toContain(
      'app setting COSMOS_DB is neither read by src/config.ts nor a listed platform setting',
    );
    const missing = mutated((copy) => {
      copy.variables = {
        ...copy.variables,
        appSettings: (copy.variables?.appSettings as { name: string }[]).filter(
          (setting) => setting.name !== 'COSMOS_CREATE_IF_MISSING',
        ),
      };
    });
    expect(checkAppSettings(missing, parametersFile).join('\n')).toContain('COSMOS_CREATE_IF_MISSING must be false');
    const key = mutated((copy) => {
      (copy.variables?.appSettings as { name: string; value: string }[]).push({ name: 'COSMOS_KEY', value: 'secret' });
    });
    expect(checkAppSettings(key, parametersFile).join('\n')).toContain('COSMOS_KEY must not be set');
    const badValue = mutated((copy) => {
      const settings = copy.variables?.appSettings as { name: string; value: string }[];
      const logLevel = settings.find((setting) => setting.name === 'LOG_LEVEL');
      if (logLevel) logLevel.value = 'verbose';
    });
    expect(checkAppSettings(badValue, parametersFile).join('\n')).toContain("fail the app's config parsing");
    const noPlatform = mutated((copy) => {
      copy.variables = {
        ...copy.variables,
        appSettings: (copy.variables?.appSettings as { name: string }[]).filter(
          (setting) => setting.name !== 'SCM_DO_BUILD_DURING_DEPLOYMENT',
        ),
      };
    });
    expect(checkAppSettings(noPlatform, parametersFile).join('\n')).toContain(
      'platform setting SCM_DO_BUILD_DURING_DEPLOYMENT is missing',
    );
  });

  it('catches a password set for managed identity bots', () => {
    const leaky = mutated((copy) => {
      const config = siteConfigOf(copy);
      config.appSettings = String(config.appSettings).replace(
        "if(variables('isManagedIdentityBot'), createArray(), createArray(",
        "if(true(), createArray(createObject('name', 'MicrosoftAppPassword', 'value', parameters('msaAppPassword'))), createArray(",
      );
    });
    expect(checkAppSettings(leaky, parametersFile).join('\n')).toContain('UserAssignedMSI: config settings are');
  });
});

describe('Cosmos DB containers', () => {
  const CONTAINERS = 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers';
  type ContainerResource = { resource: { id: string; partitionKey: { paths: string[]; version?: number } } };

  it('the code declares the one items container the engine uses', () => {
    expect(code.map((definition) => definition.id)).toEqual(['items']);
  });

  it('the database and containers match src/store/cosmos/cosmosItems.ts: names, partition keys, TTL, indexing', () => {
    expect(checkCosmosContainers(template, parametersFile, code)).toEqual([]);
  });

  it('catches a wrong partition key, a missing TTL, an extra container and a missing one', () => {
    const partitionKey = mutated((copy) => {
      const items = resourceOf(copy, CONTAINERS, "'items'");
      (items.properties as ContainerResource).resource.partitionKey.paths = ['/teamId'];
    });
    expect(checkCosmosContainers(partitionKey, parametersFile, code).join('\n')).toContain(
      'container items: partition key',
    );
    const ttl = mutated((copy) => {
      const items = resourceOf(copy, CONTAINERS, "'items'");
      delete (items.properties as { resource: { defaultTtl?: number } }).resource.defaultTtl;
    });
    expect(checkCosmosContainers(ttl, parametersFile, code)).toEqual([
      'container items: defaultTtl undefined, the code declares -1',
    ]);
    const missing = mutated((copy) => {
      copy.resources = copy.resources.filter((resource) => !resource.name.includes("'items'"));
    });
    expect(checkCosmosContainers(missing, parametersFile, code)).toEqual(['container items is missing']);
    // One of the earlier layout's containers left in the template: new deployments no longer need it.
    const extra = mutated((copy) => {
      const old = structuredClone(resourceOf(copy, CONTAINERS, "'items'"));
      old.name = old.name.replace("'items'", "'teams'");
      (old.properties as ContainerResource).resource.id = 'teams';
      copy.resources.push(old);
    });
    expect(checkCosmosContainers(extra, parametersFile, code)).toEqual(['container teams is not one the code uses']);
    const version = mutated((copy) => {
      const items = resourceOf(copy, CONTAINERS, "'items'");
      delete (items.properties as ContainerResource).resource.partitionKey.version;
    });
    expect(checkCosmosContainers(version, parametersFile, code).join('\n')).toContain('container items: partition key');
  });
});

describe('resource settings', () => {
  it('bot (azurebot, Teams channel), web app (Linux, Node 24 LTS, npm start, HTTPS, TLS 1.2, always on, /healthz), Cosmos DB (serverless, no keys, Data Contributor role)', () => {
    expect(checkResourceSettings(template, parametersFile)).toEqual([]);
    expect(checkSecrets(template)).toEqual([]);
  });

  it('catches each setting when changed', () => {
    const cases: [string, (copy: ArmTemplate) => void][] = [
      ['alwaysOn', (copy) => (siteConfigOf(copy).alwaysOn = false)],
      ['healthCheckPath', (copy) => (siteConfigOf(copy).healthCheckPath = '/')],
      ['linuxFxVersion', (copy) => (siteConfigOf(copy).linuxFxVersion = 'NODE|20-lts')],
      ['minTlsVersion', (copy) => (siteConfigOf(copy).minTlsVersion = '1.0')],
      [
        'httpsOnly',
        (copy) => ((resourceOf(copy, 'Microsoft.Web/sites').properties as Record<string, ArmValue>).httpsOnly = false),
      ],
      [
        'Teams channel',
        (copy) =>
          (copy.resources = copy.resources.filter(
            (resource) => resource.type !== 'Microsoft.BotService/botServices/channels',
          )),
      ],
      ['azurebot', (copy) => (resourceOf(copy, 'Microsoft.BotService/botServices').kind = 'bot')],
      [
        'disableLocalAuth',
        (copy) =>
          copy.parameters && ((copy.parameters.disableLocalAuth as { defaultValue: ArmValue }).defaultValue = false),
      ],
      [
        'Data Contributor',
        (copy) =>
          (copy.variables = { ...copy.variables, cosmosDataContributorRoleId: '00000000-0000-0000-0000-000000000001' }),
      ],
      [
        'msaAppMSIResourceId',
        (copy) =>
          ((
            resourceOf(copy, 'Microsoft.BotService/botServices').properties as Record<string, ArmValue>
          ).msaAppMSIResourceId = '[null()]'),
      ],
    ];
    for (const [label, change] of cases) {
      expect({ label, problems: checkResourceSettings(mutated(change), parametersFile).length > 0 }).toEqual({
        label,
        problems: true,
      });
    }
    const secretDefault = mutated(
      (copy) =>
        copy.parameters && ((copy.parameters.msaAppPassword as { defaultValue: ArmValue }).defaultValue = 'hunter2'),
    );
    expect(checkSecrets(secretDefault)).toEqual(['secure parameter msaAppPassword has a default value']);
  });
});
