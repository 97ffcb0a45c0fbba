// Starting a check-in: typed "check in", a button on another card, or a choice of team or mission.
// Works out the team (asking in a personal chat when there are several), then the mission (asking
// when the team checks in on more than one), then opens the person's check-in for this week.
import type { Mission } from '../domain';
import type { TurnContextInfo, CardPlacement } from '../turns/types';
import { settingsOpenPayload, startPayload } from './actionPayloads';
import { missionName } from './checkinCards';
import { settingsFor, type CheckinDeps } from './context';
import { openCheckin } from './flow';
import { chooseMissionCard, noticeCard, type MissionStatus } from './noticeCards';
import { button, type CheckinReply } from './replies';
import type { CheckinTurnOptions } from './teamDirectory';
import { teamOrCard } from './teamForTurn';
import { currentWeek } from '../calendar/weeks';

export async function startCheckin(
  deps: CheckinDeps,
  context: TurnContextInfo,
  request: { teamId?: string; mission?: Mission },
  options: CheckinTurnOptions | undefined,
  delivery: CardPlacement,
): Promise<CheckinReply> {
  const found = await teamOrCard(
    deps,
    context,
    request.teamId,
    options,
    { purpose: 'checkin', next: button('Continue', startPayload(undefined, request.mission), { primary: true }) },
    delivery,
  );
  if ('card' in found) return found.card;

  const { teamId, name } = found.team;
  const settings = await settingsFor(deps.store, teamId);
  const settingsButton = button('Check-in settings', settingsOpenPayload(teamId));
  if (settings.missions.length === 0) {
    return noticeCard(
      'No missions to check in on',
      'Your team’s check-in settings have no missions chosen. Choose at least one in the settings.',
      { buttons: [settingsButton] },
    );
  }
  if (request.mission && !settings.missions.includes(request.mission)) {
    return noticeCard(
      `Your team doesn’t check in on ${missionName(request.mission)}`,
      'Check in on one of your team’s missions, or add this one in the team’s check-in settings.',
      {
        buttons: [
          ...settings.missions.map((mission) => button(missionName(mission), startPayload(teamId, mission))),
          settingsButton,
        ],
      },
    );
  }
  const mission = request.mission ?? (settings.missions.length === 1 ? settings.missions[0] : undefined);
  if (mission) return openCheckin(deps, context.userId, settings, mission, delivery);

  const week = currentWeek(deps.now(), settings.schedule.timeZone);
  const statuses = await Promise.all(
    settings.missions.map(async (each): Promise<MissionStatus> => {
      const key = { teamId, userId: context.userId, mission: each, week };
      const [record, draft] = await Promise.all([deps.store.getCheckIn(key), deps.store.getDraft(key)]);
      return { mission: each, status: draft ? 'draft' : record ? 'submitted' : 'none' };
    }),
  );
  const teamLabel = name ?? (context.conversationKind === 'groupChat' ? 'this chat' : 'your team');
  return chooseMissionCard(teamId, teamLabel, week, statuses, delivery);
}
