// Every setting the bot reads, parsed once at start. This schema is the one source of truth:
// .env.example documents it and the Azure templates set exactly these names.
import { z } from 'zod';

const guid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a GUID');
const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(emptyAsUndefined, schema.optional());

/** The privacy threshold's default: three people, so no answer can be pinned on one of two colleagues. */
export const DEFAULT_MIN_RESPONSES = 3;

export const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3978),
    /**
     * Interface to listen on. Default: every interface (0.0.0.0) with an app id; in anonymous mode
     * only this machine (`localhost`: 127.0.0.1 and ::1), since nothing checks who is calling.
     */
    HOST: optional(z.string().min(1)),
    /**
     * Lets anonymous mode listen on an address other machines can reach. Unsafe: anyone who reaches
     * the port can act as any Teams user and make the bot post to any serviceUrl they name.
     */
    ALLOW_ANONYMOUS_ON_NETWORK: z
      .enum(['true', 'false'], { error: 'must be true or false' })
      .default('false')
      .transform((value) => value === 'true'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Largest request body accepted on /api/messages, in bytes. */
    MAX_BODY_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(10 * 1024 * 1024)
      .default(256 * 1024),
    /** The bot's Microsoft Entra app (client) id. Unset means anonymous local mode (never in production). */
    MicrosoftAppId: optional(guid),
    MicrosoftAppPassword: optional(z.string()),
    MicrosoftAppType: z.enum(['SingleTenant', 'UserAssignedMSI']).default('SingleTenant'),
    MicrosoftAppTenantId: optional(guid),
    /** Where the local store keeps its SQLite file when no Cosmos DB endpoint is set. */
    DATA_DIR: z.string().min(1).default('./data'),
    /** Azure Cosmos DB for NoSQL account endpoint; unset means the local store. */
    COSMOS_ENDPOINT: optional(z.url({ protocol: /^https$/, error: 'must be an https URL' })),
    /** Account key; unset means Microsoft Entra ID (managed identity) through DefaultAzureCredential. */
    COSMOS_KEY: optional(z.string()),
    COSMOS_DATABASE: z.string().min(1).default('framework-guide'),
    /** Create the database and containers at start; turn off for identities without control-plane rights. */
    COSMOS_CREATE_IF_MISSING: z
      .enum(['true', 'false'], { error: 'must be true or false' })
      .default('true')
      .transform((value) => value === 'true'),
    /** Client id of the user-assigned managed identity that reaches Cosmos DB (read by DefaultAzureCredential). */
    AZURE_CLIENT_ID: optional(guid),
    /** Upper bound on one store call, in milliseconds; a slower store counts as down. */
    STORE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60000).default(5000),
    /** Comma-separated Entra object ids of organisation-wide admins, who see every team's progress. */
    ADMIN_OBJECT_IDS: z.preprocess(
      (value) =>
        typeof value === 'string' && value.trim() !== '' ? value.split(',').map((id) => id.trim()) : undefined,
      z.array(guid).optional(),
    ),
    /** Fewest people whose answers a progress figure or free text may come from, so no one is identifiable. */
    MIN_RESPONSES: z.coerce.number().int().min(2).max(50).default(DEFAULT_MIN_RESPONSES),
    /** Run weekly prompt passes on a timer in this process. */
    PROMPTS_ENABLED: z
      .enum(['true', 'false'], { error: 'must be true or false' })
      .default('true')
      .transform((value) => value === 'true'),
    /** How often a prompt pass runs, in milliseconds. */
    PROMPTS_INTERVAL_MS: z.coerce.number().int().min(5000).max(3_600_000).default(60_000),
    /** Shared secret for POST /api/prompts/run (an external scheduler); unset turns the route off. */
    PROMPTS_TRIGGER_SECRET: optional(z.string().min(16, 'must be at least 16 characters')),
    /** Days after the app is removed from a team or group chat before that team's data is deleted (unless it is added back). */
    TEAM_DATA_GRACE_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
    /** Comma-separated tenant ids; when set, activities from any other tenant are refused. */
    ALLOWED_TENANT_IDS: z.preprocess(
      (value) =>
        typeof value === 'string' && value.trim() !== '' ? value.split(',').map((id) => id.trim()) : undefined,
      z.array(guid).optional(),
    ),
    /** Application Insights connection string; set, requests and failures are traced there (src/telemetry). Unset: off. */
    APPLICATIONINSIGHTS_CONNECTION_STRING: optional(
      z
        .string()
        .regex(
          /(?:^|;)\s*InstrumentationKey=[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\s*(?:;|$)/i,
          'must be an Application Insights connection string (InstrumentationKey=<GUID>;IngestionEndpoint=...)',
        ),
    ),
  })
  .superRefine((config, ctx) => {
    if (config.NODE_ENV === 'production' && !config.MicrosoftAppId) {
      ctx.addIssue({
        code: 'custom',
        path: ['MicrosoftAppId'],
        message: 'is required when NODE_ENV=production (anonymous mode is for local use only)',
      });
    }
    if (
      !config.MicrosoftAppId &&
      config.HOST !== undefined &&
      !isLoopbackHost(config.HOST) &&
      !config.ALLOW_ANONYMOUS_ON_NETWORK
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['HOST'],
        message: `is ${config.HOST}, which other machines can reach, and MicrosoftAppId is not set: anonymous mode accepts unauthenticated requests, so it listens on localhost only. Set MicrosoftAppId, or HOST=localhost, or (unsafe) ALLOW_ANONYMOUS_ON_NETWORK=true`,
      });
    }
    if (config.MicrosoftAppId && !config.MicrosoftAppTenantId) {
      ctx.addIssue({
        code: 'custom',
        path: ['MicrosoftAppTenantId'],
        message: 'is required when MicrosoftAppId is set (single-tenant and managed identity bots)',
      });
    }
    if (config.MicrosoftAppId && config.MicrosoftAppType === 'SingleTenant' && !config.MicrosoftAppPassword) {
      ctx.addIssue({
        code: 'custom',
        path: ['MicrosoftAppPassword'],
        message: 'is required when MicrosoftAppType=SingleTenant',
      });
    }
  });

/** Where anonymous mode listens by default: 127.0.0.1 and ::1 (see App.listen). */
export const LOCALHOST = 'localhost';

/** An address only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return bare === LOCALHOST || bare === '::1' || /^127(?:\.\d{1,3}){3}$/.test(bare);
}

export type Config = Omit<z.infer<typeof configSchema>, 'HOST'> & {
  /** Resolved: the setting, or the mode's default (every interface with an app id, localhost without). */
  HOST: string;
};

export class ConfigError extends Error {}

/** Parses settings; on failure throws one line naming each bad variable and what is wrong with it. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = configSchema.safeParse(env);
  if (result.success)
    return { ...result.data, HOST: result.data.HOST ?? (result.data.MicrosoftAppId ? '0.0.0.0' : LOCALHOST) };
  const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(config)'} ${issue.message}`);
  throw new ConfigError(`Configuration error: ${problems.join('; ')}`);
}
