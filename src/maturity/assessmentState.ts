// Where a person is in their self-assessment, as kept in the store's draft between turns. As for
// check-ins, the revision number makes old cards harmless (every change bumps it; a card from an
// older revision is refused) and the digest of the last press lets a repeated press get the same
// answer again instead of an "out of date" notice.
import { z } from 'zod';
import { digest } from '../checkins/draftState';
import type { AssessmentDraft, AssessmentRecord, JsonObject, ThemeRating } from '../domain';
import { NOTE_LIMIT, THEME_IDS } from './themes';

export interface AssessmentState {
  /** A theme id, or 'summary'. */
  step: string;
  rev: number;
  ratings: Record<string, ThemeRating>;
  /** True while one rating is being changed from the summary: answering it returns there. */
  editing: boolean;
  lastAction?: string;
  origin: 'new' | 'draft' | 'submitted';
}

const DRAFT_FORMAT = 1;

const themeId = z.string().refine((id) => THEME_IDS.includes(id));
export const ratingsSchema = z.record(
  themeId,
  z.object({ level: z.literal([1, 2, 3, 4, 5]).nullable(), note: z.string().min(1).max(NOTE_LIMIT).optional() }),
);

const storedDraftSchema = z.object({
  format: z.literal(DRAFT_FORMAT),
  step: z.union([themeId, z.literal('summary')]),
  rev: z.number().int().min(1),
  ratings: ratingsSchema,
  editing: z.boolean(),
  lastAction: z.string().optional(),
});

export function newState(): AssessmentState {
  return { step: THEME_IDS[0] as string, rev: 0, ratings: {}, editing: false, origin: 'new' };
}

/** A submitted assessment opened again to change it: straight to the summary. */
export function stateFromRecord(record: AssessmentRecord): AssessmentState {
  const ratings = Object.fromEntries(Object.entries(record.ratings).filter(([id]) => THEME_IDS.includes(id)));
  return { step: 'summary', rev: 0, ratings, editing: false, origin: 'submitted' };
}

/** A stored draft, or undefined when it is not one this code wrote (then the person starts again). */
export function stateFromDraft(draft: AssessmentDraft): AssessmentState | undefined {
  const parsed = storedDraftSchema.safeParse(draft.draft);
  if (!parsed.success) return undefined;
  const { step, rev, ratings, editing, lastAction } = parsed.data;
  return { step, rev, ratings, editing, origin: 'draft', ...(lastAction ? { lastAction } : {}) };
}

export function draftJson(state: AssessmentState): JsonObject {
  const json: JsonObject = {
    format: DRAFT_FORMAT,
    step: state.step,
    rev: state.rev,
    ratings: JSON.parse(JSON.stringify(state.ratings)) as JsonObject,
    editing: state.editing,
  };
  if (state.lastAction) json.lastAction = state.lastAction;
  return json;
}

/** The ratings in theme order, so equal ratings always digest the same. */
export function orderedRatings(ratings: Record<string, ThemeRating>): Record<string, ThemeRating> {
  return Object.fromEntries(THEME_IDS.filter((id) => ratings[id]).map((id) => [id, ratings[id] as ThemeRating]));
}

/** The token a summary's submit button carries: what the person saw is what gets stored. */
export function ratingsToken(ratings: Record<string, ThemeRating>): string {
  return digest(orderedRatings(ratings));
}

export { digest, ownerOf } from '../checkins/draftState';
