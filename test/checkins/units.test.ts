// The pieces under the flow: ISO weeks in a time zone, roll-up contributions, the questions file,
// parsing of card inputs, and the draft's digests.
import rawQuestions from '../../src/checkins/questions.json';
import { parseQuestions, progressLabel, questions } from '../../src/checkins/questions';
import { applyContribution, rollupOf } from '../../src/checkins/rollupContribution';
import { answersToken, digest } from '../../src/checkins/draftState';
import { OUTCOME_IDS, parseIdList, parseStepInput } from '../../src/checkins/validation';
import { currentWeek, lastDayOf, weekLabel } from '../../src/calendar/weeks';
import type { CheckInAnswers } from '../../src/domain';

describe('weeks', () => {
  test.each([
    ['2026-11-23T09:00:00Z', 'Europe/London', '2026-W48'],
    // Sunday 23:30 in London is still the same week; in Auckland it is already Monday.
    ['2026-11-29T23:30:00Z', 'Europe/London', '2026-W48'],
    ['2026-11-29T12:00:00Z', 'Pacific/Auckland', '2026-W49'],
    // In summer time, 23:30 UTC on Sunday is 00:30 on Monday in London.
    ['2026-06-28T23:30:00Z', 'Europe/London', '2026-W27'],
    ['2026-06-28T23:30:00Z', 'UTC', '2026-W26'],
    // ISO week-years: 1 January 2027 is a Friday, so it belongs to 2026's week 53.
    ['2027-01-01T12:00:00Z', 'Europe/London', '2026-W53'],
    ['2024-12-30T12:00:00Z', 'Europe/London', '2025-W01'],
    // A zone the runtime does not know falls back to London rather than breaking check-ins.
    ['2026-11-23T09:00:00Z', 'Not/AZone', '2026-W48'],
  ])('%s in %s is %s', (instant, zone, week) => {
    expect(currentWeek(new Date(instant), zone)).toBe(week);
  });

  test('labels say which days the week covers', () => {
    expect(weekLabel('2026-W48')).toBe('Week 48, 23 to 29 November 2026');
    expect(weekLabel('2026-W49')).toBe('Week 49, 30 November to 6 December 2026');
    expect(weekLabel('2026-W53')).toBe('Week 53, 28 December 2026 to 3 January 2027');
    expect(lastDayOf('2026-W48')).toBe('Sunday 29 November');
    expect(weekLabel('nonsense')).toBe('nonsense');
  });
});

describe('roll-up contributions', () => {
  const a: CheckInAnswers = {
    progress: 2,
    outcomes: ['outcome:data', 'outcome:value'],
    enabler: 'enabler:data',
    principles: ['principle:ethical'],
  };
  const b: CheckInAnswers = { progress: 5, outcomes: ['outcome:data'], enabler: null, principles: [], win: 'x' };

  test('adding answers counts each part once', () => {
    expect(rollupOf('t', 'digitally-enabled-councils', '2026-W48', [a, b])).toEqual({
      teamId: 't',
      mission: 'digitally-enabled-councils',
      week: '2026-W48',
      responses: 2,
      progressSum: 7,
      progressHistogram: [0, 1, 0, 0, 1],
      outcomes: { 'outcome:data': 2, 'outcome:value': 1 },
      enablers: { 'enabler:data': 1 },
      principles: { 'principle:ethical': 1 },
    });
  });

  test('removing an answer is the exact opposite of adding it', () => {
    const both = rollupOf('t', 'digitally-enabled-councils', '2026-W48', [a, b]);
    expect(applyContribution(both, a, -1)).toEqual(rollupOf('t', 'digitally-enabled-councils', '2026-W48', [b]));
    expect(applyContribution(rollupOf('t', 'digitally-enabled-councils', '2026-W48', [a]), a, -1)).toEqual(
      rollupOf('t', 'digitally-enabled-councils', '2026-W48', []),
    );
  });
});

describe('the questions file', () => {
  test('has a label for every point of the scale and the attribution', () => {
    expect(questions.steps.progress.scale.map((point) => point.value)).toEqual([1, 2, 3, 4, 5]);
    expect(progressLabel(4)).toBe('Good progress');
    expect(questions.attribution).toContain('Questions written by Framework Guide');
  });

  test('a bad edit fails at load', () => {
    const copy = structuredClone(rawQuestions) as { steps: { progress: { scale: unknown[] } } };
    copy.steps.progress.scale.pop();
    expect(() => parseQuestions(copy)).toThrow();
    expect(() => parseQuestions({ ...rawQuestions, textLimit: 'lots' })).toThrow();
    expect(() => parseQuestions({ ...rawQuestions, extra: true })).toThrow();
  });
});

describe('card inputs', () => {
  test('multi-select lists: comma-separated or arrays, trimmed, de-duplicated, in framework order', () => {
    expect(parseIdList(' outcome:value , outcome:data,outcome:value,', OUTCOME_IDS, 'outcomes')).toEqual({
      ok: true,
      value: ['outcome:data', 'outcome:value'],
    });
    expect(parseIdList(['outcome:data'], OUTCOME_IDS, 'outcomes')).toEqual({ ok: true, value: ['outcome:data'] });
    expect(parseIdList(undefined, OUTCOME_IDS, 'outcomes')).toEqual({ ok: true, value: [] });
    expect(parseIdList('outcome:data,nope', OUTCOME_IDS, 'outcomes').ok).toBe(false);
    expect(parseIdList(','.repeat(100) + 'x', OUTCOME_IDS, 'outcomes').ok).toBe(false);
  });

  test('progress accepts the scale as text or numbers, nothing else', () => {
    expect(parseStepInput('progress', { progress: '1' })).toEqual({ ok: true, value: { progress: 1 } });
    expect(parseStepInput('progress', { progress: 5 })).toEqual({ ok: true, value: { progress: 5 } });
    for (const bad of ['0', '6', '-1', '2.0', ' ', 'three', true, null])
      expect(parseStepInput('progress', { progress: bad }).ok).toBe(false);
  });

  test('notes are trimmed, empty means nothing, and the limit is exact', () => {
    expect(parseStepInput('notes', { win: '  ', blocker: ' stuck ' })).toEqual({
      ok: true,
      value: { win: undefined, blocker: 'stuck' },
    });
    expect(parseStepInput('notes', { win: 'a'.repeat(questions.textLimit) }).ok).toBe(true);
    expect(parseStepInput('notes', { win: 'a'.repeat(questions.textLimit + 1) }).ok).toBe(false);
  });
});

describe('digests', () => {
  test('do not depend on key order, and tell different answers apart', () => {
    expect(digest({ a: 1, b: [1, 2] })).toBe(digest({ b: [1, 2], a: 1 }));
    const answers: CheckInAnswers = { progress: 3, outcomes: [], enabler: null, principles: [] };
    expect(answersToken(answers)).toMatch(/^[0-9a-f]{16}$/);
    expect(answersToken(answers)).not.toBe(answersToken({ ...answers, progress: 4 }));
  });
});
