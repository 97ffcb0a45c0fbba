// Composition root: config → capabilities → bot → server. Tests build the same app with createApp.
import { createCheckins } from './checkins';
import type { Config } from './config';
import * as knowledge from './knowledge/answers';
import type { Logger } from './logging';
import { createServer } from './server';
import { createAdapter, type AuthOverrides } from './teams/adapter';
import { FrameworkGuideBot } from './teams/frameworkGuideBot';
import { RosterTeamDirectory } from './teams/rosterTeamDirectory';
import { createMessagesHandler } from './teams/messagesEndpoint';
import { InstallationRecorder } from './installations/installationRecorder';
import type { FrameworkStore } from './store/port';
import { StoreActivityClaims } from './turns/activityClaims';

export interface App {
  /** Starts listening; resolves with the port actually bound (0 in config picks a free one). */
  listen(port: number, host: string): Promise<number>;
  close(): Promise<void>;
}

export interface AppDependencies {
  store: FrameworkStore;
  authOverrides?: AuthOverrides;
}

export function createApp(config: Config, logger: Logger, { store, authOverrides = {} }: AppDependencies): App {
  const adapter = createAdapter(config, authOverrides);
  const checkins = createCheckins({ store, teams: new RosterTeamDirectory(adapter, config.MicrosoftAppId ?? '', store) });
  const bot = new FrameworkGuideBot({
    capabilities: { knowledge, checkins },
    claims: new StoreActivityClaims(store, (error) => logger.warn({ err: error }, 'activity claims: store unreachable, using memory')),
    installations: new InstallationRecorder(store, logger),
    logger,
    allowedTenantIds: config.ALLOWED_TENANT_IDS,
  });
  const server = createServer({
    maxBodyBytes: config.MAX_BODY_BYTES,
    logger,
    routes: { messages: createMessagesHandler(adapter, bot, logger), checkReady: () => store.ping() },
  });
  return {
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve(server.address().port));
      }),
    // Stop accepting, let turns in flight finish, and drop idle keep-alive connections so close completes.
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.server.closeIdleConnections();
      }),
  };
}
