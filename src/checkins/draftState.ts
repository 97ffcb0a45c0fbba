// Where a person is in a check-in, as kept in the store's draft between turns. The revision number
// is what makes old cards harmless: every change bumps it, and a card drawn from an older revision
// is refused. The digest of the last action lets a repeated press (a double click, or Teams
// retrying) get the same answer again instead of a "this card is out of date" notice.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { CheckInAnswers, CheckInDraft, CheckInRecord, JsonObject } from '../domain';
import { STEPS, type Step } from './steps';
import { draftAnswersSchema, ENABLER_IDS, OUTCOME_IDS, PRINCIPLE_IDS, type DraftAnswers } from './validation';

export interface CheckinState {
  step: Step;
  /** 0 before anything is saved this week (or right after submitting); bumped on every change. */
  rev: number;
  answers: DraftAnswers;
  /** True while a question is being changed from the summary: answering it returns there. */
  editing: boolean;
  /** Digest of the action that led to this state, to recognise that action arriving again. */
  lastAction?: string;
  /** Where the state came from, for the wording of the card. */
  origin: 'new' | 'draft' | 'submitted';
}

const DRAFT_FORMAT = 1;

const storedDraftSchema = z.object({
  format: z.literal(DRAFT_FORMAT),
  step: z.enum(STEPS),
  rev: z.number().int().min(1),
  answers: draftAnswersSchema,
  editing: z.boolean(),
  lastAction: z.string().optional(),
});

/** Nothing saved yet this week: the first question, nothing answered. */
export function newState(): CheckinState {
  return { step: 'progress', rev: 0, answers: {}, editing: false, origin: 'new' };
}

/**
 * A submitted answer, opened again to change it: straight to the summary. Revision 0 again, since
 * submitting removed the draft; ids the framework no longer has are dropped so a resubmit passes.
 */
export function stateFromRecord(record: CheckInRecord): CheckinState {
  const { answers } = record;
  const known = (ids: readonly string[]) => (id: string) => ids.includes(id);
  const draft: DraftAnswers = {
    progress: answers.progress,
    outcomes: answers.outcomes.filter(known(OUTCOME_IDS)),
    enabler: answers.enabler !== null && ENABLER_IDS.includes(answers.enabler) ? answers.enabler : null,
    principles: answers.principles.filter(known(PRINCIPLE_IDS)),
  };
  if (answers.win) draft.win = answers.win;
  if (answers.blocker) draft.blocker = answers.blocker;
  return { step: 'summary', rev: 0, answers: draft, editing: false, origin: 'submitted' };
}

/** A stored draft, or undefined when it is not one this code wrote (then the person starts again). */
export function stateFromDraft(draft: CheckInDraft): CheckinState | undefined {
  const parsed = storedDraftSchema.safeParse(draft.draft);
  if (!parsed.success) return undefined;
  const { step, rev, answers, editing, lastAction } = parsed.data;
  return { step, rev, answers, editing, origin: 'draft', ...(lastAction ? { lastAction } : {}) };
}

export function draftJson(state: CheckinState): JsonObject {
  const json: JsonObject = {
    format: DRAFT_FORMAT,
    step: state.step,
    rev: state.rev,
    // Through JSON, so no undefined values reach the store.
    answers: JSON.parse(JSON.stringify(state.answers)) as JsonObject,
    editing: state.editing,
  };
  if (state.lastAction) json.lastAction = state.lastAction;
  return json;
}

/** JSON with keys sorted, so equal values always digest the same. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(
          Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : inner,
  );
}

/** A short digest; 64 bits is plenty to tell one person's cards for one week apart. */
export function digest(value: unknown): string {
  return createHash('sha256').update(canonical(value)).digest('hex').slice(0, 16);
}

/** Who a check-in card is for, without putting the user id itself on a card everyone in a channel can see. */
export function ownerOf(userId: string): string {
  return digest({ owner: userId });
}

/** The token a summary's submit button carries: what the person saw is what gets stored. */
export function answersToken(answers: CheckInAnswers): string {
  return digest(answers);
}
