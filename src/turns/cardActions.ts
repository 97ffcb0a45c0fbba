// Data that card buttons send back. Every button in cards/ sends one of these shapes, and every
// submission is parsed here before anything acts on it, so a stale or forged card gets a clear answer.
import { z } from 'zod';

export const topicKindSchema = z.enum(['outcome', 'mission', 'enabler', 'principle']);

export const cardActionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('showTopic'), topicId: z.string().min(1).max(100) }),
  z.object({ action: z.literal('showList'), kind: z.union([topicKindSchema, z.literal('all')]) }),
  z.object({ action: z.literal('help') }),
  z.object({ action: z.literal('privacyNotice') }),
]);

export type CardAction = z.infer<typeof cardActionSchema>;
