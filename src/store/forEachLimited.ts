// Bulk work over a store (deleting a person's or a team's records, noting a roster, emptying an old
// container) runs a few calls at a time, so it neither crawls one by one nor floods the database.

/** Runs `work` over `items` with at most `limit` in flight. */
export async function forEachLimited<I>(
  items: readonly I[],
  limit: number,
  work: (item: I) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++] as I);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
