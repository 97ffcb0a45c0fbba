// The cards of the self-assessment itself: one per theme, the summary with a Change button per
// theme, and "saved". This file decides what each card says; layout lives in cards/maturity*.json.
import { renderNotice } from '../cards/notice';
import { renderCard } from '../cards/render';
import { topicById } from '../knowledge/framework';
import type { ThemeRating } from '../domain';
import { startPayload, stepPayload, viewPayload, type AssessmentTarget } from './actions';
import { ratingsToken, type AssessmentState } from './assessmentState';
import { button, reply, type CardButton, type MaturityReply } from './replies';
import { roundLabel } from './rounds';
import { hasBack } from './steps';
import { ATTRIBUTION, NOTE_LIMIT, THEME_IDS, THEMES, themeById, levelLabel } from './themes';
import type { CardPlacement } from '../turns/types';

export type StepNotice = 'resumed' | 'submitted' | 'none';

function noticeText(notice: StepNotice, round: string): string {
  switch (notice) {
    case 'resumed':
      return 'Welcome back: you are carrying on where you left off.';
    case 'submitted':
      return `You have already assessed this round (${roundLabel(round)}). Change any rating and submit again while the round is open; your new ratings replace the old ones.`;
    case 'none':
      return '';
  }
}

/** The first sentence of the guide's summary of the theme: enough to know what is being rated. */
function meaning(themeId: string): string {
  const definition = topicById(themeId)?.definition ?? '';
  const end = definition.search(/[.!?](\s|$)/);
  return `${end >= 0 ? definition.slice(0, end + 1) : definition} (The guide's summary.)`;
}

function position(themeId: string, round: string): string {
  return `Theme ${THEME_IDS.indexOf(themeId) + 1} of ${THEME_IDS.length} · ${roundLabel(round)}`;
}

export function themeCard(
  target: AssessmentTarget,
  state: AssessmentState,
  options: { notice?: StepNotice; delivery: CardPlacement; evidence?: string },
): MaturityReply {
  const theme = themeById(state.step);
  if (!theme) throw new Error(`not a theme: ${state.step}`);
  const rating = state.ratings[theme.id];
  const noticeLine = noticeText(options.notice ?? 'none', target.round);
  const title = `Self-assessment: ${theme.name}`;
  const buttons: CardButton[] = [
    button(state.editing ? 'Save and review' : 'Next', stepPayload(target, theme.id, state.rev, 'next'), {
      primary: true,
      withInputs: true,
    }),
    button('Skip', stepPayload(target, theme.id, state.rev, 'skip')),
  ];
  if (state.editing) buttons.push(button('Back to summary', stepPayload(target, theme.id, state.rev, 'back')));
  else if (hasBack(theme.id)) buttons.push(button('Back', stepPayload(target, theme.id, state.rev, 'back')));
  const card = renderCard('maturityTheme', {
    title,
    position: position(theme.id, target.round),
    hasNotice: noticeLine !== '',
    noticeStyle: 'emphasis',
    notice: noticeLine,
    speak: `${title}. ${theme.question}`,
    question: theme.question,
    meaning: meaning(theme.id),
    hasEvidence: Boolean(options.evidence),
    evidence: options.evidence ?? '',
    requiredMessage: 'Choose a level, or press Skip.',
    selected: rating?.level ? String(rating.level) : '',
    levels: theme.levels.map((each) => ({
      title: `${levelLabel(theme, each.level)}: ${each.description}`,
      value: String(each.level),
    })),
    noteLabel: 'A short note behind your rating (optional)',
    notePlaceholder: 'What makes you say so? Only leads see notes, without names.',
    noteLimit: NOTE_LIMIT,
    note: rating?.note ?? '',
    attribution: ATTRIBUTION,
    buttons,
  });
  return reply(card, `${title}: ${theme.question}`, options.delivery, 'person');
}

function ratingText(themeId: string, rating: ThemeRating | undefined): string {
  const theme = themeById(themeId);
  if (!rating) return 'Not answered yet';
  if (rating.level === null || !theme) return 'Skipped';
  return levelLabel(theme, rating.level);
}

export function summaryCard(
  target: AssessmentTarget,
  state: AssessmentState,
  options: { notice?: StepNotice; delivery: CardPlacement },
): MaturityReply {
  const noticeLine = noticeText(options.notice ?? 'none', target.round);
  const rows = THEMES.map((theme) => {
    const rating = state.ratings[theme.id];
    return {
      label: theme.name,
      value: ratingText(theme.id, rating),
      hasNote: Boolean(rating?.note),
      note: rating?.note ? `Your note: ${rating.note}` : '',
      tooltip: `Change ${theme.name}`,
      change: button('Change', stepPayload(target, 'summary', state.rev, 'edit', { target: theme.id })),
    };
  });
  const rated = Object.values(state.ratings).some((rating) => rating.level !== null);
  const buttons: CardButton[] = [];
  if (rated)
    buttons.push(
      button('Submit', stepPayload(target, 'summary', state.rev, 'submit', { token: ratingsToken(state.ratings) }), {
        primary: true,
      }),
    );
  buttons.push(button('Back', stepPayload(target, 'summary', state.rev, 'back')));
  const title = 'Check your self-assessment';
  const card = renderCard('maturitySummary', {
    title,
    position: roundLabel(target.round),
    hasNotice: noticeLine !== '' || !rated,
    noticeStyle: 'emphasis',
    notice: rated ? noticeLine : 'Rate at least one theme to submit: press Change beside it.',
    speak: `${title}. ${roundLabel(target.round)}.`,
    rows,
    attribution: ATTRIBUTION,
    buttons,
  });
  return reply(card, `${title}. Submit when it looks right.`, options.delivery, 'person');
}

export function savedCard(target: AssessmentTarget, delivery: CardPlacement): MaturityReply {
  const title = 'Self-assessment saved';
  const message = `Thank you. Your ratings for ${roundLabel(target.round)} are saved. You can change them until the round closes: type "self-assessment" again.`;
  const card = renderNotice(title, message, {
    style: 'good',
    buttons: [
      button('See the team’s maturity', viewPayload('team', target.teamId), { primary: true }),
      button('Change my ratings', startPayload(target.teamId)),
    ],
  });
  return reply(card, `${title}. ${message}`, delivery, 'person');
}
