// What a capability answers, declared by the capability itself: the commands people type (with the
// manifest entry each appears as) and the card action verbs its buttons send. The router
// (src/router) loops over the registrations; the manifest's command lists are checked against them.
import type { Reply, TeamScope, TurnContextInfo } from './types';

/** The bot scopes a manifest command list is for. */
export type CommandScope = 'personal' | 'team' | 'groupChat';

/** A command as Teams lists it in the compose box's command menu (manifest bots[].commandLists). */
export interface ManifestCommand {
  title: string;
  description: string;
  scopes: readonly CommandScope[];
}

export interface TypedCommand<Capability> {
  /** Matches the text as typed, lower-cased, without trailing punctuation and with spaces collapsed. */
  matches(normalised: string): boolean;
  /** Where the command appears in the manifest, if it does (some are only typed). */
  manifest?: ManifestCommand;
  answer(capability: Capability, context: TurnContextInfo, text: string): Reply[] | Promise<Reply[]>;
}

/**
 * One card action verb's handler. `scope` is the team membership bound the press to (undefined when the
 * button names none); `data` is the button's data with the card's inputs merged in, still unchecked.
 */
export type CardActionHandler<Capability> = (
  capability: Capability,
  context: TurnContextInfo,
  scope: TeamScope | undefined,
  data: unknown,
) => Reply[] | Promise<Reply[]>;

/** The `action` values a capability's buttons send, each with its handler. */
export type CardActionTable<Capability> = Readonly<Record<string, CardActionHandler<Capability>>>;

export interface Registration<Capability> {
  commands: readonly TypedCommand<Capability>[];
  actions?: CardActionTable<Capability>;
}

/** A table giving every verb of `verbs` the same handler: for a capability that parses its card data in one place. */
export function actionTable<Capability>(
  verbs: readonly string[],
  handler: CardActionHandler<Capability>,
): CardActionTable<Capability> {
  return Object.fromEntries(verbs.map((verb) => [verb, handler]));
}

/** A command matched by a regular expression over the normalised text. */
export function patternCommand<Capability>(
  pattern: RegExp,
  answer: TypedCommand<Capability>['answer'],
  manifest?: ManifestCommand,
): TypedCommand<Capability> {
  return { matches: (normalised) => pattern.test(normalised), answer, ...(manifest ? { manifest } : {}) };
}

/** The team a turn names, as the capabilities' options take it. */
export function teamOptions(context: TurnContextInfo): { teamId?: string; teamName?: string } {
  return { teamId: context.teamId, teamName: context.teamName };
}
