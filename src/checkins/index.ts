// Weekly check-ins: how a team records, mission by mission, how its digital work is going against
// the framework. Plain TypeScript behind four calls; the Teams edge turns typed commands and card
// presses into these calls and the replies back into messages or in-place card updates.
import type { z } from 'zod';
import type { Mission } from '../domain';
import { actionTable, patternCommand, teamOptions, type Registration } from '../turns/registration';
import { guarded, type FailureCards } from '../turns/guarded';
import type { TeamScope, TurnContextInfo } from '../turns/types';
import { CHECKIN_ACTIONS } from './actionPayloads';
import type { CheckinDeps, CheckinsStore } from './context';
import { handleStep } from './flow';
import { myCheckins as myCheckinsCard } from './myCheckins';
import { couldNotLoadCard, couldNotSaveCard, teamDirectoryDownCard, unreadableCard } from './noticeCards';
import type { CardButton, CheckinReply } from './replies';
import { teamOrCard } from './teamForTurn';
import { endAway, setAway } from './away';
import { openSettings, saveSettings } from './settings';
import { startCheckin } from './start';
import { TeamDirectoryError, type CheckinTurnOptions, type TeamDirectory } from './teamDirectory';
import { checkinActionSchema } from './validation';

type CheckinAction = z.infer<typeof checkinActionSchema>;

export { CHECKIN_ACTIONS } from './actionPayloads';
export type { CheckinReply } from './replies';
export type { CheckinTurnOptions, TeamDirectory, TeamInfo } from './teamDirectory';

export interface Checkins {
  /** "check in" typed, or a button on another capability's card (a prompt, a topic card). */
  start(
    context: TurnContextInfo,
    request: { teamId?: string; mission?: Mission },
    options?: CheckinTurnOptions,
  ): Promise<CheckinReply[]>;
  /**
   * Any card data whose `action` is one of CHECKIN_ACTIONS (inputs merged in, as Teams sends them),
   * acting on the team membership bound the press to (`scope`), never on a team the data names.
   */
  handleAction(
    context: TurnContextInfo,
    scope: TeamScope | undefined,
    data: unknown,
    options?: CheckinTurnOptions,
  ): Promise<CheckinReply[]>;
  /** "my check-ins" typed. */
  myCheckins(context: TurnContextInfo, options?: CheckinTurnOptions): Promise<CheckinReply[]>;
  /** "check-in settings" typed. */
  settings(context: TurnContextInfo, options?: CheckinTurnOptions): Promise<CheckinReply[]>;
  /**
   * The team a personal chat's "progress" is about: the person's one team, or the card asking which
   * (whose Continue button is `next`, completed by the choice), or a card saying why there is none.
   */
  teamForProgress(
    context: TurnContextInfo,
    next: CardButton,
  ): Promise<{ teamId: string; name?: string } | CheckinReply[]>;
  /** "away until 2 January" typed: `dates` is what follows "away". */
  away(context: TurnContextInfo, dates: string, options?: CheckinTurnOptions): Promise<CheckinReply[]>;
  /** "back" typed: ends time away early. */
  back(context: TurnContextInfo): Promise<CheckinReply[]>;
}

/** The failures a person can do something about (see guarded): the store, and the team directory. */
function failureCards(storeDown: () => CheckinReply): FailureCards<CheckinReply> {
  return { storeDown, others: [[TeamDirectoryError, teamDirectoryDownCard]] };
}
const whenLoading = failureCards(couldNotLoadCard);
const whenSaving = failureCards(couldNotSaveCard);

export function createCheckins(deps: {
  store: CheckinsStore;
  teams: TeamDirectory;
  now?: () => Date;
  onCheckedIn?: CheckinDeps['onCheckedIn'];
  mayChangeSettings?: CheckinDeps['mayChangeSettings'];
}): Checkins {
  const env: CheckinDeps = {
    store: deps.store,
    teams: deps.teams,
    now: deps.now ?? (() => new Date()),
    ...(deps.onCheckedIn ? { onCheckedIn: deps.onCheckedIn } : {}),
    ...(deps.mayChangeSettings ? { mayChangeSettings: deps.mayChangeSettings } : {}),
  };

  return {
    start: (context, request, options) =>
      guarded(() => startCheckin(env, context, request, options, 'new'), whenLoading),

    myCheckins: (context, options) => guarded(() => myCheckinsCard(env, context, options, 'new'), whenLoading),

    settings: (context, options) => guarded(() => openSettings(env, context, undefined, options, 'new'), whenLoading),

    async teamForProgress(context, next) {
      try {
        const found = await teamOrCard(env, context, undefined, undefined, { purpose: 'progress', next }, 'new');
        return 'team' in found ? found.team : [found.card];
      } catch (error) {
        // The same cards as the other calls for a store or directory failure; anything else is a bug.
        return guarded(() => Promise.reject(error), whenLoading);
      }
    },

    away: (context, dates, options) => guarded(() => setAway(env, context, dates, options), whenSaving),

    back: (context) => guarded(() => endAway(env, context), whenSaving),

    async handleAction(context, scope, data, options) {
      const parsed = checkinActionSchema.safeParse(data);
      if (!parsed.success) return [unreadableCard()];
      const action = parsed.data;
      // Inputs arrive as extra keys beside the action's own data.
      const raw = data as Record<string, unknown>;
      const press = { context, team: scope?.teamId, options };
      switch (action.action) {
        case 'checkin':
          return scope ? pressStep(press, scope, action, raw) : [unreadableCard()];
        case 'checkinStart':
          return pressStart(press, action);
        case 'checkinMine':
          return guarded(() => myCheckinsCard(env, context, options, 'new'), whenLoading);
        case 'checkinSettings':
          return pressSettings(press, action);
        case 'checkinAway':
          return action.op === 'back'
            ? guarded(() => endAway(env, context), whenSaving)
            : guarded(() => setAway(env, context, 'this week', options, press.team), whenSaving);
      }
    },
  };

  /** A press as the handlers below take it: the team is the bound scope's, never the card data's. */
  interface Press {
    context: TurnContextInfo;
    team: string | undefined;
    options: CheckinTurnOptions | undefined;
  }

  function pressStep(
    { context, options }: Press,
    scope: TeamScope,
    action: Extract<CheckinAction, { action: 'checkin' }>,
    raw: Record<string, unknown>,
  ): Promise<CheckinReply[]> {
    return guarded(() => handleStep(env, context, { ...action, teamId: scope.teamId }, raw, options), whenSaving);
  }

  function pressStart(
    { context, team, options }: Press,
    action: Extract<CheckinAction, { action: 'checkinStart' }>,
  ): Promise<CheckinReply[]> {
    return guarded(
      () => startCheckin(env, context, { teamId: team, mission: action.mission }, options, 'update'),
      whenLoading,
    );
  }

  function pressSettings(
    { context, team, options }: Press,
    action: Extract<CheckinAction, { action: 'checkinSettings' }>,
  ): Promise<CheckinReply[]> {
    if (action.op === 'open') return guarded(() => openSettings(env, context, team, options, 'update'), whenLoading);
    if (team === undefined) return Promise.resolve([unreadableCard()]);
    return guarded(() => saveSettings(env, context, { ...action, teamId: team }, options), whenSaving);
  }
}

/** The dates part of "away until 2 January" as typed (case kept for chrono), after the command words. */
function awayWords(text: string): string {
  return text
    .trim()
    .replace(/^(i('|’| a)?m\s+)?(away|on leave|out of (the )?office|ooo)\b/i, '')
    .replace(/[.!?]+$/, '')
    .trim();
}

/** What check-ins answer: typed commands, in the forms people write them ("check in", "check-in", "checkin"), and the check-in cards' buttons. */
export const checkinsRegistration: Registration<Checkins> = {
  commands: [
    patternCommand(
      /^(start (a )?)?check[ -]?in( now)?$/,
      (checkins, context) => checkins.start(context, {}, teamOptions(context)),
      {
        title: 'check in',
        description: 'Start or continue your weekly check-in on a mission of the framework',
        scopes: ['personal', 'team', 'groupChat'],
      },
    ),
    patternCommand(
      /^(show )?my check[ -]?ins?$/,
      (checkins, context) => checkins.myCheckins(context, teamOptions(context)),
      {
        title: 'my check-ins',
        description: 'See your own recent check-in answers',
        scopes: ['personal', 'team', 'groupChat'],
      },
    ),
    // "away until 2 January", "I'm away next week", "out of office from 21 December to 2 January".
    patternCommand(
      /^(i('|’| a)?m )?(away|on leave|out of (the )?office|ooo)( (.*))?$/,
      (checkins, context, text) => checkins.away(context, awayWords(text), teamOptions(context)),
      {
        // Teams puts the command in the compose box, where the person adds the dates before sending.
        title: 'away',
        description:
          'Add your dates, for example "away until 2 January": no reminders, and counted as away, not missing',
        scopes: ['personal', 'team', 'groupChat'],
      },
    ),
    // Typed only, or the "I'm back" button on the card that confirms time away.
    patternCommand(/^(i('|’| a)?m )?back( now| again)?$/, (checkins, context) => checkins.back(context)),
    patternCommand(
      /^((team|check[ -]?in) )?settings$/,
      (checkins, context) => checkins.settings(context, teamOptions(context)),
      {
        title: 'settings',
        description: "The team's missions, focus outcomes, weekly prompt schedule, bank holidays and weeks off",
        // A team's settings: listed where the team is. Typed in a personal chat it asks which team.
        scopes: ['team', 'groupChat'],
      },
    ),
  ],
  actions: actionTable<Checkins>(CHECKIN_ACTIONS, (checkins, context, scope, data) =>
    checkins.handleAction(context, scope, data, teamOptions(context)),
  ),
};
