// Entry point for `npm start`: read settings, start telemetry, build the app, listen, and stop
// cleanly on SIGTERM (App Service sends it on restarts and scale-in).
import 'dotenv/config';
import type * as AppModule from './app';
import { ConfigError, parseConfig } from './config';
import { createLogger } from './logging';
import { StoreOpenError } from './store/errors';
import type * as OpenStoreModule from './store/openStore';
import { startTelemetry } from './telemetry';

async function main(): Promise<void> {
  let config;
  try {
    config = parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL);
  if (!config.MicrosoftAppId) {
    logger.warn(
      { host: config.HOST, allowAnonymousOnNetwork: config.ALLOW_ANONYMOUS_ON_NETWORK },
      config.ALLOW_ANONYMOUS_ON_NETWORK
        ? 'MicrosoftAppId is not set and ALLOW_ANONYMOUS_ON_NETWORK=true: UNSAFE, unauthenticated requests are accepted from the network.'
        : 'MicrosoftAppId is not set: running in anonymous mode, on this machine only, for local use and tests. Requests are not authenticated.',
    );
  }
  const telemetry = startTelemetry(config.APPLICATIONINSIGHTS_CONNECTION_STRING);
  // The app (restify, http, the Azure and Bot Framework SDKs) is required only now, after telemetry
  // has hooked http: modules required before it would not be traced.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { createApp } = require('./app') as typeof AppModule;
  const { openStore } = require('./store/openStore') as typeof OpenStoreModule;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const store = await openStore({
    dataDir: config.DATA_DIR,
    requestTimeoutMs: config.STORE_TIMEOUT_MS,
    cosmos: config.COSMOS_ENDPOINT
      ? {
          endpoint: config.COSMOS_ENDPOINT,
          key: config.COSMOS_KEY,
          managedIdentityClientId: config.AZURE_CLIENT_ID,
          databaseId: config.COSMOS_DATABASE,
          createIfMissing: config.COSMOS_CREATE_IF_MISSING,
        }
      : undefined,
  });
  logger.info(
    {
      store: config.COSMOS_ENDPOINT ? 'cosmos' : 'local',
      database: config.COSMOS_ENDPOINT ? config.COSMOS_DATABASE : undefined,
    },
    'store open',
  );
  const app = createApp(config, logger, { store });
  const port = await app.listen(config.PORT, config.HOST);
  logger.info(
    {
      port,
      host: config.HOST,
      auth: config.MicrosoftAppId ? config.MicrosoftAppType : 'anonymous',
      telemetry: telemetry.enabled ? 'application-insights' : 'off',
    },
    'Framework Guide is listening on /api/messages',
  );

  const scheduler = config.PROMPTS_ENABLED
    ? app.prompts.startScheduler({ intervalMs: config.PROMPTS_INTERVAL_MS })
    : undefined;
  // Hourly, and on start; a lease lets one instance sweep at a time.
  const sweeper = app.teamData.start();
  // At start and hourly, under a lease: recent roll-ups rebuilt from the answers if they disagree.
  const reconciler = app.rollups.start();

  const stop = async (signal: string) => {
    logger.info({ signal }, 'stopping');
    await scheduler?.stop();
    await sweeper.stop();
    await reconciler.stop();
    await app.close();
    await store.close();
    await telemetry.shutdown();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  // Its message says what is wrong and what to do, in one line: a stack trace would only hide it.
  if (error instanceof StoreOpenError) {
    console.error(error.message);
    process.exit(1);
  }
  console.error('Framework Guide failed to start:', error);
  process.exit(1);
});
