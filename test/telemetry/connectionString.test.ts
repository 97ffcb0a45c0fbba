// APPLICATIONINSIGHTS_CONNECTION_STRING in the config schema: empty is off, a connection string is
// on, anything else stops the bot with a line that names the variable and does not repeat the value.
import { parseConfig } from '../../src/config';

const connectionString =
  'InstrumentationKey=0a1b2c3d-1111-2222-3333-444444444444;IngestionEndpoint=https://uksouth-1.in.applicationinsights.azure.com/;LiveEndpoint=https://uksouth.livediagnostics.monitor.azure.com/';

it('is off when unset or empty', () => {
  expect(parseConfig({}).APPLICATIONINSIGHTS_CONNECTION_STRING).toBeUndefined();
  expect(
    parseConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: '' }).APPLICATIONINSIGHTS_CONNECTION_STRING,
  ).toBeUndefined();
});

it('takes a connection string as the portal gives it', () => {
  expect(
    parseConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: connectionString }).APPLICATIONINSIGHTS_CONNECTION_STRING,
  ).toBe(connectionString);
  const keyLast = 'IngestionEndpoint=https://127.0.0.1:1/;InstrumentationKey=0a1b2c3d-1111-2222-3333-444444444444';
  expect(parseConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: keyLast }).APPLICATIONINSIGHTS_CONNECTION_STRING).toBe(
    keyLast,
  );
});

it('refuses anything else in one line naming the variable, without repeating the value', () => {
  for (const value of [
    '0a1b2c3d-1111-2222-3333-444444444444',
    'InstrumentationKey=not-a-key;IngestionEndpoint=https://x/',
    'https://uksouth-1.in.applicationinsights.azure.com/',
  ]) {
    let message = '';
    try {
      parseConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: value });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(
      /^Configuration error: APPLICATIONINSIGHTS_CONNECTION_STRING must be an Application Insights connection string/,
    );
    expect(message).not.toContain(value);
  }
});
