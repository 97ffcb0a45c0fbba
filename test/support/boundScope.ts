// Tests that call a capability's handleAction directly stand in for the router, which hands every
// press the team src/membership bound it to. When membership lets a press through, that is the team
// its data names; these tests check what the capability does with such a press (its own checks
// included), while test/http/teamBinding.test.ts covers the presses membership refuses.
import type { TeamScope } from '../../src/turns/types';

/** The scope membership binds a press to when it lets it through: the team its data names, if any. */
export function boundScope(data: unknown): TeamScope | undefined {
  const teamId = (data as { teamId?: unknown } | null | undefined)?.teamId;
  return typeof teamId === 'string' ? { teamId } : undefined;
}
