// What one press of an assessment card does to the state, as a pure function: the theme cards'
// next / skip / back, and the summary's change / back / submit. The caller has already checked
// the card's revision and step against the stored state.
import { cleanText } from '../cards/plainText';
import type { MaturityLevel, ThemeRating } from '../domain';
import type { StepAction } from './actions';
import { ratingsToken, type AssessmentState } from './assessmentState';
import { NOTE_LIMIT, THEME_IDS, themeName } from './themes';

export type StepResult =
  | { kind: 'move'; state: Omit<AssessmentState, 'rev' | 'origin' | 'lastAction'> }
  | { kind: 'submit'; ratings: Record<string, ThemeRating> }
  | { kind: 'invalid'; problem: string }
  | { kind: 'stale' };

function after(step: string): string {
  const index = THEME_IDS.indexOf(step);
  return THEME_IDS[index + 1] ?? 'summary';
}

function before(step: string): string | undefined {
  if (step === 'summary') return THEME_IDS.at(-1);
  const index = THEME_IDS.indexOf(step);
  return index > 0 ? THEME_IDS[index - 1] : undefined;
}

/** Whether a theme card has a Back button (every one but the first). */
export function hasBack(step: string): boolean {
  return before(step) !== undefined;
}

function parseLevel(raw: unknown): MaturityLevel | undefined {
  const value = typeof raw === 'string' && /^\s*[1-5]\s*$/.test(raw) ? Number(raw) : raw;
  return value === 1 || value === 2 || value === 3 || value === 4 || value === 5 ? value : undefined;
}

/** Reads the theme card's inputs: a level (required for next) and an optional plain-text note. */
export function parseRating(
  theme: string,
  data: Record<string, unknown>,
): { ok: true; rating: ThemeRating } | { ok: false; problem: string } {
  const level = parseLevel(data.level);
  if (level === undefined) {
    return data.level === undefined || data.level === ''
      ? { ok: false, problem: `Choose a level for ${themeName(theme)}, or skip it.` }
      : { ok: false, problem: 'The level must be a whole number from 1 to 5.' };
  }
  if (data.note !== undefined && data.note !== null && typeof data.note !== 'string')
    return { ok: false, problem: 'The note could not be read.' };
  // Kept as text only: control, bidi and zero-width characters go (cards/plainText).
  const note = typeof data.note === 'string' ? cleanText(data.note, { multiline: true }) : '';
  if (note.length > NOTE_LIMIT)
    return {
      ok: false,
      problem: `The note is ${note.length} characters; the most it can be is ${NOTE_LIMIT}. Please shorten it and try again.`,
    };
  return { ok: true, rating: note ? { level, note } : { level } };
}

export function transition(state: AssessmentState, action: StepAction, data: Record<string, unknown>): StepResult {
  const base = { ratings: state.ratings, editing: state.editing };
  const onward = (step: string) => (state.editing ? 'summary' : after(step));
  if (state.step === 'summary') {
    switch (action.op) {
      case 'edit':
        return action.target
          ? { kind: 'move', state: { ...base, step: action.target, editing: true } }
          : { kind: 'stale' };
      case 'back':
        return { kind: 'move', state: { ...base, step: before('summary') as string, editing: false } };
      case 'submit': {
        if (!Object.values(state.ratings).some((rating) => rating.level !== null))
          return { kind: 'invalid', problem: 'Rate at least one theme before submitting.' };
        if (action.token !== ratingsToken(state.ratings)) return { kind: 'stale' };
        return { kind: 'submit', ratings: state.ratings };
      }
      default:
        return { kind: 'stale' };
    }
  }
  switch (action.op) {
    case 'next': {
      const parsed = parseRating(state.step, data);
      if (!parsed.ok) return { kind: 'invalid', problem: parsed.problem };
      return {
        kind: 'move',
        state: { ratings: { ...state.ratings, [state.step]: parsed.rating }, step: onward(state.step), editing: false },
      };
    }
    case 'skip':
      return {
        kind: 'move',
        state: {
          ratings: { ...state.ratings, [state.step]: { level: null } },
          step: onward(state.step),
          editing: false,
        },
      };
    case 'back': {
      if (state.editing) return { kind: 'move', state: { ...base, step: 'summary', editing: false } };
      const previous = before(state.step);
      return previous ? { kind: 'move', state: { ...base, step: previous } } : { kind: 'stale' };
    }
    default:
      return { kind: 'stale' };
  }
}
