// The data every maturity button sends back, built and parsed in one place so the two never drift.
// Cards can be old, pressed twice, replayed or forged: nothing here is trusted until parsed.
//
//   { action: 'maturityStep', op, step, teamId, round, owner, rev, target?, token?, ...inputs (level, note) }
//   { action: 'maturityStart', teamId? }
//   { action: 'maturityView', teamId?, view: 'team' | 'organisation' }
//   { action: 'maturityPlan', op: 'targetsOpen' | 'actionOpen', teamId }
//   { action: 'maturityPlan', op: 'targetsSave', teamId, shown, ...inputs (target_0 … target_11) }
//   { action: 'maturityPlan', op: 'actionSave', teamId, actionId, ...inputs (title, theme, outcome, owner, due) }
//   { action: 'maturityPlan', op: 'actionDone' | 'actionEdit', teamId, actionId }
//   { action: 'maturityPlan', op: 'actionChange', teamId, actionId, shown, ...inputs (owner, due) }
//
// `shown` is a digest of the values the form was drawn from (the targets; the action's owner and
// due date): a save whose form shows values that have changed since is refused, so a stale form
// never silently reverts a newer change.
//   { action: 'maturityPlan', op: 'roundClose' | 'roundOpenNext', teamId, round }
import { z } from 'zod';
import { digest } from '../checkins/draftState';
import type { JsonObject } from '../domain';
import { THEME_IDS } from './themes';

/** Every `action` value the maturity cards send; the router hands these to handleAction. */
export const MATURITY_ACTIONS = ['maturityStep', 'maturityStart', 'maturityView', 'maturityPlan'] as const;

const teamId = z.string().min(1).max(1024);
const round = z.string().regex(/^\d{4}-Q[1-4]$/);
const themeId = z.string().refine((id) => THEME_IDS.includes(id));
const actionId = z.string().regex(/^a-[0-9a-f]{16}$/);
const digest16 = z.string().regex(/^[0-9a-f]{16}$/);

export const stepActionSchema = z.looseObject({
  action: z.literal('maturityStep'),
  op: z.enum(['next', 'back', 'skip', 'edit', 'submit']),
  /** The theme the card showed, or 'summary'. */
  step: z.union([themeId, z.literal('summary')]),
  teamId,
  round,
  /** Whose assessment the card is (a digest of the user id), in case it is forwarded or shown to someone else. */
  owner: digest16,
  rev: z.number().int().min(0).max(1_000_000),
  /** For 'edit': the theme to change. */
  target: themeId.optional(),
  /** For 'submit': a digest of the ratings the summary showed. */
  token: digest16.optional(),
});
export type StepAction = z.infer<typeof stepActionSchema>;

const planSchema = z.discriminatedUnion('op', [
  z.object({ action: z.literal('maturityPlan'), op: z.enum(['targetsOpen', 'actionOpen']), teamId }),
  z.object({ action: z.literal('maturityPlan'), op: z.literal('targetsSave'), teamId, shown: digest16 }),
  z.object({
    action: z.literal('maturityPlan'),
    op: z.enum(['actionSave', 'actionDone', 'actionEdit']),
    teamId,
    actionId,
  }),
  z.object({ action: z.literal('maturityPlan'), op: z.literal('actionChange'), teamId, actionId, shown: digest16 }),
  z.object({ action: z.literal('maturityPlan'), op: z.enum(['roundClose', 'roundOpenNext']), teamId, round }),
]);

export const maturityActionSchema = z.union([
  stepActionSchema,
  z.object({ action: z.literal('maturityStart'), teamId: teamId.optional() }),
  z.object({
    action: z.literal('maturityView'),
    teamId: teamId.optional(),
    view: z.enum(['team', 'organisation']),
  }),
  planSchema,
]);
export type PlanAction = z.infer<typeof planSchema>;
export type MaturityAction = z.infer<typeof maturityActionSchema>;

type Payload = JsonObject & { action: string };

/** Which assessment a card belongs to. */
export interface AssessmentTarget {
  teamId: string;
  round: string;
  owner: string;
}

export function stepPayload(
  target: AssessmentTarget,
  step: string,
  rev: number,
  op: StepAction['op'],
  extra: { target?: string; token?: string } = {},
): Payload {
  return {
    action: 'maturityStep',
    op,
    step,
    teamId: target.teamId,
    round: target.round,
    owner: target.owner,
    rev,
    ...extra,
  };
}

export function startPayload(teamId?: string): Payload {
  return { action: 'maturityStart', ...(teamId ? { teamId } : {}) };
}

export function viewPayload(view: 'team' | 'organisation', teamId?: string): Payload {
  return { action: 'maturityView', view, ...(teamId ? { teamId } : {}) };
}

export function planPayload(
  op: PlanAction['op'],
  teamId: string,
  extra: { actionId?: string; round?: string; shown?: string } = {},
): Payload {
  return { action: 'maturityPlan', op, teamId, ...extra };
}

/** What a targets form was drawn from: a save carries it, and is refused once the targets have changed. */
export function targetsShown(targets: Readonly<Record<string, unknown>>): string {
  return digest({ targets });
}

/** What an action's change form was drawn from: its owner and due date. */
export function actionShown(action: { ownerUserId?: string; due: string }): string {
  return digest({ owner: action.ownerUserId ?? null, due: action.due });
}
