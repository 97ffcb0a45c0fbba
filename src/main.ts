// Entry point for `npm start`: read settings, build the app, listen, and stop cleanly on SIGTERM
// (App Service sends it on restarts and scale-in).
import 'dotenv/config';
import { createApp } from './app';
import { ConfigError, parseConfig } from './config';
import { createLogger } from './logging';

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
    logger.warn('MicrosoftAppId is not set: running in anonymous mode, for local use and tests only. Requests are not authenticated.');
  }
  const app = createApp(config, logger);
  const port = await app.listen(config.PORT, config.HOST);
  logger.info({ port, host: config.HOST, auth: config.MicrosoftAppId ? config.MicrosoftAppType : 'anonymous' }, 'Framework Guide is listening on /api/messages');

  const stop = async (signal: string) => {
    logger.info({ signal }, 'stopping');
    await app.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error('Framework Guide failed to start:', error);
  process.exit(1);
});
