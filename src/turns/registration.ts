// What a capability answers, declared by the capability itself: the commands people type (with the
// manifest entry each appears as) and the card action verbs its buttons send. The router
// (src/router) loops over the registrations; the manifest's command lists are checked against them.
import type { Reply, TurnContextInfo } from './types';

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

export interface CardActionHandler<Capability> {
  /** The `action` values the capability's buttons send. */
  verbs: readonly string[];
  handle(capability: Capability, context: TurnContextInfo, data: unknown): Reply[] | Promise<Reply[]>;
}

export interface Registration<Capability> {
  commands: readonly TypedCommand<Capability>[];
  actions?: CardActionHandler<Capability>;
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
