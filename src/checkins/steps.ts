// The order of a check-in: five questions, then a summary to check before submitting. Kept apart
// from the cards and the store so the rules (what may be skipped, where back goes) are in one place.

export const QUESTION_STEPS = ['progress', 'outcomes', 'enabler', 'principles', 'notes'] as const;
export type QuestionStep = (typeof QUESTION_STEPS)[number];

export const STEPS = [...QUESTION_STEPS, 'summary'] as const;
export type Step = (typeof STEPS)[number];

export function isQuestionStep(step: Step): step is QuestionStep {
  return step !== 'summary';
}

/** 1-based position among the questions, for "Question 2 of 5". */
export function questionNumber(step: QuestionStep): number {
  return QUESTION_STEPS.indexOf(step) + 1;
}

/** The step after answering or skipping `step`; the last question leads to the summary. */
export function stepAfter(step: QuestionStep): Step {
  return QUESTION_STEPS[QUESTION_STEPS.indexOf(step) + 1] ?? 'summary';
}

/** The question before `step`, or undefined on the first (there is nothing to go back to). */
export function stepBefore(step: QuestionStep): QuestionStep | undefined {
  const index = QUESTION_STEPS.indexOf(step);
  return index > 0 ? QUESTION_STEPS[index - 1] : undefined;
}

/** Progress is the one answer every check-in needs; everything else may be left out. */
export function canSkip(step: QuestionStep): boolean {
  return step !== 'progress';
}
