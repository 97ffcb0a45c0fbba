// The team's maturity card: per theme, the median level and the spread of this round's ratings,
// last round's median, the target and the check-ins' evidence, with a chart of the medians where
// Teams draws charts (its fallback: the same figures as rows). No figure, and no note, comes from
// fewer ratings than MIN_RESPONSES. The lead view adds the notes (never with names), the action
// plan's controls and the round's; it is only ever shown in a lead's personal chat.
import { DateTime } from 'luxon';
import { renderCard } from '../cards/render';
import { topicById } from '../knowledge/framework';
import type { ActionItem, AssessmentRecord, TeamMaturity } from '../domain';
import { planPayload, startPayload, viewPayload } from './actions';
import { evidenceLine, type RoundEvidence } from './evidence';
import { levelText, median, range, ratingsCount } from './figures';
import { button, reply, type CardButton, type MaturityReply } from './replies';
import { lastRoundBefore, roundLabel, type RoundState } from './rounds';
import { ATTRIBUTION, THEMES, themeName, type Theme } from './themes';
import type { CardPlacement } from '../turns/types';

export type View = 'team' | 'lead';

export interface ReportInput {
  teamId: string;
  teamName?: string;
  maturity: TeamMaturity;
  round: RoundState;
  evidence: RoundEvidence;
  minResponses: number;
  /** Today where the team works, 'YYYY-MM-DD', for overdue actions. */
  today: string;
  /** For the lead view: the round's assessments, for their notes. */
  assessments?: AssessmentRecord[];
  isAdmin?: boolean;
  /** A line shown at the top (a change just made, or where the lead view is). */
  notice?: string;
  sampleData?: boolean;
}

interface Row {
  label: string;
  value: string;
  detail: string;
}

function rowData(row: Row) {
  return { ...row, hasValue: row.value !== '', hasDetail: row.detail !== '' };
}

/** The theme's median this round, when enough people rated it. */
function shownMedian(input: ReportInput, round: string | undefined, theme: Theme): number | undefined {
  const histogram = round ? input.maturity.rollups[round]?.levels[theme.id] : undefined;
  return ratingsCount(histogram) >= input.minResponses ? median(histogram) : undefined;
}

function themeRow(input: ReportInput, theme: Theme): Row {
  const histogram = input.maturity.rollups[input.round.round]?.levels[theme.id];
  const count = ratingsCount(histogram);
  const last = lastRoundBefore(input.maturity, input.round.round);
  const lastMedian = shownMedian(input, last, theme);
  const target = input.maturity.targets[theme.id];
  const details: string[] = [];
  let value = '';
  if (count >= input.minResponses) {
    const middle = median(histogram) as number;
    const spread = range(histogram) as { low: number; high: number };
    value = levelText(middle);
    details.push(
      spread.low === spread.high
        ? `All ${count} ratings at ${spread.low}`
        : `${count} ratings from ${spread.low} to ${spread.high}${spread.high - spread.low >= 2 ? ' (people disagree)' : ''}`,
    );
  } else {
    details.push(
      count === 0
        ? 'No ratings yet this round'
        : `Fewer than ${input.minResponses} ratings this round, so no figure is shown`,
    );
  }
  if (last) details.push(`Last round: ${lastMedian === undefined ? 'no figure' : levelText(lastMedian)}`);
  if (target) details.push(`Target: ${target}`);
  const evidence = evidenceLine(input.evidence, theme.id, input.minResponses);
  if (evidence) details.push(evidence);
  return { label: theme.name, value, detail: details.join(' · ') };
}

export function dueLabel(due: string): string {
  const date = DateTime.fromISO(due, { zone: 'UTC', locale: 'en-GB' });
  return date.isValid ? date.toFormat('d LLLL yyyy') : due;
}

/** Open actions, soonest due first (then oldest first, so the order never shuffles). */
export function openActions(actions: readonly ActionItem[]): ActionItem[] {
  return actions
    .filter((action) => action.status === 'open')
    .sort((a, b) => a.due.localeCompare(b.due) || a.createdAt.localeCompare(b.createdAt));
}

export function overdueCount(actions: readonly ActionItem[], today: string): number {
  return openActions(actions).filter((action) => action.due < today).length;
}

function actionItems(input: ReportInput, view: View) {
  return openActions(input.maturity.actions).map((action) => {
    const overdue = action.due < input.today;
    // The outcome by its name, marked as one: an enabler and an outcome can share a name (Data).
    const outcome = action.outcome ? `; outcome: ${topicById(action.outcome)?.name ?? action.outcome}` : '';
    const serves = `${themeName(action.theme)}${outcome}`;
    return {
      title: action.title,
      detail: `${overdue ? 'Overdue: ' : ''}due ${dueLabel(action.due)} · ${action.ownerName ?? 'No owner'} · ${serves}`,
      color: overdue ? 'Attention' : 'Default',
      hasDone: view === 'lead',
      tooltip: `Mark “${action.title}” done`,
      done: button('Done', planPayload('actionDone', input.teamId, { actionId: action.id })),
      editTooltip: `Change the owner or due date of “${action.title}”`,
      edit: button('Edit', planPayload('actionEdit', input.teamId, { actionId: action.id })),
    };
  });
}

/** Notes of themes rated by enough people, without names, in an order that says nothing about who wrote them. */
function notesOf(input: ReportInput) {
  const notes: { theme: string; text: string }[] = [];
  for (const theme of THEMES) {
    const count = ratingsCount(input.maturity.rollups[input.round.round]?.levels[theme.id]);
    if (count < input.minResponses) continue;
    const texts = (input.assessments ?? [])
      .map((assessment) => assessment.ratings[theme.id]?.note)
      .filter((note): note is string => Boolean(note))
      .sort();
    for (const text of texts) notes.push({ theme: theme.name, text });
  }
  return notes;
}

interface Section {
  heading: string;
  intro?: string;
  rows?: Row[];
  chart?: { title: string; data: { x: string; y: number }[]; rows: Row[] };
  notes?: { theme: string; text: string }[];
  items?: ReturnType<typeof actionItems>;
}

function sectionData(section: Section) {
  return {
    heading: section.heading,
    hasIntro: Boolean(section.intro),
    intro: section.intro ?? '',
    hasChart: section.chart !== undefined,
    chart: section.chart
      ? {
          title: section.chart.title,
          xAxisTitle: 'Theme',
          yAxisTitle: 'Median level (1 to 5)',
          data: section.chart.data,
          rows: section.chart.rows.map(rowData),
        }
      : {},
    rows: (section.rows ?? []).map(rowData),
    notes: section.notes ?? [],
    items: section.items ?? [],
  };
}

export function renderMaturityReport(input: ReportInput, view: View, delivery: CardPlacement): MaturityReply {
  const rollup = input.maturity.rollups[input.round.round];
  const responses = rollup?.responses ?? 0;
  const medians = THEMES.flatMap((theme) => {
    const value = shownMedian(input, input.round.round, theme);
    return value === undefined ? [] : [{ theme, value }];
  });
  const sections: Section[] = [];
  sections.push({
    heading: 'Where the team stands',
    intro:
      medians.length > 0
        ? `The median level of each theme this round: the middle rating, from 1 to 5. Themes rated by fewer than ${input.minResponses} people show no figure.`
        : `No figures yet: a theme shows its median once at least ${input.minResponses} people have rated it this round.`,
    ...(medians.length > 0
      ? {
          chart: {
            title: `Median level this round (${responses} ${responses === 1 ? 'person' : 'people'} assessed)`,
            // One colour for every bar, as on the progress card: one measure, not categories.
            data: medians.map(({ theme, value }) => ({ x: theme.name, y: value, color: 'categoricalBlue' })),
            rows: medians.map(({ theme, value }) => ({ label: theme.name, value: levelText(value), detail: '' })),
          },
        }
      : {}),
  });
  sections.push({
    heading: 'Enablers',
    rows: THEMES.filter((t) => t.kind === 'enabler').map((t) => themeRow(input, t)),
  });
  sections.push({
    heading: 'Good practice principles',
    rows: THEMES.filter((t) => t.kind === 'principle').map((t) => themeRow(input, t)),
  });
  const items = actionItems(input, view);
  const overdue = overdueCount(input.maturity.actions, input.today);
  sections.push({
    heading: 'Action plan',
    intro:
      items.length === 0
        ? view === 'lead'
          ? 'No open actions. Add one for a theme the team wants to improve.'
          : 'No open actions.'
        : `${items.length} open, soonest due first${overdue > 0 ? `; ${overdue} overdue` : ''}.`,
    items,
  });
  if (view === 'lead') {
    const notes = notesOf(input);
    sections.push({
      heading: 'Notes behind the ratings (leads only)',
      intro:
        notes.length > 0
          ? 'What people wrote, without names, for themes rated by enough people.'
          : `No notes to show: notes appear for a theme once at least ${input.minResponses} people have rated it.`,
      notes,
    });
  }

  const buttons: CardButton[] = [];
  if (view === 'lead') {
    buttons.push(button('Set targets', planPayload('targetsOpen', input.teamId)));
    buttons.push(button('Add an action', planPayload('actionOpen', input.teamId)));
    buttons.push(
      input.round.open
        ? button('Close this round', planPayload('roundClose', input.teamId, { round: input.round.round }))
        : button('Open the next round now', planPayload('roundOpenNext', input.teamId, { round: input.round.round })),
    );
    if (input.isAdmin) buttons.push(button('Organisation view', viewPayload('organisation')));
  } else if (input.round.open) {
    buttons.push(button('Assess myself', startPayload(input.teamId), { primary: true }));
  }

  const team = input.teamName ?? 'your team';
  const title = view === 'lead' ? `Digital maturity, lead view: ${team}` : `Digital maturity: ${team}`;
  const subtitle = `Round: ${roundLabel(input.round.round)} (${input.round.open ? 'open' : 'closed'}) · ${responses} ${responses === 1 ? 'person has' : 'people have'} assessed`;
  const footnotes = [
    'Each person rates the team privately in their personal chat; no card shows who gave which rating.',
    ATTRIBUTION,
  ];
  if (input.sampleData) footnotes.unshift('Sample data: these figures were made up to show how the card works.');
  const card = renderCard('maturityReport', {
    title,
    subtitle,
    speak: `${title}. ${subtitle}`,
    hasNotice: Boolean(input.notice),
    notice: input.notice ?? '',
    sections: sections.map(sectionData),
    footnote: footnotes.join(' '),
    buttons,
  });
  return reply(card, `${title}. ${subtitle}`, delivery, view === 'lead' ? 'leads' : 'everyone');
}
