// The figures on the maturity card, from a round's level counts: the median (the middle rating, so
// one outlier does not move it) and the spread (how far the lowest and highest ratings are apart,
// which says how much people disagree). Nothing is shown from fewer ratings than MIN_RESPONSES.
import type { LevelHistogram, MaturityLevel, RoundRollup, ThemeRating } from '../domain';

export function ratingsCount(histogram: LevelHistogram | undefined): number {
  return (histogram ?? [0, 0, 0, 0, 0]).reduce((sum, count) => sum + count, 0);
}

/** The value at a 0-based position in the sorted ratings. */
function nth(histogram: LevelHistogram, position: number): number {
  let seen = 0;
  for (let index = 0; index < 5; index++) {
    seen += histogram[index] ?? 0;
    if (position < seen) return index + 1;
  }
  return 5;
}

/** The median level (a half when the two middle ratings differ), or undefined without ratings. */
export function median(histogram: LevelHistogram | undefined): number | undefined {
  const count = ratingsCount(histogram);
  if (!histogram || count === 0) return undefined;
  return (nth(histogram, Math.floor((count - 1) / 2)) + nth(histogram, Math.floor(count / 2))) / 2;
}

/** The lowest and highest level given, or undefined without ratings. */
export function range(histogram: LevelHistogram | undefined): { low: number; high: number } | undefined {
  if (!histogram || ratingsCount(histogram) === 0) return undefined;
  const levels = histogram.flatMap((count, index) => (count > 0 ? [index + 1] : []));
  return { low: levels[0] as number, high: levels.at(-1) as number };
}

/** "2.5", "3". */
export function levelText(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/** A round's roll-up made from its assessments, from scratch (so applying it twice changes nothing). */
export function rollupOfRound(
  round: string,
  assessments: readonly { ratings: Record<string, ThemeRating> }[],
): RoundRollup {
  const levels: Record<string, LevelHistogram> = {};
  for (const { ratings } of assessments) {
    for (const [theme, rating] of Object.entries(ratings)) {
      if (rating.level === null) continue;
      const histogram = (levels[theme] ??= [0, 0, 0, 0, 0]);
      const index = (rating.level as MaturityLevel) - 1;
      histogram[index] = (histogram[index] ?? 0) + 1;
    }
  }
  return { round, responses: assessments.length, levels };
}
