// The data every progress button sends back, built and parsed in one place so the two never drift.
//
//   { action: 'progress', view: 'overview' | 'attention' | 'summary', teamId }
//   { action: 'progress', view: 'mission', teamId, mission }
//   { action: 'progress', view: 'outcome', teamId, outcomeId }
//   { action: 'progressLeads', op: 'open', teamId }
//   { action: 'progressLeads', op: 'add', teamId, leadUserId }     (leadUserId from the card's input)
//   { action: 'progressLeads', op: 'remove', teamId, userId }
//   { action: 'progressLeads', op: 'weeklySummary', teamId, on }  (post the weekly summary to the channel, or stop)
import { z } from 'zod';
import { MISSIONS, type JsonObject, type Mission } from '../domain';

/** Every `action` value the progress cards send; the router hands these to handleAction. */
export const PROGRESS_ACTIONS = ['progress', 'progressLeads'] as const;

const teamId = z.string().min(1).max(1024);
const userId = z.string().min(1).max(1024);

export const progressActionSchema = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('progress'),
    view: z.enum(['overview', 'mission', 'outcome', 'attention', 'summary']),
    teamId,
    mission: z.enum(MISSIONS).optional(),
    outcomeId: z
      .string()
      .regex(/^outcome:[a-z0-9-]{1,80}$/)
      .optional(),
  }),
  z.object({
    action: z.literal('progressLeads'),
    op: z.enum(['open', 'add', 'remove', 'weeklySummary']),
    teamId,
    userId: userId.optional(),
    leadUserId: z.string().max(1024).optional(),
    /** For 'weeklySummary': the state the button sets (not a toggle, so a stale card pressed twice does what it says). */
    on: z.boolean().optional(),
  }),
]);

export type ProgressAction = z.infer<typeof progressActionSchema>;

type Payload = JsonObject & { action: string };

export function viewPayload(view: 'overview' | 'attention' | 'summary', teamId: string): Payload {
  return { action: 'progress', view, teamId };
}

export function missionPayload(teamId: string, mission: Mission): Payload {
  return { action: 'progress', view: 'mission', teamId, mission };
}

export function outcomePayload(teamId: string, outcomeId: string): Payload {
  return { action: 'progress', view: 'outcome', teamId, outcomeId };
}

export function leadsPayload(op: 'open' | 'add', teamId: string): Payload {
  return { action: 'progressLeads', op, teamId };
}

export function removeLeadPayload(teamId: string, userId: string): Payload {
  return { action: 'progressLeads', op: 'remove', teamId, userId };
}

export function weeklySummaryPayload(teamId: string, on: boolean): Payload {
  return { action: 'progressLeads', op: 'weeklySummary', teamId, on };
}
