// A team's schedule time zone starts from the Teams client of the person who sets the team up.
//
// Teams sends `{ type: 'clientInfo', timezone: 'Europe/London', ... }` with a person's messages. The
// edge keeps that zone on the turn (TurnContextInfo.timeZone) only if it is a real IANA zone.
//
// The rule: while nobody has set the team's time zone (no `timeZoneSetBy` on the settings, and the
// schedule is still exactly the default one), the first person who sets the team up with a usable
// client zone decides it. "Sets up" means: adds the app to the team (the first lead is recorded then,
// which creates the settings), or opens the settings card, or saves it. The zone is then stored with
// `timeZoneSetBy: 'clientInfo'`, so the card, the plain-words line and the prompts all agree, and
// nobody else's client changes it afterwards. Saving the card stores `timeZoneSetBy: 'settingsCard'`,
// and a saved zone is never replaced by anyone's client zone.
// - No zone, or one that is not a zone ('Mars/Olympus'): the default (Europe/London) stays, still
//   unset, so the next person whose client does send a zone can set it.
// - Settings from before `timeZoneSetBy` existed: a schedule other than the default was chosen by
//   someone and is kept; one that is still exactly the default is treated as never set.
import { boundedCache } from '../boundedCache';
import { defaultTeamSettings } from '../store/defaults';
import type { TeamSettings } from '../domain';
import { isZoneName } from './zoneNames';

/** IANA names are at most a few dozen characters; anything longer is not worth asking Intl about. */
const MAX_ZONE_LENGTH = 64;

/**
 * Names already checked → the zone, or NOT_A_ZONE. Bounded: there are a few hundred real zones, and
 * anything else a client sends is dropped least recently used first.
 */
const checkedZones = boundedCache<string>({ max: 1000 });
/** Kept for a name that is not a zone (the cache holds no nulls). */
const NOT_A_ZONE = '';

/**
 * The IANA zone in `value`, with Intl's letter case ('america/new_york' → 'America/New_York'),
 * or undefined for anything else: not a string, empty, too long, a UTC offset, or a name the
 * runtime does not know.
 */
export function validTimeZone(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const zone = value.trim();
  if (zone.length === 0 || zone.length > MAX_ZONE_LENGTH) return undefined;
  // Asking Intl builds two date formatters, a fifth of a millisecond, and Teams sends the zone with
  // every message; the answer depends on the name alone, so it is kept.
  const known = checkedZones.get(zone);
  if (known !== undefined) return known === NOT_A_ZONE ? undefined : known;
  const checked = checkZone(zone);
  checkedZones.set(zone, checked ?? NOT_A_ZONE);
  return checked;
}

function checkZone(zone: string): string | undefined {
  if (!isZoneName(zone)) return undefined;
  try {
    // Intl's own spelling fixes letter case, but it may also swap in an older alias (Asia/Kolkata →
    // Asia/Calcutta), so it is taken only when it differs from what the client sent in case alone.
    const resolved = new Intl.DateTimeFormat('en-GB', { timeZone: zone }).resolvedOptions().timeZone;
    return resolved.toLowerCase() === zone.toLowerCase() ? resolved : zone;
  } catch {
    return undefined;
  }
}

function hasDefaultSchedule(settings: TeamSettings): boolean {
  const { schedule } = defaultTeamSettings(settings.teamId);
  return (
    settings.schedule.day === schedule.day &&
    settings.schedule.time === schedule.time &&
    settings.schedule.timeZone === schedule.timeZone &&
    !settings.reminder
  );
}

/** True while the team's time zone is still the default that nobody chose. */
export function timeZoneUnset(settings: TeamSettings): boolean {
  return settings.timeZoneSetBy === undefined && hasDefaultSchedule(settings);
}

/**
 * `settings` with the setting-up person's client zone adopted, when the rule above allows it;
 * otherwise `settings` itself (the same object, so callers can tell nothing changed).
 */
export function withClientTimeZone(settings: TeamSettings, clientZone: string | undefined): TeamSettings {
  const zone = validTimeZone(clientZone);
  if (!zone || !timeZoneUnset(settings)) return settings;
  return { ...settings, schedule: { ...settings.schedule, timeZone: zone }, timeZoneSetBy: 'clientInfo' };
}
