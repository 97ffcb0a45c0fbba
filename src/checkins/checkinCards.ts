// The cards of the guided check-in itself: one per question, the summary, and "saved". This file
// decides what each card says; layout lives in cards/checkin*.json.
import { renderCard } from '../cards/render';
import { kindInfo, originLine, topicById, topicsOfKind } from '../knowledge/framework';
import type { TopicKind } from '../knowledge/types';
import type { CheckInAnswers, Mission } from '../domain';
import { minePayload, sharePayload, startPayload, stepPayload, type CheckinTarget } from './actionPayloads';
import { answersToken, type CheckinState } from './draftState';
import { progressLabel, questions } from './questions';
import { button, newCard, updatedCard, type CardButton, type CheckinReply } from './replies';
import { canSkip, QUESTION_STEPS, questionNumber, stepBefore, type QuestionStep } from './steps';
import { completeAnswers, NO_ENABLER, type DraftAnswers } from './validation';
import { lastDayOf, weekLabel } from '../calendar/weeks';
import { cleanText } from '../cards/plainText';
import type { CardPlacement } from '../turns/types';

function deliver(delivery: CardPlacement, card: ReturnType<typeof renderCard>, summary: string): CheckinReply {
  return delivery === 'new' ? newCard(card, summary, 'person') : updatedCard(card, summary, 'person');
}

export function missionName(mission: Mission): string {
  return topicById(`mission:${mission}`)?.name ?? mission;
}

function topicName(id: string): string {
  return topicById(id)?.name ?? id;
}

function namesOf(ids: readonly string[] | undefined, none: string): string {
  return ids && ids.length > 0 ? ids.map(topicName).join(', ') : none;
}

/** The first sentence of a definition: enough to tell terms apart, with the full text a click away. */
function gloss(definition: string): string {
  const end = definition.search(/[.!?](\s|$)/);
  return end >= 0 ? definition.slice(0, end + 1) : definition;
}

function termsOf(ids: readonly string[]) {
  return ids.flatMap((id) => {
    const topic = topicById(id);
    return topic ? [{ name: topic.name, gloss: gloss(topic.definition), topicId: topic.id }] : [];
  });
}

/**
 * Where the glosses under "What do the ... mean?" come from, shown above them: official wording is
 * credited to its source, and the guide's own summaries are marked as such, as on the topic cards.
 */
function termsNoteOf(ids: readonly string[]): string {
  const shown = ids.flatMap((id) => topicById(id) ?? []);
  const [first] = shown;
  if (!first) return '';
  return shown.length === 1 ? originLine(first) : kindInfo(first.kind).sourceNote;
}

function idsOfKind(kind: TopicKind): string[] {
  return topicsOfKind(kind).map((topic) => topic.id);
}

function choicesOfKind(kind: TopicKind) {
  return topicsOfKind(kind).map((topic) => ({ title: topic.name, value: topic.id }));
}

function title(target: CheckinTarget): string {
  return `Check-in: ${missionName(target.mission)}`;
}

/** Why the person is seeing this card, when it is not the obvious next step. */
export type StepNotice = 'resumed' | 'submitted' | 'none';

function noticeText(notice: StepNotice, target: CheckinTarget): string {
  switch (notice) {
    case 'resumed':
      return 'Welcome back: you are carrying on where you left off.';
    case 'submitted':
      return `You have already checked in on this mission this week. Change any answer and submit again by ${lastDayOf(target.week)}; your new answers replace the old ones.`;
    case 'none':
      return '';
  }
}

interface QuestionContent {
  kind: 'scale' | 'multi' | 'single' | 'notes';
  question: string;
  explanation: string;
  inputId: string;
  choices: { title: string; value: string }[];
  selected: string;
  terms: ReturnType<typeof termsOf>;
  termsButton: string;
}

function questionContent(
  step: QuestionStep,
  target: CheckinTarget,
  answers: DraftAnswers,
  focusOutcomes: readonly string[],
): QuestionContent {
  const { steps } = questions;
  switch (step) {
    case 'progress':
      return {
        kind: 'scale',
        question: steps.progress.question.replace('{mission}', missionName(target.mission)),
        explanation: steps.progress.explanation,
        inputId: 'progress',
        choices: steps.progress.scale.map((point) => ({
          title: `${point.value}: ${point.label}`,
          value: String(point.value),
        })),
        selected: answers.progress === undefined ? '' : String(answers.progress),
        terms: termsOf([`mission:${target.mission}`]),
        termsButton: 'What does this mission mean?',
      };
    case 'outcomes':
      return {
        kind: 'multi',
        question: steps.outcomes.question,
        explanation: steps.outcomes.explanation,
        inputId: 'outcomes',
        choices: choicesOfKind('outcome'),
        // The team's focus outcomes start ticked until the person has answered for themselves.
        selected: (answers.outcomes ?? focusOutcomes.filter((id) => idsOfKind('outcome').includes(id))).join(','),
        terms: termsOf(idsOfKind('outcome')),
        termsButton: 'What do the outcomes mean?',
      };
    case 'enabler':
      return {
        kind: 'single',
        question: steps.enabler.question,
        explanation: steps.enabler.explanation,
        inputId: 'enabler',
        choices: [...choicesOfKind('enabler'), { title: steps.enabler.noneLabel, value: NO_ENABLER }],
        selected: answers.enabler === undefined ? '' : (answers.enabler ?? NO_ENABLER),
        terms: termsOf(idsOfKind('enabler')),
        termsButton: 'What do the enablers mean?',
      };
    case 'principles':
      return {
        kind: 'multi',
        question: steps.principles.question,
        explanation: steps.principles.explanation,
        inputId: 'principles',
        choices: choicesOfKind('principle'),
        selected: (answers.principles ?? []).join(','),
        terms: termsOf(idsOfKind('principle')),
        termsButton: 'What do the principles mean?',
      };
    case 'notes':
      return {
        kind: 'notes',
        question: steps.notes.question,
        explanation: `${steps.notes.explanation} Up to ${questions.textLimit} characters each.`,
        inputId: 'notes',
        choices: [],
        selected: '',
        terms: [],
        termsButton: '',
      };
  }
}

function questionButtons(step: QuestionStep, target: CheckinTarget, state: CheckinState): CardButton[] {
  const buttons = [
    button(state.editing ? 'Save and review' : 'Next', stepPayload(target, step, state.rev, 'next'), { primary: true }),
  ];
  if (canSkip(step)) buttons.push(button('Skip', stepPayload(target, step, state.rev, 'skip'), { ignoreInputs: true }));
  // While changing one answer from the summary, "back" returns there rather than to the question before.
  if (state.editing)
    buttons.push(button('Back to summary', stepPayload(target, step, state.rev, 'back'), { ignoreInputs: true }));
  else if (stepBefore(step))
    buttons.push(button('Back', stepPayload(target, step, state.rev, 'back'), { ignoreInputs: true }));
  return buttons;
}

export function questionCard(
  step: QuestionStep,
  target: CheckinTarget,
  state: CheckinState,
  focusOutcomes: readonly string[],
  options: { notice?: StepNotice; delivery: CardPlacement },
): CheckinReply {
  const content = questionContent(step, target, state.answers, focusOutcomes);
  const notice = noticeText(options.notice ?? 'none', target);
  const position = `Question ${questionNumber(step)} of ${QUESTION_STEPS.length} · ${weekLabel(target.week)}`;
  const notes = questions.steps.notes;
  const card = renderCard('checkinStep', {
    title: title(target),
    position,
    hasNotice: notice !== '',
    notice,
    speak: `${title(target)}. ${position}. ${content.question}`,
    kind: content.kind,
    question: content.question,
    inputLabel: content.kind === 'notes' ? '' : 'Your answer',
    explanation: content.explanation,
    inputId: content.inputId,
    choices: content.choices,
    selected: content.selected,
    requiredMessage: step === 'enabler' ? 'Choose an enabler, or “None”.' : questions.steps.progress.requiredMessage,
    winLabel: notes.win.label,
    winPlaceholder: notes.win.placeholder,
    win: state.answers.win ?? '',
    blockerLabel: notes.blocker.label,
    blockerPlaceholder: notes.blocker.placeholder,
    blocker: state.answers.blocker ?? '',
    textLimit: questions.textLimit,
    hasTerms: content.terms.length > 0,
    terms: content.terms,
    termsNote: termsNoteOf(content.terms.map((term) => term.topicId)),
    termsButton: content.termsButton,
    attribution: questions.attribution,
    buttons: questionButtons(step, target, state),
  });
  return deliver(
    options.delivery,
    card,
    `${title(target)}, question ${questionNumber(step)} of ${QUESTION_STEPS.length}: ${content.question}`,
  );
}

function progressText(progress: number | undefined): string {
  return progress === undefined ? 'Not answered yet' : `${progress} of 5: ${progressLabel(progress)}`;
}

function enablerText(enabler: string | null | undefined): string {
  if (enabler === undefined) return 'Not answered';
  return enabler === null ? 'None' : topicName(enabler);
}

/** What each answer reads as on the summary and "saved" cards. */
function answerRows(answers: DraftAnswers): { step: QuestionStep; label: string; value: string }[] {
  // The person's own words: shown as typed, never formatted or linked.
  const notesText = [
    answers.win ? `Win: ${cleanText(answers.win, { multiline: true })}` : '',
    answers.blocker ? `Blocker: ${cleanText(answers.blocker, { multiline: true })}` : '',
  ]
    .filter(Boolean)
    .join('\n\n');
  return [
    { step: 'progress', label: 'Progress this week', value: progressText(answers.progress) },
    { step: 'outcomes', label: 'Outcomes your work touched', value: namesOf(answers.outcomes, 'None') },
    { step: 'enabler', label: 'Enabler holding the team back most', value: enablerText(answers.enabler) },
    {
      step: 'principles',
      label: 'Principles the work was checked against',
      value: namesOf(answers.principles, 'None'),
    },
    { step: 'notes', label: 'Win and blocker', value: notesText || 'Nothing added' },
  ];
}

export function summaryCard(
  target: CheckinTarget,
  state: CheckinState,
  options: { notice?: StepNotice; delivery: CardPlacement },
): CheckinReply {
  const notice = noticeText(options.notice ?? 'none', target);
  const answers = completeAnswers(state.answers);
  const rows = answerRows(state.answers).map((row) => ({
    label: row.label,
    value: row.value,
    // Screen readers announce the tooltip, so five "Change" buttons are told apart.
    tooltip: `Change “${row.label}”`,
    change: button('Change', stepPayload(target, 'summary', state.rev, 'edit', { target: row.step }), {
      ignoreInputs: true,
    }),
  }));
  const buttons: CardButton[] = [];
  // Without a progress score there is nothing to submit; "Change" on that row is the way on.
  if (answers)
    buttons.push(
      button('Submit', stepPayload(target, 'summary', state.rev, 'submit', { token: answersToken(answers) }), {
        primary: true,
      }),
    );
  buttons.push(button('Back', stepPayload(target, 'summary', state.rev, 'back'), { ignoreInputs: true }));
  const heading = `Check your answers: ${missionName(target.mission)}`;
  const card = renderCard('checkinSummary', {
    title: heading,
    position: weekLabel(target.week),
    hasNotice: notice !== '',
    notice,
    speak: `${heading}. ${weekLabel(target.week)}.`,
    rows,
    attribution: questions.attribution,
    buttons,
  });
  return deliver(options.delivery, card, `${heading}. Submit when they look right.`);
}

/** An answer as label/value pairs, for the "saved" and "my check-ins" cards. */
export function answerFacts(answers: DraftAnswers): { label: string; value: string }[] {
  return answerRows(answers).map((row) => ({ label: row.label, value: row.value }));
}

export function savedCard(target: CheckinTarget, answers: CheckInAnswers, delivery: CardPlacement): CheckinReply {
  const heading = `Check-in saved: ${missionName(target.mission)}`;
  const message = `Thank you. Your answers for this week are saved. To change them, check in again on this mission by ${lastDayOf(target.week)}.`;
  const card = renderCard('checkinSaved', {
    title: heading,
    position: weekLabel(target.week),
    message,
    speak: `${heading}. ${message}`,
    facts: answerFacts(answers),
    buttons: [
      button('Change my answers', startPayload(target.teamId, target.mission)),
      button('Another mission', startPayload(target.teamId)),
      button('My check-ins', minePayload()),
      // A win can become an example for the rest of the organisation. The verb is the practice
      // capability's; the button carries only the check-in's key, and practice reads the win back.
      ...(answers.win ? [button('Share this win with the council', sharePayload(target))] : []),
    ],
  });
  return deliver(delivery, card, `${heading}. ${weekLabel(target.week)}.`);
}
