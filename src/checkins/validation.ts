// Every check-in card submission is parsed here before anything acts on it. Cards can be old,
// pressed twice, replayed by Teams or forged, so nothing a card sends is trusted: ids must be the
// framework's, scores must be on the scale, text must fit, and the step's own inputs are read
// only for the step the card says it is.
import { z } from 'zod';
import { topicsOfKind } from '../knowledge/framework';
import { MISSIONS, type CheckInAnswers, type ProgressScore } from '../domain';
import { questions } from './questions';
import { QUESTION_STEPS, STEPS, type QuestionStep } from './steps';
import { cleanText } from '../cards/plainText';

const ISO_WEEK = /^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/;

export const OUTCOME_IDS: readonly string[] = topicsOfKind('outcome').map((topic) => topic.id);
export const ENABLER_IDS: readonly string[] = topicsOfKind('enabler').map((topic) => topic.id);
export const PRINCIPLE_IDS: readonly string[] = topicsOfKind('principle').map((topic) => topic.id);
/** The enabler step's value for "nothing is holding us back". */
export const NO_ENABLER = 'none';

const teamId = z.string().min(1).max(1024);
const mission = z.enum(MISSIONS);

// ---- Action data --------------------------------------------------------------------------------

/** A press on a question, summary or "saved" card of the guided check-in. */
export const stepActionSchema = z.object({
  action: z.literal('checkin'),
  op: z.enum(['next', 'back', 'skip', 'edit', 'submit']),
  /** The step the card showed: a card for any other step is out of order. */
  step: z.enum(STEPS),
  /** For 'edit': which question to change. */
  target: z.enum(QUESTION_STEPS).optional(),
  mission,
  week: z.string().regex(ISO_WEEK),
  teamId,
  /** Whose check-in the card is (a digest of the user id): cards in channels are seen by everyone. */
  owner: z.string().regex(/^[0-9a-f]{16}$/),
  /** The draft revision the card was drawn from: an older one means the card is stale. */
  rev: z.number().int().min(0).max(1_000_000),
  /** For 'submit': a digest of the answers the summary showed, so what is stored is what was seen. */
  token: z
    .string()
    .regex(/^[0-9a-f]{16}$/)
    .optional(),
});
export type StepAction = z.infer<typeof stepActionSchema>;

/** Start or resume: typed "check in", a team or mission choice, or "continue" on a notice. */
const startActionSchema = z.object({
  action: z.literal('checkinStart'),
  teamId: teamId.optional(),
  mission: mission.optional(),
});
const mineActionSchema = z.object({ action: z.literal('checkinMine') });
const settingsActionSchema = z.discriminatedUnion('op', [
  z.object({ action: z.literal('checkinSettings'), op: z.literal('open'), teamId: teamId.optional() }),
  // A client leaves out a multi-select with nothing ticked, so both lists may be missing; the save checks them.
  z.looseObject({
    action: z.literal('checkinSettings'),
    op: z.literal('save'),
    teamId,
    /** A digest of the settings the form showed (settingsShown); absent on cards drawn before it was. */
    shown: z.string().max(64).optional(),
    missions: z.unknown().optional(),
    focusOutcomes: z.unknown().optional(),
  }),
]);

const awayActionSchema = z.object({
  action: z.literal('checkinAway'),
  op: z.enum(['thisWeek', 'back']),
  teamId: z.string().min(1).max(1024).optional(),
});

export const checkinActionSchema = z.union([
  stepActionSchema,
  startActionSchema,
  mineActionSchema,
  settingsActionSchema,
  awayActionSchema,
]);

// ---- Inputs ---------------------------------------------------------------------------------------

/** What a step's inputs mean, or why they cannot be used. */
export type InputResult<T> = { ok: true; value: T } | { ok: false; problem: string };

/**
 * Multi-select ChoiceSets send "a,b,c" (and nothing, or "", when nothing is ticked); some clients
 * send an array. Either way: a list of distinct ids, each one the framework has.
 */
export function parseIdList<T extends string>(raw: unknown, known: readonly T[], what: string): InputResult<T[]> {
  if (raw === undefined || raw === null || raw === '') return { ok: true, value: [] };
  const parts = typeof raw === 'string' ? raw.split(',') : Array.isArray(raw) ? raw : undefined;
  if (!parts || parts.length > known.length * 2)
    return { ok: false, problem: `The ${what} sent by the card could not be read.` };
  const ids: T[] = [];
  for (const part of parts) {
    if (typeof part === 'string' && part.trim() === '') continue;
    const id = typeof part === 'string' ? known.find((each) => each === part.trim()) : undefined;
    if (id === undefined)
      return {
        ok: false,
        problem: `The card sent ${what} that the framework does not have. The card may be out of date.`,
      };
    if (!ids.includes(id)) ids.push(id);
  }
  // The framework's own order, so the same choice always reads (and digests) the same.
  return { ok: true, value: known.filter((id) => ids.includes(id)) };
}

function parseProgress(raw: unknown): InputResult<ProgressScore> {
  const value = typeof raw === 'string' && /^\s*\d+\s*$/.test(raw) ? Number(raw) : raw;
  if (value === 1 || value === 2 || value === 3 || value === 4 || value === 5) return { ok: true, value };
  if (raw === undefined || raw === '') return { ok: false, problem: questions.steps.progress.requiredMessage };
  return { ok: false, problem: 'Progress must be a whole number from 1 to 5.' };
}

function parseEnabler(raw: unknown): InputResult<string | null> {
  if (raw === NO_ENABLER) return { ok: true, value: null };
  if (raw === undefined || raw === '')
    return { ok: false, problem: 'Choose the enabler holding the team back most, or “None”. Or skip the question.' };
  if (typeof raw === 'string' && ENABLER_IDS.includes(raw)) return { ok: true, value: raw };
  return {
    ok: false,
    problem: 'The card sent an enabler that the framework does not have. The card may be out of date.',
  };
}

function parseText(raw: unknown, label: string): InputResult<string | undefined> {
  if (raw === undefined || raw === null) return { ok: true, value: undefined };
  if (typeof raw !== 'string') return { ok: false, problem: `“${label}” could not be read.` };
  // Kept as text only: control and bidi characters go (newlines and tabs stay), see cards/plainText.
  const trimmed = cleanText(raw, { multiline: true });
  if (trimmed.length > questions.textLimit) {
    return {
      ok: false,
      problem: `“${label}” is ${trimmed.length} characters; the most it can be is ${questions.textLimit}. Please shorten it and try again.`,
    };
  }
  return { ok: true, value: trimmed === '' ? undefined : trimmed };
}

/** The part of the answers one question sets. */
export type StepAnswer = Partial<CheckInAnswers>;

/** Reads the inputs of `step` from the submitted data; other steps' keys are ignored. */
export function parseStepInput(step: QuestionStep, data: Record<string, unknown>): InputResult<StepAnswer> {
  switch (step) {
    case 'progress': {
      const progress = parseProgress(data.progress);
      return progress.ok ? { ok: true, value: { progress: progress.value } } : progress;
    }
    case 'outcomes': {
      const outcomes = parseIdList(data.outcomes, OUTCOME_IDS, 'outcomes');
      return outcomes.ok ? { ok: true, value: { outcomes: outcomes.value } } : outcomes;
    }
    case 'enabler': {
      const enabler = parseEnabler(data.enabler);
      return enabler.ok ? { ok: true, value: { enabler: enabler.value } } : enabler;
    }
    case 'principles': {
      const principles = parseIdList(data.principles, PRINCIPLE_IDS, 'good practice principles');
      return principles.ok ? { ok: true, value: { principles: principles.value } } : principles;
    }
    case 'notes': {
      const win = parseText(data.win, questions.steps.notes.win.label);
      if (!win.ok) return win;
      const blocker = parseText(data.blocker, questions.steps.notes.blocker.label);
      if (!blocker.ok) return blocker;
      return { ok: true, value: { win: win.value, blocker: blocker.value } };
    }
  }
}

/** What skipping a question records: nothing chosen. Progress cannot be skipped. */
export function skippedAnswer(step: Exclude<QuestionStep, 'progress'>): StepAnswer {
  switch (step) {
    case 'outcomes':
      return { outcomes: [] };
    case 'enabler':
      return { enabler: null };
    case 'principles':
      return { principles: [] };
    case 'notes':
      return { win: undefined, blocker: undefined };
  }
}

// ---- Answers ----------------------------------------------------------------------------------

const idIn = (known: readonly string[]) => z.string().refine((id) => known.includes(id));
const freeText = z.string().min(1).max(questions.textLimit);

/** Answers as a draft holds them: any question may still be unanswered. */
export const draftAnswersSchema = z.object({
  progress: z.literal([1, 2, 3, 4, 5]).optional(),
  outcomes: z.array(idIn(OUTCOME_IDS)).optional(),
  enabler: idIn(ENABLER_IDS).nullable().optional(),
  principles: z.array(idIn(PRINCIPLE_IDS)).optional(),
  win: freeText.optional(),
  blocker: freeText.optional(),
});
export type DraftAnswers = z.infer<typeof draftAnswersSchema>;

/** The answers to store, or undefined while progress (the one required answer) is missing. */
export function completeAnswers(draft: DraftAnswers): CheckInAnswers | undefined {
  if (draft.progress === undefined) return undefined;
  const answers: CheckInAnswers = {
    progress: draft.progress,
    outcomes: draft.outcomes ?? [],
    enabler: draft.enabler ?? null,
    principles: draft.principles ?? [],
  };
  // Absent rather than undefined, so a stored answer and a fresh one compare (and digest) the same.
  if (draft.win !== undefined) answers.win = draft.win;
  if (draft.blocker !== undefined) answers.blocker = draft.blocker;
  return answers;
}
