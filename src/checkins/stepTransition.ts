// The guided check-in as a pure function: the current state and a button press in, the next state
// (or a reason to refuse) out. No store and no cards here, so every rule can be read in one place.
import type { CheckInAnswers } from '../domain';
import { answersToken, type CheckinState } from './draftState';
import { isQuestionStep, stepAfter, stepBefore, type QuestionStep } from './steps';
import {
  completeAnswers,
  parseStepInput,
  skippedAnswer,
  type DraftAnswers,
  type StepAction,
  type StepAnswer,
} from './validation';

export type Transition =
  /** Save this state as the draft and show its card. */
  | { kind: 'move'; state: CheckinState }
  /** Store these answers. */
  | { kind: 'submit'; answers: CheckInAnswers }
  /** An answer that cannot be used; nothing changes. */
  | { kind: 'invalid'; problem: string }
  /** A button that makes no sense at this step (only a forged or broken card sends one). */
  | { kind: 'outOfOrder' }
  /** The summary changed since the card was drawn. */
  | { kind: 'stale' };

/** The raw inputs each question reads, for recognising a repeated press. */
const INPUT_KEYS: Record<QuestionStep, readonly string[]> = {
  progress: ['progress'],
  outcomes: ['outcomes'],
  enabler: ['enabler'],
  principles: ['principles'],
  notes: ['win', 'blocker'],
};

/** What identifies a press: the action and, for 'next', the values it carried. */
export function pressIdentity(action: StepAction, data: Record<string, unknown>): unknown {
  const inputs =
    action.op === 'next' && isQuestionStep(action.step) ? INPUT_KEYS[action.step].map((key) => data[key] ?? null) : [];
  return { action, inputs };
}

function merged(answers: DraftAnswers, change: StepAnswer): DraftAnswers {
  const next: Record<string, unknown> = { ...answers, ...change };
  // Cleared answers are absent, not undefined, so drafts and digests stay canonical.
  for (const key of Object.keys(next)) if (next[key] === undefined) delete next[key];
  return next as DraftAnswers;
}

function answered(state: CheckinState, step: QuestionStep, change: StepAnswer): Transition {
  // Changing one answer from the summary goes straight back to the summary.
  const nextStep = state.editing ? 'summary' : stepAfter(step);
  return { kind: 'move', state: { ...state, step: nextStep, answers: merged(state.answers, change), editing: false } };
}

/** The next state for `action`, which has already been checked to be for `state.step` and `state.rev`. */
export function transition(state: CheckinState, action: StepAction, data: Record<string, unknown>): Transition {
  const step = state.step;
  switch (action.op) {
    case 'next': {
      if (!isQuestionStep(step)) return { kind: 'outOfOrder' };
      const input = parseStepInput(step, data);
      return input.ok ? answered(state, step, input.value) : { kind: 'invalid', problem: input.problem };
    }
    case 'skip': {
      // Progress is the one answer a check-in needs (see canSkip); its card has no "skip".
      if (!isQuestionStep(step) || step === 'progress') return { kind: 'outOfOrder' };
      return answered(state, step, skippedAnswer(step));
    }
    case 'back': {
      if (!isQuestionStep(step)) return { kind: 'move', state: { ...state, step: 'notes', editing: false } };
      if (state.editing) return { kind: 'move', state: { ...state, step: 'summary', editing: false } };
      const before = stepBefore(step);
      return before ? { kind: 'move', state: { ...state, step: before } } : { kind: 'outOfOrder' };
    }
    case 'edit': {
      if (step !== 'summary' || !action.target) return { kind: 'outOfOrder' };
      return { kind: 'move', state: { ...state, step: action.target, editing: true } };
    }
    case 'submit': {
      if (step !== 'summary') return { kind: 'outOfOrder' };
      const answers = completeAnswers(state.answers);
      if (!answers)
        return { kind: 'invalid', problem: 'Progress has not been answered yet: use “Change” beside it first.' };
      // The button carries a digest of what its card showed; anything else was not seen by the person.
      if (action.token !== answersToken(answers)) return { kind: 'stale' };
      return { kind: 'submit', answers };
    }
  }
}
