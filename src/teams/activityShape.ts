// The shape of an activity, checked at the edge before anything reads it: every field a handler
// (or the SDK on its way to one) reads, with the type it is read as. Teams always sends these
// right; anything else is a malformed request, answered 400 and logged as a warning, so that an
// error in the logs always means a fault of ours. Fields nobody reads pass through untouched.
import { z } from 'zod';

function printable(value: string): boolean {
  return !/[\p{Cc}\p{Cs}\s]/u.test(value);
}

/**
 * Ids Teams sends are a few hundred characters at most, printable and well formed (they go into
 * URLs and store keys); control characters or a lone surrogate mean the activity was not Teams'.
 */
const id = z.string().min(1).max(1024).refine(printable, 'must be printable text');
const optionalId = id.optional();
/** Short names and codes (locale, conversation type, invoke name, action). */
const word = z.string().max(256);

const member = z.looseObject({ id, name: z.string().nullish(), aadObjectId: z.string().max(256).optional() });

/** Teams' channelData: where the tenant and (in a channel) the team are named. */
const channelData = z.looseObject({
  tenant: z.looseObject({ id: optionalId }).optional(),
  team: z.looseObject({ id: optionalId, name: z.string().optional() }).optional(),
  channel: z.looseObject({ id: optionalId, name: z.string().optional() }).optional(),
  eventType: word.optional(),
});

/** Entities: the SDK lower-cases every type, and reads a mention's `mentioned.id` and `text`. */
const entity = z
  .looseObject({
    type: word,
    mentioned: z.looseObject({ id: z.string() }).optional(),
    text: z.string().optional(),
  })
  .refine(
    (each) => each.type.toLowerCase() !== 'mention' || (each.mentioned !== undefined && each.text !== undefined),
    'a mention names who is mentioned, and how',
  );

const baseFields = {
  type: word.min(1),
  id: optionalId,
  channelId: word.min(1),
  /** Where replies go: an http(s) address as Teams gives it, nothing for the URL parser to repair. */
  serviceUrl: z
    .url({ protocol: /^https?$/ })
    .max(2048)
    .refine(printable, 'must be a plain address'),
  conversation: z.looseObject({
    id,
    conversationType: word.optional(),
    tenantId: optionalId,
    isGroup: z.boolean().optional(),
    name: z.string().optional(),
  }),
  from: member,
  recipient: member,
  channelData: channelData.optional(),
  entities: z.array(entity).optional(),
  locale: word.optional(),
  replyToId: optionalId,
  timestamp: z.string().max(64).optional(),
  localTimestamp: z.string().max(64).optional(),
};

/** An object, as card data and invoke values are; never a string, number or array. */
const record = z.record(z.string(), z.unknown());

const message = z.looseObject({
  ...baseFields,
  type: z.literal('message'),
  text: z.string().optional(),
  textFormat: word.optional(),
  /** Action.Submit: the card's data merged with its inputs. */
  value: record.optional().nullable(),
});

const conversationUpdate = z.looseObject({
  ...baseFields,
  type: z.literal('conversationUpdate'),
  membersAdded: z.array(member).optional(),
  membersRemoved: z.array(member).optional(),
});

const installationUpdate = z.looseObject({
  ...baseFields,
  type: z.literal('installationUpdate'),
  action: word.optional(),
});

/** Invokes: each name's value is read by its own handler (the SDK, then ours); the name must be a name. */
const invoke = z.looseObject({
  ...baseFields,
  type: z.literal('invoke'),
  name: word.min(1),
  value: z.unknown().optional(),
});

/** Universal Actions: the SDK reads value.action.type and passes value.action.data on. */
const cardActionInvoke = invoke.extend({
  name: z.literal('adaptiveCard/action'),
  value: z.looseObject({
    action: z.looseObject({ type: word, verb: word.optional(), data: z.unknown().optional() }),
    trigger: word.optional(),
  }),
});

// Message extension and file consent invokes: their values are read, and every shape answered with a
// clear card or message, by their own handlers (src/extension, fileUpload's parseFileConsent).

/** Any other kind (typing, messageReaction, event, ...): only the common fields, which the bot reads on every turn. */
const otherActivity = z.looseObject({ ...baseFields });

function schemaFor(body: unknown): z.ZodType {
  const { type, name } = (typeof body === 'object' && body !== null ? body : {}) as { type?: unknown; name?: unknown };
  switch (type) {
    case 'message':
      return message;
    case 'conversationUpdate':
      return conversationUpdate;
    case 'installationUpdate':
      return installationUpdate;
    case 'invoke':
      if (name === 'adaptiveCard/action') return cardActionInvoke;
      return invoke;
    default:
      return otherActivity;
  }
}

export type ActivityCheck =
  | { ok: true; activity: Record<string, unknown> }
  /** `fields`: the paths that are missing or wrong, for the 400's message and the log. */
  | { ok: false; fields: string[]; cardAction: boolean };

export function checkActivity(body: unknown): ActivityCheck {
  const parsed = schemaFor(body).safeParse(body);
  if (parsed.success) return { ok: true, activity: parsed.data as Record<string, unknown> };
  const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || '(body)'))];
  const { type, name } = (typeof body === 'object' && body !== null ? body : {}) as { type?: unknown; name?: unknown };
  return { ok: false, fields, cardAction: type === 'invoke' && name === 'adaptiveCard/action' };
}
