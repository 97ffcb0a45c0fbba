// Counts a store's reads (every get… and list… call, and the practice records' get…, list… and
// count… calls), for the benchmarks that show a card costs the same reads whatever the length of a
// team's history, or the number of examples an organisation shared.
import type { FrameworkStore } from '../src/store/port';

/** Wraps `target` so each call of a method whose name `isRead` accepts adds one read. */
function counted<T extends object>(target: T, isRead: (name: string) => boolean, count: () => void): T {
  return new Proxy(target, {
    get(inner, property, receiver) {
      const value: unknown = Reflect.get(inner, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (isRead(String(property))) count();
        return (value as (...a: unknown[]) => unknown).apply(inner, args);
      };
    },
  });
}

export function countingReads(inner: FrameworkStore): {
  store: FrameworkStore;
  reads: () => number;
  reset: () => void;
} {
  let reads = 0;
  const count = () => (reads += 1);
  // The practice records sit on the store as an object of their own; their reads count the same.
  const practice = counted(inner.practice, (name) => /^(get|list|count)/.test(name), count);
  const top = counted(inner, (name) => /^(get|list)/.test(name), count);
  const store = new Proxy(top, {
    get: (target, property, receiver) =>
      property === 'practice' ? practice : (Reflect.get(target, property, receiver) as unknown),
  });
  return { store, reads: () => reads, reset: () => (reads = 0) };
}
