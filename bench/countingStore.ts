// Counts a store's reads (every get… and list… call), for the benchmarks that show a card costs the
// same reads whatever the length of a team's history.
import type { FrameworkStore } from '../src/store/port';

export function countingReads(inner: FrameworkStore): {
  store: FrameworkStore;
  reads: () => number;
  reset: () => void;
} {
  let reads = 0;
  const store = new Proxy(inner, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (/^(get|list)/.test(String(property))) reads += 1;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store, reads: () => reads, reset: () => (reads = 0) };
}
