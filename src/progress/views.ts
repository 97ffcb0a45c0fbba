// What each progress card says, from data already read. No reads here: index.ts does those, so the
// count of store reads per card is visible in one place.
import { weekLabel } from '../calendar/weeks';
import type { CheckInRecord, Mission } from '../domain';
import { leadsPayload, missionPayload, viewPayload } from '../cards/progressPayloads';
import { findingsOf } from './attentionRules';
import { breakdownOf, hiddenReason, isVisible, missionPoints, score, shareText, topicName } from './measures';
import { button, type CardButton, type Report, type Row, type Section } from './reportCard';
import {
  enablersSection,
  missionName,
  missionProgressSection,
  outcomesSection,
  ownWordsSection,
  participationSection,
  principlesSection,
  ratingsSection,
  weekByWeekSection,
} from './sections';
import { awayIn, distinctPeople, type ClosedWeek, type TeamWindow } from './teamWindow';
import { shortWeek, weekNumber } from './weekWindow';
import { cleanText } from '../cards/plainText';

export interface ViewOptions {
  /** How many people were asked to check in this week, when the edge knows (the team roster). */
  prompted?: number;
  /** The team's name for the card title, when the edge knows it. */
  teamName?: string;
}

function footnote(minResponses: number): string {
  return `From the team's weekly check-ins. A figure made from answers shows only when at least ${minResponses} people answered, and no card shows who answered what.`;
}

/** Said first on every card of a team filled by the demo seed command, so nobody mistakes it for real answers. */
export const SAMPLE_DATA_LABEL = 'Sample data from the demo command';

function teamLabel(window: TeamWindow, options: ViewOptions): string {
  const sample = window.settings.sampleData ? `${SAMPLE_DATA_LABEL} · ` : '';
  return `${sample}${options.teamName ? `${cleanText(options.teamName)} · ` : ''}`;
}

function subtitle(window: TeamWindow, options: ViewOptions): string {
  return `${teamLabel(window, options)}${weekLabel(window.week)} and the ${window.weeks.length - 1} weeks before`;
}

function leadButtons(teamId: string, except: 'overview' | 'attention' | 'other'): CardButton[] {
  return [
    ...(except !== 'overview' ? [button('Team overview', viewPayload('overview', teamId), { primary: true })] : []),
    ...(except !== 'attention' ? [button('What needs attention', viewPayload('attention', teamId))] : []),
    button('Team leads', leadsPayload('open', teamId)),
  ];
}

export function overviewReport(
  window: TeamWindow,
  thisWeek: readonly CheckInRecord[],
  minResponses: number,
  options: ViewOptions,
): Report {
  const teamId = window.settings.teamId;
  const breakdown = breakdownOf(window.rollups, minResponses);
  const peopleNow = distinctPeople(thisWeek);
  const anyAnswers = window.rollups.some((rollup) => rollup.responses > 0);
  return {
    title: 'Team progress overview',
    subtitle: subtitle(window, options),
    ...(anyAnswers
      ? {}
      : {
          notice: `Nobody has checked in during the last ${window.weeks.length} weeks yet, so there is nothing to show.`,
        }),
    sections: [
      participationSection(window, thisWeek, options.prompted),
      missionProgressSection(window, minResponses, true),
      outcomesSection(breakdown, minResponses, teamId),
      enablersSection(breakdown, minResponses),
      principlesSection(breakdown, minResponses),
      ownWordsSection(thisWeek, minResponses),
    ],
    footnote: footnote(minResponses),
    buttons: leadButtons(teamId, 'overview'),
    summary: `Team progress overview: ${peopleNow === 1 ? '1 person' : `${peopleNow} people`} checked in this week`,
  };
}

export function missionReport(
  window: TeamWindow,
  mission: Mission,
  minResponses: number,
  options: ViewOptions,
): Report {
  const rollups = window.rollups.filter((rollup) => rollup.mission === mission);
  const breakdown = breakdownOf(rollups, minResponses);
  const name = missionName(mission);
  return {
    title: `Progress: ${name}`,
    subtitle: subtitle(window, options),
    sections: [
      weekByWeekSection(window, mission, minResponses),
      ratingsSection(rollups, minResponses),
      outcomesSection(breakdown, minResponses, window.settings.teamId),
      enablersSection(breakdown, minResponses),
      principlesSection(breakdown, minResponses),
    ],
    footnote: footnote(minResponses),
    buttons: leadButtons(window.settings.teamId, 'other'),
    summary: `Progress on ${name} over the last ${window.weeks.length} weeks`,
  };
}

export function outcomeReport(
  window: TeamWindow,
  outcomeId: string,
  minResponses: number,
  options: ViewOptions,
): Report {
  const name = topicName(outcomeId);
  const teamId = window.settings.teamId;
  const weekRows: Row[] = window.weeks
    .map((week) => {
      const inWeek = window.rollups.filter((rollup) => rollup.week === week && rollup.responses > 0);
      const shown = inWeek.filter((rollup) => isVisible(rollup, minResponses));
      const hiddenAnswers = inWeek
        .filter((rollup) => !isVisible(rollup, minResponses))
        .reduce((sum, rollup) => sum + rollup.responses, 0);
      const answers = shown.reduce((sum, rollup) => sum + rollup.responses, 0);
      const named = shown.reduce((sum, rollup) => sum + (rollup.outcomes[outcomeId] ?? 0), 0);
      if (answers === 0)
        return {
          label: weekLabel(week),
          value: hiddenAnswers > 0 ? 'hidden' : 'no answers',
          detail: hiddenReason(hiddenAnswers, minResponses),
        };
      const extra = hiddenAnswers > 0 ? ` (${hiddenAnswers} answers left out: too few people on a mission)` : '';
      return { label: weekLabel(week), value: String(named), detail: `Named in ${shareText(named, answers)}${extra}` };
    })
    .reverse();
  const missionRows: Row[] = window.settings.missions.map((mission) => {
    const breakdown = breakdownOf(
      window.rollups.filter((rollup) => rollup.mission === mission),
      minResponses,
    );
    const named = breakdown.outcomes.find((outcome) => outcome.id === outcomeId)?.count ?? 0;
    if (breakdown.answers === 0 && breakdown.hiddenAnswers === 0)
      return { label: missionName(mission), value: 'no answers', detail: 'No answers on this mission in these weeks.' };
    return breakdown.answers === 0
      ? {
          label: missionName(mission),
          value: 'hidden',
          detail: `Hidden: no week had at least ${minResponses} people answering on this mission.`,
        }
      : {
          label: missionName(mission),
          value: String(named),
          detail: `Named in ${shareText(named, breakdown.answers)}`,
          open: button('Details', missionPayload(teamId, mission)),
        };
  });
  return {
    title: `Outcome: ${name}`,
    subtitle: subtitle(window, options),
    sections: [
      { heading: 'Week by week', intro: `How many answers said the week's work touched ${name}.`, rows: weekRows },
      { heading: 'By mission', rows: missionRows },
    ],
    footnote: footnote(minResponses),
    buttons: leadButtons(teamId, 'other'),
    summary: `How often the team's work touched ${name}`,
  };
}

export function attentionReport(
  window: TeamWindow,
  lastWeek: readonly CheckInRecord[],
  minResponses: number,
  options: ViewOptions,
): Report {
  const teamId = window.settings.teamId;
  const lastWeekCode = window.weeks[window.weeks.length - 2];
  // Away for some of last week and not checked in: away, not missing (as the overview counts them).
  const awayLastWeek = lastWeekCode
    ? awayIn(window, lastWeekCode, new Set(lastWeek.map((record) => record.userId)))
    : 0;
  const findings = findingsOf({
    missions: window.settings.missions,
    missionName,
    weeks: window.weeks,
    rollups: window.rollups,
    peopleLastWeek: distinctPeople(lastWeek),
    awayLastWeek,
    ...(window.settings.weeksOff ? { weeksOff: window.settings.weeksOff } : {}),
    ...(options.prompted !== undefined ? { prompted: options.prompted } : {}),
    minResponses,
  });
  const rows: Row[] =
    findings.length === 0
      ? [{ label: 'Nothing stands out: no falling trend, no drop in check-ins and no enabler named by many.' }]
      : findings.map((finding) => ({
          label: finding.title,
          detail: finding.detail,
          ...(finding.mission ? { open: button('Details', missionPayload(teamId, finding.mission)) } : {}),
        }));
  return {
    title: 'What needs attention',
    subtitle: `${teamLabel(window, options)}Checked against ${lastWeekCode ? `${shortWeek(lastWeekCode)} (last full week)` : 'last week'} and the last ${window.weeks.length} weeks`,
    sections: [
      { heading: findings.length === 1 ? '1 thing to look at' : `${findings.length} things to look at`, rows },
    ],
    footnote: footnote(minResponses),
    buttons: leadButtons(teamId, 'attention'),
    summary:
      findings.length === 0
        ? 'What needs attention: nothing stands out'
        : `What needs attention: ${findings.map((finding) => finding.title).join('; ')}`,
  };
}

/** What everyone in the team may see: who checked in and progress by mission, never a breakdown. */
export function summarySections(
  window: TeamWindow,
  thisWeek: readonly CheckInRecord[],
  minResponses: number,
  options: ViewOptions,
): Section[] {
  return [
    participationSection(window, thisWeek, options.prompted),
    missionProgressSection(window, minResponses, false),
  ];
}

/** Members' own answers live in the check-ins capability; this button opens them. */
const MY_CHECKINS = button('My check-ins', { action: 'checkinMine' });

export function summaryReport(
  window: TeamWindow,
  thisWeek: readonly CheckInRecord[],
  minResponses: number,
  options: ViewOptions,
  refused?: string,
): Report {
  return {
    title: refused ? `Only the team's leads can see ${refused}` : 'Team progress summary',
    subtitle: refused
      ? `Here is the team summary that everyone in the team can see. ${subtitle(window, options)}.`
      : subtitle(window, options),
    ...(refused ? { notice: 'Your own answers are under "My check-ins". Ask a team lead if you need more.' } : {}),
    sections: summarySections(window, thisWeek, minResponses, options),
    footnote: footnote(minResponses),
    buttons: [MY_CHECKINS],
    summary: refused ? `Only the team's leads can see ${refused}` : 'Team progress summary',
  };
}

function peopleWords(count: number): string {
  return count === 1 ? '1 person' : `${count} people`;
}

/**
 * The team summary for a week that has closed, posted to the whole team (so only what every member may
 * see): how many checked in, and each mission's 1-5 average where at least `minResponses` people
 * answered on it, with the week before for comparison. No breakdown, no free text, and a hidden figure
 * says why it is hidden.
 */
export function weeklySummaryReport(closed: ClosedWeek, minResponses: number): Report {
  const { settings, week, weekBefore } = closed;
  const inWeek = closed.rollups.filter((rollup) => rollup.week === week);
  const answers = inWeek.reduce((sum, rollup) => sum + rollup.responses, 0);
  // Each mission's roll-up counts distinct people, so its largest is a floor for the week's people
  // even when the check-ins themselves have already expired (a retention shorter than a week).
  const people = Math.max(distinctPeople(closed.records), ...inWeek.map((rollup) => rollup.responses), 0);
  const missions = [
    ...new Set([
      ...settings.missions,
      ...inWeek.filter((rollup) => rollup.responses > 0).map((rollup) => rollup.mission),
    ]),
  ];
  let shown = 0;
  const rows: Row[] = missions.map((mission) => {
    const [before, point] = missionPoints(closed.rollups, mission, [weekBefore, week], minResponses);
    if (point?.average === undefined) {
      const responses = point?.responses ?? 0;
      return responses === 0
        ? { label: missionName(mission), value: 'no answers', detail: 'Nobody answered on this mission that week.' }
        : { label: missionName(mission), value: 'hidden', detail: hiddenReason(responses, minResponses) };
    }
    shown += 1;
    const comparison = before?.average !== undefined ? ` · the week before: ${score(before.average)}` : '';
    return {
      label: missionName(mission),
      value: score(point.average),
      detail: `${point.responses} answers${comparison}`,
    };
  });
  const shortLabel = `Week ${weekNumber(week)}`;
  const notice =
    answers === 0
      ? `Nobody checked in during ${shortLabel}, so there is nothing to show.`
      : shown === 0
        ? `Fewer than ${minResponses} people answered on each mission in ${shortLabel}, so no figure is shown and no one's answers can be picked out.`
        : undefined;
  return {
    title: `Check-in summary for ${shortLabel}`,
    subtitle: `${settings.sampleData ? `${SAMPLE_DATA_LABEL} · ` : ''}${weekLabel(week)}. The check-in week has closed.`,
    ...(notice ? { notice } : {}),
    sections: [
      {
        heading: 'Who checked in',
        rows: [{ label: shortLabel, value: peopleWords(people), detail: `${answers} answers across missions.` }],
      },
      {
        heading: 'Progress by mission (1 to 5)',
        intro: 'The average of the week’s answers on each mission, 1 low to 5 high.',
        rows,
      },
    ],
    footnote: footnote(minResponses),
    buttons: [button('Team progress', viewPayload('overview', settings.teamId), { primary: true })],
    summary: `Check-in summary for ${shortLabel}: ${peopleWords(people)} checked in`,
  };
}

/** Neither a lead nor in the team: nothing about the team at all. */
export function outsiderReport(): Report {
  return {
    title: 'You can only see progress for a team you are in',
    subtitle: 'Open progress from the team’s own channel, or ask one of its leads.',
    sections: [],
    footnote: 'Progress cards show a team’s check-ins to its members and leads only.',
    buttons: [],
    summary: 'You can only see progress for a team you are in',
  };
}
