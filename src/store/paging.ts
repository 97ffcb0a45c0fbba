// Reading a whole paged listing (installations, teams' maturity records) for the few places that need
// all of it at once: the admins' organisation views and a person's "my data".
import type { FrameworkStore, Page, PageRequest } from './port';

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

const INSTALLATIONS_PAGE = 500;

/**
 * The ids of the teams and group chats installed in one organisation (tenant): what an admin's
 * organisation view may count. Team records carry no tenant, so the installations say which are
 * whose. No tenant on the turn, no organisation: never every tenant's teams.
 */
export async function tenantTeamIds(
  store: Pick<FrameworkStore, 'listInstallations'>,
  tenantId: string | undefined,
): Promise<string[]> {
  if (!tenantId) return [];
  const installations = await everyPage((request) => store.listInstallations(request), INSTALLATIONS_PAGE);
  const ids = installations
    .filter((installation) => installation.kind !== 'personal' && installation.tenantId === tenantId)
    .map((installation) => installation.teamId ?? installation.conversationId);
  return [...new Set(ids)];
}
