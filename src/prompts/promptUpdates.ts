// Keeps the count on a team's weekly prompt card current: when someone's check-in is saved, the
// prompt message the pass posted that week (TeamSettings.lastPrompt) is replaced in place by the same
// card with the number of people who have checked in so far.
//
// - Never in the way of the check-in: checkedIn only asks for an update and returns; the update runs
//   later, and its failures are logged, never thrown.
// - Per team at most one update an interval (KeyedThrottle): a burst of check-ins makes one or two.
//   Updates share the pass's rate limiter, so they count in the conversation's and tenant's windows.
// - Several instances: each updates after the check-ins it saw. Every update reads the count fresh
//   from the store and puts the whole card, so an update from two instances, or one repeated, shows
//   the same thing and is harmless.
// - Only the prompt of the team's current week: once the week has ended, the card keeps its last
//   count; a check-in for another week leaves it alone.
// - A 403 or 404 on update is only logged: the message may have been deleted while the bot is still
//   there, and whether the bot is gone is for the next pass's send to find out.
import { boundedCache } from '../boundedCache';
import { currentWeek } from '../calendar/weeks';
import type { IsoWeek } from '../domain';
import type { PromptsStore } from './ports';
import { KeyedThrottle } from './keyedThrottle';
import type { MaturityNoteBuilder, ProactiveSender, PromptLogger } from './ports';
import { maturityNoteFor } from './promptPass';
import { checkedInUsers } from './promptPass';
import { weeklyPromptCard } from './promptCards';
import type { TeamsRateLimits } from './rateLimits';

export interface PromptUpdateOptions {
  /** Wait after the first check-in of a quiet spell before updating. Default 2000 ms. */
  delayMs?: number;
  /** Shortest time between two updates of one team's prompt. Default 15000 ms. */
  intervalMs?: number;
}

export interface PromptUpdateEnv {
  store: PromptsStore;
  sender: ProactiveSender;
  limits: TeamsRateLimits;
  logger: PromptLogger;
  now: () => Date;
  /** The same note the pass puts on the prompt card, so an update keeps it. */
  maturityNote?: MaturityNoteBuilder;
}

export interface PromptUpdates {
  /** Someone's check-in for `teamId` and `week` was saved. Returns at once; never throws. */
  checkedIn(teamId: string, week: IsoWeek): void;
  /** Cancels waiting updates and waits for those under way. */
  stop(): Promise<void>;
}

/** Counts this instance last put on prompt messages, so a check-in that changes no count sends nothing. */
const REMEMBERED_COUNTS = 1000;

export function createPromptUpdates(env: PromptUpdateEnv, options: PromptUpdateOptions = {}): PromptUpdates {
  // The weeks of the check-ins each team's next update is for.
  const weeks = new Map<string, Set<IsoWeek>>();
  const shown = boundedCache<number>({ max: REMEMBERED_COUNTS });

  const update = async (teamId: string): Promise<void> => {
    const asked = weeks.get(teamId) ?? new Set<IsoWeek>();
    weeks.delete(teamId);
    const settings = (await env.store.getTeamSettings(teamId))?.value;
    const prompt = settings?.lastPrompt;
    if (!settings || !prompt || !asked.has(prompt.week)) return;
    if (currentWeek(env.now(), settings.schedule.timeZone) !== prompt.week) return;
    const installation = await env.store.getInstallation(prompt.conversationId);
    if (!installation?.active) return;
    const count = (await checkedInUsers(env.store, teamId, prompt.week)).size;
    if (shown.get(prompt.activityId) === count) return;
    // The same card the pass posts, as it would post it now.
    const note = await maturityNoteFor(env, teamId, settings.schedule.timeZone);
    const { card, summary } = weeklyPromptCard(settings, prompt.week, count, note);
    const result = await env.limits.schedule(installation.tenantId, installation.conversationId, () =>
      env.sender.update(installation, prompt.activityId, card, summary),
    );
    if (result.status === 'ok') {
      shown.set(prompt.activityId, count);
      return;
    }
    env.logger.warn(
      { teamId, week: prompt.week, conversationId: prompt.conversationId, result },
      'prompt card not updated with the check-in count; the next check-in tries again',
    );
  };

  const throttle = new KeyedThrottle(update, {
    delayMs: options.delayMs ?? 2000,
    intervalMs: options.intervalMs ?? 15_000,
    onError: (teamId, error) =>
      env.logger.error({ teamId, err: error }, 'prompt card update failed; the next check-in tries again'),
  });

  return {
    checkedIn(teamId, week) {
      try {
        const asked = weeks.get(teamId) ?? new Set<IsoWeek>();
        asked.add(week);
        weeks.set(teamId, asked);
        throttle.request(teamId);
      } catch (error) {
        env.logger.error({ teamId, err: error }, 'could not ask for a prompt card update');
      }
    },
    stop: () => throttle.stop(),
  };
}
