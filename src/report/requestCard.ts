// The card that asks for a report: which team and quarter it is for, and the title on its cover,
// which the lead may change to their council's own words before the document is made. Its button
// carries the team, the quarter and the scope; all three are checked again when it comes back.
import { cleanText } from '../cards/plainText';
import { renderCard } from '../cards/render';
import { reply, type MaturityReply } from '../maturity/replies';
import { button } from '../progress/reportCard';
import { roundLabel } from '../maturity/rounds';
import type { RoundId } from '../domain';

/** Longest cover title: a line or two on the cover, and well inside what a consent card carries back. */
export const TITLE_LIMIT = 120;

export const REPORT_ACTIONS = ['reportMake', 'reportOpen'] as const;

export type ReportScope = { kind: 'team'; teamId: string; teamName: string } | { kind: 'organisation' };

/** "My Team quarterly report, October to December 2026": the title the card starts with. */
export function defaultTitle(scope: ReportScope, round: RoundId): string {
  const who = scope.kind === 'team' ? scope.teamName : 'Organisation';
  return cleanText(`${who} quarterly report, ${roundLabel(round)}`).slice(0, TITLE_LIMIT);
}

export function requestCard(scope: ReportScope, round: RoundId): MaturityReply {
  const heading = scope.kind === 'team' ? 'Quarterly report' : 'Organisation quarterly report';
  const subtitle =
    scope.kind === 'team'
      ? `${cleanText(scope.teamName)} · ${roundLabel(round)}`
      : `Every team, named by none · ${roundLabel(round)}`;
  const card = renderCard('reportRequest', {
    heading,
    subtitle,
    quarter: roundLabel(round),
    intro:
      scope.kind === 'team'
        ? 'A Word document for your management team: participation, progress by mission, outcomes, what held the work back, digital maturity against targets and the action plan. Change the title to your own words if you like, then make the report.'
        : 'A Word document for your management team: every team of the organisation added up, naming none: participation, progress by mission, outcomes, what held the work back, principles rarely checked and digital maturity by theme. Change the title to your own words if you like, then make the report.',
    // Filled in, for the lead to change to their own words; left empty, the report gets it all the same.
    title: defaultTitle(scope, round),
    titleLimit: TITLE_LIMIT,
    buttons: [
      button(
        'Make the report',
        scope.kind === 'team'
          ? { action: 'reportMake', scope: 'team', teamId: scope.teamId, round }
          : { action: 'reportMake', scope: 'organisation', round },
        { primary: true, withInputs: true },
      ),
    ],
  });
  return { ...reply(card, `${heading}: ${roundLabel(round)}`, 'new', 'leads'), about: 'the quarterly report' };
}
