// Reading a whole paged listing (installations, teams' maturity records) for the few places that need
// all of it at once: the admins' organisation view and a person's "my data".
import type { Page, PageRequest } from './port';

/** Every item of a paged listing, page after page; stops after the page that reaches `limit`, if given. */
export async function everyPage<T>(
  list: (request: PageRequest) => Promise<Page<T>>,
  pageSize: number,
  limit = Infinity,
): Promise<T[]> {
  const items: T[] = [];
  let continuationToken: string | undefined;
  do {
    const page = await list({ pageSize, ...(continuationToken ? { continuationToken } : {}) });
    items.push(...page.items);
    continuationToken = page.continuationToken;
  } while (continuationToken && items.length < limit);
  return items;
}
