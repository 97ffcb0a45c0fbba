// The data every check-in button sends back, in one place so the shapes stay in step with
// validation.ts (which parses them) and can be read off for the edge.
//
//   { action: 'checkin', op, step, target?, mission, week, teamId, owner, rev, token?, ...inputs }
//   { action: 'checkinStart', teamId?, mission? }
//   { action: 'checkinMine' }
//   { action: 'practiceOffer', teamId, mission, week } (the practice capability's, on the saved card)
//   { action: 'checkinSettings', op: 'open', teamId? } | { action: 'checkinSettings', op: 'save', teamId, shown, ...inputs }
//   { action: 'checkinAway', op: 'thisWeek', teamId } | { action: 'checkinAway', op: 'back' }
import type { JsonObject, Mission } from '../domain';
import type { QuestionStep, Step } from './steps';
import type { StepAction } from './validation';

/** Every `action` value the check-in cards send; the router hands these to handleAction. */
export const CHECKIN_ACTIONS = ['checkin', 'checkinStart', 'checkinMine', 'checkinSettings', 'checkinAway'] as const;

/** Which check-in a card belongs to. */
export interface CheckinTarget {
  teamId: string;
  mission: Mission;
  week: string;
  /** A digest of the person's user id (ownerOf), so a colleague pressing the card in a channel is told it is not theirs. */
  owner: string;
}

type Payload = JsonObject & { action: string };

export function stepPayload(
  target: CheckinTarget,
  step: Step,
  rev: number,
  op: StepAction['op'],
  extra: { target?: QuestionStep; token?: string } = {},
): Payload {
  return {
    action: 'checkin',
    op,
    step,
    mission: target.mission,
    week: target.week,
    teamId: target.teamId,
    owner: target.owner,
    rev,
    ...extra,
  };
}

export function startPayload(teamId?: string, mission?: Mission): Payload {
  return { action: 'checkinStart', ...(teamId ? { teamId } : {}), ...(mission ? { mission } : {}) };
}

/**
 * "Share this win with the council" on the saved card: the practice capability's verb (it reads the
 * win back from the store for the presser, so the card carries only the check-in's key).
 */
export function sharePayload(target: CheckinTarget): Payload {
  return { action: 'practiceOffer', teamId: target.teamId, mission: target.mission, week: target.week };
}

export function minePayload(): Payload {
  return { action: 'checkinMine' };
}

export function settingsOpenPayload(teamId?: string): Payload {
  return { action: 'checkinSettings', op: 'open', ...(teamId ? { teamId } : {}) };
}

/** `shown`: a digest of the settings the form was drawn from, so a save over newer settings is refused. */
export function settingsSavePayload(teamId: string, shown: string): Payload {
  return { action: 'checkinSettings', op: 'save', teamId, shown };
}

/** "I'm away this week" (on the prompt and the reminder, for their team) and "I'm back". */
export function awayPayload(op: 'thisWeek' | 'back', teamId?: string): Payload {
  return { action: 'checkinAway', op, ...(teamId ? { teamId } : {}) };
}
