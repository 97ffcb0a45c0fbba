// Composition root: config → capabilities → bot → server. Tests build the same app with createApp.
import { createCheckins } from './checkins';
import { createServer as createNetServer, type Server as NetServer } from 'node:net';
import type { Server as HttpServer } from 'node:http';
import { LOCALHOST, type Config } from './config';
import { createKnowledge } from './knowledge/answers';
import { createMaturity } from './maturity';
import type { Logger } from './logging';
import { createPractice } from './practice';
import { createPrivacy } from './privacy';
import { createExportLinks, EXPORT_LINK_TTL_MS, type ExportLinks } from './privacy/exportLinks';
import { noticeHtml, noticeReply, privacyNotice } from './privacy/notice';
import { authorisePromptTrigger, createPrompts, type PromptUpdateOptions, type Prompts } from './prompts';
import { createProgress, createRollupReconciler, ensureFirstLead, type RollupReconciler } from './progress';
import { parseAdminObjectIds } from './progress/access';
import { createRefusalLog } from './refusalLog';
import { createQuarterlyReport } from './report';
import { createServer } from './server';
import { createAdapter, type AuthOverrides } from './teams/adapter';
import { FrameworkGuideBot } from './teams/frameworkGuideBot';
import { PersonalChats } from './teams/personalChats';
import { TeamsPracticeNotes } from './teams/practiceNotes';
import { RosterMembership, TeamsProactiveSender } from './teams/proactiveSender';
import { RosterTeamDirectory } from './teams/rosterTeamDirectory';
import { createMessagesHandler } from './teams/messagesEndpoint';
import { createMembership } from './membership';
import { InstallationRecorder } from './installations/installationRecorder';
import { createTeamDataSweep, type TeamDataSweep } from './installations/teamDataSweep';
import type { FrameworkStore } from './store/port';
import { StoreActivityClaims } from './turns/activityClaims';

export interface App {
  /** Weekly prompts: main starts the scheduler; tests run passes directly. */
  prompts: Prompts;
  /** Deletes the data of teams the app was removed from, after the grace period: main starts its timer; tests run sweeps directly. */
  teamData: TeamDataSweep;
  /** Rebuilds recent weekly roll-ups from the answers, at start and hourly: main starts its timer. */
  rollups: RollupReconciler;
  /** Starts listening; resolves with the port actually bound (0 in config picks a free one). */
  listen(port: number, host: string): Promise<number>;
  close(): Promise<void>;
}

export interface AppDependencies {
  store: FrameworkStore;
  authOverrides?: AuthOverrides;
  /** Where local mode keeps its download links; tests give their own, with a clock they move. */
  exportLinks?: ExportLinks;
  /** How soon and how often a prompt card's check-in count is updated; tests make it quick. */
  promptUpdates?: PromptUpdateOptions;
}

/**
 * The address a browser on this machine reaches the bot at: in local mode the person's browser (the
 * Agents Playground's) runs where the bot does. A wildcard bind address is reached as localhost.
 */
function localBaseUrl(host: string, port: number): string {
  const name = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${name}:${port}`;
}

/**
 * Accepts connections on [::1]:port too and hands them to the app's HTTP server. A machine without
 * IPv6 has no ::1: then 127.0.0.1 alone is localhost, and that is not an error.
 */
async function alsoOnIpv6Loopback(http: HttpServer, port: number, logger: Logger): Promise<NetServer | undefined> {
  const listener = createNetServer((socket) => http.emit('connection', socket));
  return new Promise((resolve) => {
    listener.once('error', (error: NodeJS.ErrnoException) => {
      logger.info({ code: error.code }, 'not listening on [::1]: IPv6 loopback unavailable');
      resolve(undefined);
    });
    listener.listen(port, '::1', () => resolve(listener));
  });
}

export function createApp(
  config: Config,
  logger: Logger,
  { store, authOverrides = {}, exportLinks = createExportLinks(), promptUpdates }: AppDependencies,
): App {
  const adapter = createAdapter(config, authOverrides);
  // One budget for every kind of refused request: a flood of any of them writes a bounded log.
  const refused = createRefusalLog(logger);
  // Anonymous local mode has no app id; the SDK takes an empty one for proactive calls then.
  const botAppId = config.MicrosoftAppId ?? '';
  // Roster reads go through the adapter without onTurnError, so a failed read reaches its caller
  // instead of being swallowed with an apology posted into the team's channel.
  const roster = new RosterTeamDirectory(adapter.forProactiveSends(), botAppId, store, Date.now, (error) =>
    logger.warn({ err: error }, 'team membership not noted; learned again on the next message'),
  );
  const progress = createProgress({
    store,
    members: roster,
    minResponses: config.MIN_RESPONSES,
    adminObjectIds: config.ADMIN_OBJECT_IDS,
    // "progress" in a personal chat: the check-ins' team directory finds the person's team (or asks which).
    pickTeam: (context, next) => checkins.teamForProgress(context, next),
  });
  const maturity = createMaturity({
    store,
    teams: roster,
    members: roster,
    minResponses: config.MIN_RESPONSES,
    adminObjectIds: config.ADMIN_OBJECT_IDS,
  });
  const prompts = createPrompts({
    store,
    sender: new TeamsProactiveSender(adapter, botAppId),
    membership: new RosterMembership(roster),
    logger,
    // Teams whose leads asked for it get the team summary of each closed week from progress.
    weeklySummary: (teamId, week) => progress.weeklySummary(teamId, week),
    // The prompt card mentions an open self-assessment round and counts overdue actions.
    maturityNote: (teamId, timeZone) => maturity.promptNote(teamId, timeZone),
    // While a round is open, people who have not assessed it get a weekly reminder in their personal chat.
    maturityReminder: (teamId, timeZone) => maturity.reminderRound(teamId, timeZone),
    ...(promptUpdates ? { updates: promptUpdates } : {}),
  });
  // Each saved check-in updates the count on that week's prompt card, later and off the person's turn.
  const checkins = createCheckins({
    store,
    teams: roster,
    onCheckedIn: (teamId, week) => prompts.checkedIn(teamId, week),
    // Only the team's leads (and admins) save its settings; progress knows who they are.
    mayChangeSettings: (context, teamId) => progress.leadsTeam(context, teamId),
  });
  const recordFirstLead = async (teamId: string, userId: string, timeZone?: string) => {
    try {
      await ensureFirstLead(store, teamId, userId, timeZone);
    } catch (error) {
      // The welcome still goes out; the lead can be set later from the roster card.
      logger.warn({ teamId, err: error }, 'could not record the first lead');
    }
  };
  const installations = new InstallationRecorder(store, logger);
  // "Download my data" without Teams' consent flow: a link to the file, served by this process. Only
  // in anonymous (local) mode, where one process serves everything; see privacy/exportLinks.
  let baseUrl = localBaseUrl(config.HOST, config.PORT);
  const fileLinks = config.MicrosoftAppId
    ? undefined
    : {
        publish: (bytes: Buffer, fileName: string, owner: string) =>
          `${baseUrl}/api/exports/${exportLinks.add(bytes, fileName, owner)}`,
        minutes: Math.round(EXPORT_LINK_TTL_MS / 60_000),
      };
  const notice = privacyNotice({ graceDays: config.TEAM_DATA_GRACE_DAYS, minResponses: config.MIN_RESPONSES });
  // Through the proactive adapter, so Teams refusing a personal chat reaches the delivery (which says so).
  const personalChats = new PersonalChats(adapter.forProactiveSends(), botAppId, store, installations, logger);
  const practice = createPractice({
    store,
    teams: roster,
    // Leads are asked to approve, and authors told the outcome, in their personal chats.
    notes: new TeamsPracticeNotes(personalChats, store),
    nameOf: async (teamId, userId) =>
      (await roster.listMembers(teamId)).find((member) => member.userId === userId)?.name,
    adminObjectIds: parseAdminObjectIds(config.ADMIN_OBJECT_IDS),
  });
  const bot = new FrameworkGuideBot({
    capabilities: {
      // Topic cards say how many examples the person's organisation shared for the part.
      knowledge: createKnowledge({ examples: (tenantId, topicId) => practice.countFor(tenantId, topicId) }),
      checkins,
      progress,
      maturity,
      // The quarterly report for leads and admins: the same figures as the progress and maturity cards, as a Word file.
      report: createQuarterlyReport({
        store,
        teams: roster,
        members: roster,
        minResponses: config.MIN_RESPONSES,
        adminObjectIds: config.ADMIN_OBJECT_IDS,
      }),
      practice,
      privacy: createPrivacy({
        store,
        installationDeleted: (id) => installations.forget(id),
        // Their download links go with the rest of their data.
        personDeleted: (userId) => exportLinks.forget(userId),
      }),
      membership: createMembership({ roster, adminObjectIds: config.ADMIN_OBJECT_IDS }),
      privacyNotice: () => noticeReply(notice),
      recordFirstLead,
    },
    claims: new StoreActivityClaims(store, (error) =>
      logger.warn({ err: error }, 'activity claims: store unreachable, using memory'),
    ),
    installations,
    logger,
    allowedTenantIds: config.ALLOWED_TENANT_IDS,
    memberships: roster,
    refused,
    botAppId: config.MicrosoftAppId,
    fileLinks,
    personalChats,
  });
  const triggerPrompts = (authorization: string | undefined) => {
    const verdict = authorisePromptTrigger(authorization, config.PROMPTS_TRIGGER_SECRET);
    if (verdict !== 'ok') return verdict;
    prompts
      .runPromptPass()
      .then((report) => logger.info({ report }, 'triggered prompt pass finished'))
      .catch((error: unknown) => logger.error({ err: error }, 'triggered prompt pass failed'));
    return 'started' as const;
  };
  const teamData = createTeamDataSweep({ store, graceDays: config.TEAM_DATA_GRACE_DAYS, logger });
  const server = createServer({
    maxBodyBytes: config.MAX_BODY_BYTES,
    logger,
    refused,
    routes: {
      messages: createMessagesHandler(adapter, bot, logger, refused),
      checkReady: () => store.checkWritable(),
      triggerPrompts,
      privacyPage: noticeHtml(notice),
      // A link downloads once: whoever follows it first gets the file, nobody after.
      exportFile: (token) => exportLinks.take(token),
    },
  });
  let ipv6Loopback: NetServer | undefined;
  return {
    prompts,
    teamData,
    rollups: createRollupReconciler({ store, logger }),
    listen: async (port, host) => {
      // `localhost` (anonymous mode's default) is both loopback addresses, so the browser and the
      // Playground reach the bot whichever one their resolver prefers, and nothing else does.
      const first = host === LOCALHOST ? '127.0.0.1' : host;
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, first, () => resolve());
      });
      const bound = server.address().port;
      if (host === LOCALHOST) ipv6Loopback = await alsoOnIpv6Loopback(server.server, bound, logger);
      baseUrl = localBaseUrl(host, bound);
      return bound;
    },
    // Stop accepting, let turns in flight finish, and drop idle keep-alive connections so close completes.
    close: async () => {
      await new Promise<void>((resolve) => (ipv6Loopback ? ipv6Loopback.close(() => resolve()) : resolve()));
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.server.closeIdleConnections();
      });
      // Prompt card updates still waiting are dropped (the next check-in, here or on another instance,
      // brings the count up to date); one under way finishes before main closes the store.
      await prompts.stopUpdates();
    },
  };
}
