import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { configSchema, parseConfig } from '../src/config';

describe('configuration', () => {
  it('has working defaults for local use', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({ NODE_ENV: 'development', PORT: 3978, MicrosoftAppType: 'SingleTenant' });
    expect(config.MicrosoftAppId).toBeUndefined();
  });

  it('names the variable and the problem in one line', () => {
    expect(() => parseConfig({ PORT: 'eighty' })).toThrow(/^Configuration error: PORT .+$/);
    expect(() => parseConfig({ MicrosoftAppId: 'bot' })).toThrow(/MicrosoftAppId must be a GUID/);
    expect(() => parseConfig({ ALLOWED_TENANT_IDS: 'contoso' })).toThrow(/ALLOWED_TENANT_IDS/);
  });

  it('refuses anonymous mode in production', () => {
    expect(() => parseConfig({ NODE_ENV: 'production' })).toThrow(
      /MicrosoftAppId is required when NODE_ENV=production/,
    );
  });

  it('requires a tenant and, for SingleTenant, a password with an app id', () => {
    const appId = '0a0a0a0a-1111-2222-3333-444444444444';
    expect(() => parseConfig({ MicrosoftAppId: appId })).toThrow(/MicrosoftAppTenantId is required/);
    expect(() => parseConfig({ MicrosoftAppId: appId, MicrosoftAppTenantId: appId })).toThrow(
      /MicrosoftAppPassword is required/,
    );
    expect(
      parseConfig({ MicrosoftAppId: appId, MicrosoftAppTenantId: appId, MicrosoftAppType: 'UserAssignedMSI' })
        .MicrosoftAppType,
    ).toBe('UserAssignedMSI');
  });

  it('anonymous mode listens on this machine only unless told otherwise, and says why', () => {
    const appId = '0a0a0a0a-1111-2222-3333-444444444444';
    expect(parseConfig({}).HOST).toBe('localhost');
    expect(parseConfig({ HOST: '' }).HOST).toBe('localhost');
    for (const host of ['127.0.0.1', '::1', '[::1]', 'localhost', '127.0.0.2'])
      expect(parseConfig({ HOST: host }).HOST).toBe(host);
    for (const host of ['0.0.0.0', '::', '192.168.1.20', 'bot.example.org'])
      expect(() => parseConfig({ HOST: host })).toThrow(
        new RegExp(`^Configuration error: HOST is .+ALLOW_ANONYMOUS_ON_NETWORK=true$`),
      );
    expect(parseConfig({ HOST: '0.0.0.0', ALLOW_ANONYMOUS_ON_NETWORK: 'true' }).HOST).toBe('0.0.0.0');
    expect(() => parseConfig({ HOST: '0.0.0.0', ALLOW_ANONYMOUS_ON_NETWORK: 'yes' })).toThrow(
      /ALLOW_ANONYMOUS_ON_NETWORK must be true or false/,
    );
    // With an app id every request is authenticated: every interface by default.
    const authenticated = { MicrosoftAppId: appId, MicrosoftAppTenantId: appId, MicrosoftAppPassword: 'secret' };
    expect(parseConfig(authenticated).HOST).toBe('0.0.0.0');
    expect(parseConfig({ ...authenticated, HOST: '10.0.0.4' }).HOST).toBe('10.0.0.4');
  });

  it('parses the tenant allow-list', () => {
    const config = parseConfig({
      ALLOWED_TENANT_IDS: '11111111-2222-3333-4444-555555555555, 66666666-2222-3333-4444-555555555555',
    });
    expect(config.ALLOWED_TENANT_IDS).toHaveLength(2);
  });

  it('every variable is documented in .env.example with its default', () => {
    const example = readFileSync(path.join(__dirname, '..', '.env.example'), 'utf8');
    const documented = new Set([...example.matchAll(/^#?\s*([A-Za-z_][A-Za-z0-9_]*)=/gm)].map((match) => match[1]));
    const keys = Object.keys(configSchema.shape);
    expect(keys.length).toBeGreaterThan(5);
    for (const key of keys) expect(documented).toContain(key);
  });
});

describe('the built process', () => {
  const main = path.join(__dirname, '..', 'dist', 'src', 'main.js');
  const run = (env: Record<string, string>) =>
    spawnSync(process.execPath, [main], {
      env: { PATH: process.env.PATH ?? '', ...env },
      encoding: 'utf8',
      timeout: 15000,
    });

  it('stops with one clear line and a non-zero exit on a bad value', () => {
    const result = run({ PORT: '99999' });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^Configuration error: PORT/);
  });

  it('refuses to start anonymously on a network address, in one line', () => {
    const result = run({ HOST: '0.0.0.0' });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^Configuration error: HOST is 0\.0\.0\.0, .+ALLOW_ANONYMOUS_ON_NETWORK=true$/m);
  });

  it('refuses to start in production without an app id', () => {
    const result = run({ NODE_ENV: 'production' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/MicrosoftAppId is required when NODE_ENV=production/);
  });
});
