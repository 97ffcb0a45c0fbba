// An installation: a conversation (team channel, group chat or personal chat) the app is in, with
// the reference needed to message it later. The schema is the stored shape; the type is inferred
// from it, so what is checked and what is typed cannot drift apart.
import { z } from 'zod';

// Teams conversation ids are long (a channel's carries a thread id), and not ours to constrain further.
const conversationId = z.string().min(1).max(1024);
const instant = z.iso.datetime();

/** Just enough of a Bot Framework conversation reference to message the conversation later. */
export const conversationReferenceSchema = z.object({
  serviceUrl: z.url(),
  channelId: z.string().min(1),
  conversation: z.object({
    id: conversationId,
    tenantId: z.string().optional(),
    conversationType: z.string().optional(),
  }),
  bot: z.object({ id: conversationId }),
  user: z.object({ id: conversationId }),
});
export type StoredConversationReference = z.infer<typeof conversationReferenceSchema>;

/** What a turn knows about the conversation; the store adds whether it is active and when things happened. */
export const installationInputSchema = z.object({
  conversationId,
  tenantId: z.string().min(1),
  kind: z.enum(['personal', 'channel', 'groupChat']),
  teamId: conversationId.optional(),
  reference: conversationReferenceSchema,
});
export type InstallationInput = z.infer<typeof installationInputSchema>;

export const installationSchema = installationInputSchema.extend({
  /** False after uninstall, removal, or Teams answering 403 to a proactive message. */
  active: z.boolean(),
  installedAt: instant,
  updatedAt: instant,
  /** When the app was removed (starts the grace period before the team's data is deleted); absent while installed. */
  removedAt: instant.optional(),
});
export type Installation = z.infer<typeof installationSchema>;
