// The check-in's questions, loaded from questions.json and checked once at module load. Wording
// lives in JSON so it can change without touching code; the checks make a bad edit fail at start-up
// (and in tests) instead of producing a broken card in Teams.
import { z } from 'zod';
import rawQuestions from './questions.json';

const text = z.string().min(1).max(300);
const baseStep = { question: text, explanation: text };

const scalePoint = z.strictObject({ value: z.number().int(), label: text });

const questionsFileSchema = z.strictObject({
  /** Shown on every question card: these are the guide's own questions, not the framework's. */
  attribution: text,
  /** Most characters a free-text answer may have. */
  textLimit: z.number().int().min(50).max(2000),
  steps: z.strictObject({
    progress: z.strictObject({
      ...baseStep,
      // A label for every point of the 1-5 scale, in order, so no point is ever unexplained.
      scale: z
        .array(scalePoint)
        .length(5)
        .refine(
          (points) => points.every((point, index) => point.value === index + 1),
          'must label 1, 2, 3, 4 and 5 in order',
        ),
      requiredMessage: text,
    }),
    outcomes: z.strictObject(baseStep),
    enabler: z.strictObject({ ...baseStep, noneLabel: text }),
    principles: z.strictObject(baseStep),
    notes: z.strictObject({
      ...baseStep,
      win: z.strictObject({ label: text, placeholder: text }),
      blocker: z.strictObject({ label: text, placeholder: text }),
    }),
  }),
});

export type CheckinQuestions = z.infer<typeof questionsFileSchema>;

/** Checks a questions file; throws naming what is wrong. */
export function parseQuestions(raw: unknown): CheckinQuestions {
  return questionsFileSchema.parse(raw);
}

/** The questions, validated; the progress question's "{mission}" is filled in per card. */
export const questions: CheckinQuestions = parseQuestions(rawQuestions);

/** The label of a point on the progress scale, e.g. "Good progress". */
export function progressLabel(value: number): string {
  return questions.steps.progress.scale.find((point) => point.value === value)?.label ?? String(value);
}
