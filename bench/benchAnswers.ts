// The check-in answers the reads benchmarks store: deterministic, so every run measures the same data.
import type { CheckInAnswers, ProgressScore } from '../src/domain';

const OUTCOMES = ['outcome:data', 'outcome:services', 'outcome:inclusion', 'outcome:value'];
const ENABLERS = ['enabler:data', 'enabler:capabilities', 'enabler:leadership', null];

/** One person's answers in one week of the benchmark's history. */
export function answerFor(person: number, week: number): CheckInAnswers {
  const seed = (person * 31 + week * 17) % 97;
  return {
    progress: (1 + (seed % 5)) as ProgressScore,
    outcomes: [OUTCOMES[seed % OUTCOMES.length] ?? 'outcome:data'],
    enabler: ENABLERS[seed % ENABLERS.length] ?? null,
    principles: seed % 3 === 0 ? ['principle:inclusive'] : [],
    win: `Bench win ${seed}`,
  };
}
