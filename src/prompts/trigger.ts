// Authorisation for POST /api/prompts/run, which lets an outside timer (e.g. an Azure Logic App or
// a cron job) run a pass when the app may be asleep. Off unless PROMPTS_TRIGGER_SECRET is set.
import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * 'off' when no secret is configured (answer 404), 'refused' for anything but
 * `Bearer <secret>` (answer 401), 'ok' otherwise. Both sides are hashed first, so the comparison is
 * constant-time on equal-length buffers and does not reveal the secret's length either.
 */
export function authorisePromptTrigger(
  header: string | undefined,
  secret: string | undefined,
): 'ok' | 'off' | 'refused' {
  if (!secret) return 'off';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match?.[1]) return 'refused';
  const given = createHash('sha256').update(match[1], 'utf8').digest();
  const expected = createHash('sha256').update(secret, 'utf8').digest();
  return timingSafeEqual(given, expected) ? 'ok' : 'refused';
}
