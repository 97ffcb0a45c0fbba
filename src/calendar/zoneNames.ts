// Whether a string names a time zone the runtime knows, by its IANA name.
//
// Intl decides which names the runtime knows, but Node.js 24 also takes a UTC offset ('+05:00',
// '-0330') as a time zone, where Node.js 20 refuses it. A team's schedule needs a named zone, which
// follows daylight saving; an offset does not. Every IANA name starts with a letter ('UTC',
// 'Etc/GMT+5', 'America/Port-au-Prince'); an offset starts with + or -.
import { IANAZone } from 'luxon';

export function isZoneName(zone: string): boolean {
  return /^[A-Za-z]/.test(zone) && IANAZone.isValidZone(zone);
}
