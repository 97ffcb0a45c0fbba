// The product's front door for conversation turns: one plain request in, the replies out. The
// Teams edge sends every message, card action, installation and file consent answer through here
// (message extensions are answered by src/extension directly). Each capability registers what it
// answers (src/turns/registration.ts); the router only loops over the registrations.
import { checkinsRegistration, type Checkins } from '../checkins';
import { knowledgeRegistration, type KnowledgeAnswers } from '../knowledge/answers';
import { maturityRegistration, type Maturity } from '../maturity';
import { practiceRegistration, type Practice } from '../practice';
import type { Membership } from '../membership';
import { privacyRegistration, type Privacy } from '../privacy';
import { progressRegistration, type Progress } from '../progress';
import { reportRegistration, type QuarterlyReport } from '../report';
import { StoreUnavailableError } from '../store/errors';
import { conversationTeam } from '../turns/conversationTeam';
import { buttonDidNotWorkReply, helpReply, noticeReply, welcomeReply } from '../turns/guideCards';
import type { ManifestCommand, Registration } from '../turns/registration';
import type { CardReply, Reply, TurnContextInfo, TurnRequest } from '../turns/types';

export type { KnowledgeAnswers } from '../knowledge/answers';

export interface TurnCapabilities {
  knowledge: KnowledgeAnswers;
  checkins: Checkins;
  progress: Progress;
  maturity: Maturity;
  report: QuarterlyReport;
  /** Examples of practice shared within the organisation. */
  practice: Practice;
  privacy: Privacy;
  /**
   * Binds every card action to a team before its capability sees it (src/membership): a team named in
   * a button's data must be this conversation's, or one the person is in.
   */
  membership: Membership;
  /** The privacy notice as a card (what is kept, why, for how long, who sees it), with the settings the bot runs with. */
  privacyNotice(): CardReply;
  /**
   * Whoever adds the app to a team or group chat becomes its first lead; their Teams client's time
   * zone, when the activity carries one, becomes the team's default (see calendar/timeZoneDefault.ts).
   */
  recordFirstLead(teamId: string, userId: string, timeZone?: string): Promise<void>;
}

const HELP_WORDS = new Set([
  'help',
  '?',
  'hi',
  'hello',
  'hey',
  'start',
  'menu',
  'commands',
  'what can you do',
  'what can you do?',
]);

export async function handleTurn(request: TurnRequest, capabilities: TurnCapabilities): Promise<Reply[]> {
  try {
    return await answer(request, capabilities);
  } catch (error) {
    // The store being down is not a bug: say so plainly, and keep everything else working.
    if (error instanceof StoreUnavailableError)
      return [
        noticeReply(
          "Couldn't save that",
          "I couldn't reach my storage just now, so nothing was saved. Please try again in a minute.",
        ),
      ];
    throw error;
  }
}

/** The guide's own commands and buttons: help, and the privacy notice. */
const guideRegistration: Registration<TurnCapabilities> = {
  commands: [
    {
      matches: (normalised) => normalised === '' || HELP_WORDS.has(normalised),
      answer: () => [helpReply()],
      manifest: {
        title: 'help',
        description: 'What Framework Guide can do and how to start a guided check-in',
        scopes: ['personal', 'team', 'groupChat'],
      },
    },
    {
      matches: (normalised) => /^((show|see|read) )?(the )?privacy( (notice|policy|statement))?$/.test(normalised),
      answer: (capabilities) => [capabilities.privacyNotice()],
      manifest: {
        title: 'privacy',
        description: 'What the bot keeps, why, for how long and who sees it',
        scopes: ['personal', 'team', 'groupChat'],
      },
    },
  ],
  actions: {
    help: () => [helpReply()],
    privacyNotice: (capabilities) => [capabilities.privacyNotice()],
  },
};

/** A registration with its capability: what the router loops over. */
interface Route {
  commands: Registration<unknown>['commands'];
  actions?: Registration<unknown>['actions'];
  capability: unknown;
}

function route<C>(registration: Registration<C>, capability: C): Route {
  return { ...(registration as Registration<unknown>), capability };
}

/** Every registration, in the order typed commands are tried. */
function routes(capabilities: TurnCapabilities): Route[] {
  return [
    route(guideRegistration, capabilities),
    route(checkinsRegistration, capabilities.checkins),
    route(progressRegistration, capabilities.progress),
    route(maturityRegistration, capabilities.maturity),
    route(reportRegistration, capabilities.report),
    route(privacyRegistration, capabilities.privacy),
    // Before knowledge, whose questions would otherwise take "examples of data".
    route(practiceRegistration, capabilities.practice),
    route(knowledgeRegistration, capabilities.knowledge),
  ];
}

/**
 * Every registration's commands and verbs, without the capabilities: read from the same list the
 * router loops over, so the manifest check and the team-binding test cover a new registration at once.
 */
function allRegistrations(): Route[] {
  return routes({} as TurnCapabilities);
}

/** The commands the manifest lists, from the registrations (test/manifest checks manifest.json against them). */
export function manifestCommands(): ManifestCommand[] {
  return allRegistrations().flatMap((registration) =>
    registration.commands.flatMap((command) => (command.manifest ? [command.manifest] : [])),
  );
}

/** Every card action verb of every registration (the team-binding test presses each one with a foreign team). */
export function cardActionVerbs(): string[] {
  return allRegistrations().flatMap((registration) => Object.keys(registration.actions ?? {}));
}

async function answer(request: TurnRequest, capabilities: TurnCapabilities): Promise<Reply[]> {
  switch (request.kind) {
    case 'installed': {
      const { context } = request;
      if (context.conversationKind !== 'personal' && context.userId)
        await capabilities.recordFirstLead(conversationTeam(context), context.userId, context.timeZone);
      return [welcomeReply(context.conversationKind)];
    }
    case 'message':
      return answerText(request.text, request.context, capabilities);
    case 'cardAction':
      return answerCardAction(request.data, request.context, capabilities);
    case 'fileOffer':
      // Each offer goes back to the capability that made it: the person's data, a lead's progress export or report.
      if (request.offer === 'quarterlyReport')
        return capabilities.report.fileOfferAnswered(request.context, request.outcome, request.details);
      return request.offer === 'progressExport'
        ? capabilities.progress.exportOfferAnswered(request.context, request.outcome)
        : capabilities.privacy.fileOfferAnswered(request.context, request.outcome);
  }
}

async function answerText(text: string, context: TurnContextInfo, capabilities: TurnCapabilities): Promise<Reply[]> {
  const normalised = text
    .trim()
    .toLowerCase()
    .replace(/[.!?]+$/, '')
    .replace(/\s+/g, ' ');
  for (const { commands, capability } of routes(capabilities)) {
    const command = commands.find((each) => each.matches(normalised));
    if (command) return command.answer(capability, context, text);
  }
  return [await capabilities.knowledge.answerQuestion(text, context)];
}

async function answerCardAction(
  data: unknown,
  context: TurnContextInfo,
  capabilities: TurnCapabilities,
): Promise<Reply[]> {
  const action = (data as { action?: unknown } | null)?.action;
  if (typeof action === 'string') {
    for (const { actions, capability } of routes(capabilities)) {
      // Own keys only: a verb such as 'toString' must not reach an object's prototype.
      if (!actions || !Object.hasOwn(actions, action)) continue;
      const handler = actions[action];
      if (!handler) continue;
      // Card data is whatever the client sends: a team it names is checked here, for every verb, and the
      // handler is given the team membership bound, so no capability reads one from the data.
      const binding = await capabilities.membership.bindCardAction(context, data);
      if (binding.kind === 'refused') return [binding.reply];
      return handler(capability, context, binding.scope, data);
    }
  }
  return [buttonDidNotWorkReply()];
}
