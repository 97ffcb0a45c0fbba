// Lease names for deliveries. The store allows only [A-Za-z0-9._:-] in lease names, and Teams ids
// carry '@', ';' and more, so ids are hashed: short, fixed length and safe.
import { createHash } from 'node:crypto';
import type { IsoWeek } from '../domain';

export type DeliveryKind = 'prompt' | 'reminder' | 'maturityReminder' | 'summary';

function digest(id: string): string {
  return createHash('sha256').update(id).digest('base64url').slice(0, 27);
}

/**
 * One name per message that must go out at most once: the team's prompt for a week, one person's
 * check-in reminder or self-assessment reminder for a team and week, or the team's summary of a week
 * that has closed. The same lease is the in-flight claim and, renewed with a
 * long lifetime after the send, the durable "sent" marker (see delivery.ts).
 */
export function deliveryKey(kind: DeliveryKind, teamId: string, week: IsoWeek, userId?: string): string {
  return ['prompt-sent', kind, week, digest(teamId), ...(userId ? [digest(userId)] : [])].join(':');
}
