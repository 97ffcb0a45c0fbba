// An entry of the person → teams index: a team a person was seen in (its channel's traffic, or its
// roster), so a person's teams are found without asking Teams about every team with the app.
import { z } from 'zod';

const id = z.string().min(1).max(1024);

export const knownTeamSchema = z.object({
  teamId: id,
  tenantId: id,
  /** When the person was last seen in the team (ISO instant). */
  seenAt: z.iso.datetime(),
});
export type KnownTeam = z.infer<typeof knownTeamSchema>;
