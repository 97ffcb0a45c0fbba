// Request and failure tracing to Application Insights, with Microsoft's OpenTelemetry distro
// (@azure/monitor-opentelemetry), when APPLICATIONINSIGHTS_CONNECTION_STRING is set; off otherwise.
//
// The distro hooks Node's http module as modules are required, so it must start before restify
// and the SDKs are loaded: src/main.ts calls startTelemetry first and only then requires the app.
// When it is off, the distro is never required: no hooks, no timers, no cost.
//
// Privacy: what is exported carries no message text, user ids or names. Every span passes through
// PersonalDataRedactor (./redaction) before export. Live Metrics is off: it streams samples of
// requests and exceptions to the portal on its own path, outside that processor. Logs are not
// exported: our pino logs are not hooked by the distro (and never carry message text anyway), and
// the bunyan and winston hooks are turned off, because restify logs through bunyan.
import type * as Distro from '@azure/monitor-opentelemetry';
import { PersonalDataRedactor } from './redaction';

export interface Telemetry {
  readonly enabled: boolean;
  /** Sends what is buffered and stops; gives up after `timeoutMs` so a stop is never held up by it. */
  shutdown(timeoutMs?: number): Promise<void>;
}

const OFF: Telemetry = { enabled: false, shutdown: async () => {} };

export function startTelemetry(connectionString: string | undefined): Telemetry {
  if (!connectionString) return OFF;
  // Required here, not imported at the top, so that nothing of the distro loads when telemetry is off.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const distro = require('@azure/monitor-opentelemetry') as typeof Distro;
  // The cloud role name in Application Insights, unless the environment (or App Service) names it.
  process.env.OTEL_SERVICE_NAME ??= 'framework-guide';
  distro.useAzureMonitor({
    azureMonitorExporterOptions: { connectionString },
    enableLiveMetrics: false,
    instrumentationOptions: {
      // Incoming requests (with their route and result) and outgoing calls (Bot Connector, Entra ID).
      http: { enabled: true },
      // Cosmos DB calls as dependencies.
      azureSdk: { enabled: true },
      // Not used by the bot: no reason to hook them.
      mongoDb: { enabled: false },
      mySql: { enabled: false },
      postgreSql: { enabled: false },
      redis: { enabled: false },
      redis4: { enabled: false },
      // Log records are not exported (see above).
      bunyan: { enabled: false },
      winston: { enabled: false },
    },
    spanProcessors: [new PersonalDataRedactor()],
  });
  return {
    enabled: true,
    shutdown: async (timeoutMs = 5000) => {
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
        timer.unref();
      });
      try {
        await Promise.race([distro.shutdownAzureMonitor().catch(() => undefined), deadline]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
