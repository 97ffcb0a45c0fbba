// Every setting the bot reads, parsed once at start. This schema is the one source of truth:
// .env.example documents it and the Azure templates set exactly these names.
import { z } from 'zod';

const guid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a GUID');
const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(emptyAsUndefined, schema.optional());

export const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3978),
    HOST: z.string().min(1).default('0.0.0.0'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Largest request body accepted on /api/messages, in bytes. */
    MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(10 * 1024 * 1024).default(256 * 1024),
    /** The bot's Microsoft Entra app (client) id. Unset means anonymous local mode (never in production). */
    MicrosoftAppId: optional(guid),
    MicrosoftAppPassword: optional(z.string()),
    MicrosoftAppType: z.enum(['SingleTenant', 'UserAssignedMSI']).default('SingleTenant'),
    MicrosoftAppTenantId: optional(guid),
    /** Comma-separated tenant ids; when set, activities from any other tenant are refused. */
    ALLOWED_TENANT_IDS: z.preprocess(
      (value) => (typeof value === 'string' && value.trim() !== '' ? value.split(',').map((id) => id.trim()) : undefined),
      z.array(guid).optional(),
    ),
  })
  .superRefine((config, ctx) => {
    if (config.NODE_ENV === 'production' && !config.MicrosoftAppId) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppId'], message: 'is required when NODE_ENV=production (anonymous mode is for local use only)' });
    }
    if (config.MicrosoftAppId && !config.MicrosoftAppTenantId) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppTenantId'], message: 'is required when MicrosoftAppId is set (single-tenant and managed identity bots)' });
    }
    if (config.MicrosoftAppId && config.MicrosoftAppType === 'SingleTenant' && !config.MicrosoftAppPassword) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppPassword'], message: 'is required when MicrosoftAppType=SingleTenant' });
    }
  });

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {}

/** Parses settings; on failure throws one line naming each bad variable and what is wrong with it. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = configSchema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(config)'} ${issue.message}`);
  throw new ConfigError(`Configuration error: ${problems.join('; ')}`);
}
