// The time zones a team can choose on the settings card: a choice list rather than a typed IANA name,
// which people got wrong. The UK and Ireland come first (the councils the guide is for), then a short
// list of other zones by region; a team whose zone is not on it (set from a Teams client elsewhere)
// sees its own zone on the list too. The list stays short, so the card stays well under Teams' size limit.
import { isZoneName } from './zoneNames';

const UK_AND_IRELAND: ReadonlyArray<readonly [string, string]> = [
  ['Europe/London', 'UK: London (England, Scotland, Wales, Northern Ireland)'],
  ['Europe/Dublin', 'Ireland: Dublin'],
  ['Europe/Isle_of_Man', 'Isle of Man'],
  ['Europe/Jersey', 'Jersey'],
  ['Europe/Guernsey', 'Guernsey'],
  ['Europe/Gibraltar', 'Gibraltar'],
];

/** Other zones, by region, west to east within each. */
const BY_REGION: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['Europe', ['Lisbon', 'Paris', 'Brussels', 'Amsterdam', 'Berlin', 'Madrid', 'Rome', 'Warsaw', 'Athens', 'Helsinki']],
  ['Atlantic', ['Reykjavik', 'Canary', 'Azores']],
  [
    'America',
    ['St_Johns', 'Halifax', 'Sao_Paulo', 'New_York', 'Toronto', 'Chicago', 'Denver', 'Los_Angeles', 'Vancouver'],
  ],
  ['Africa', ['Lagos', 'Johannesburg', 'Cairo', 'Nairobi']],
  ['Asia', ['Dubai', 'Karachi', 'Kolkata', 'Dhaka', 'Singapore', 'Hong_Kong', 'Shanghai', 'Tokyo']],
  ['Australia', ['Perth', 'Adelaide', 'Sydney']],
  ['Pacific', ['Auckland']],
];

export interface ZoneChoice {
  title: string;
  value: string;
}

const LISTED: readonly ZoneChoice[] = [
  ...UK_AND_IRELAND.map(([value, title]) => ({ title, value })),
  ...BY_REGION.flatMap(([region, cities]) =>
    cities.map((city) => ({ title: `${region}: ${city.replace(/_/g, ' ')}`, value: `${region}/${city}` })),
  ),
  { title: 'UTC', value: 'UTC' },
].filter((choice) => isZoneName(choice.value));

/** The choices, with the team's own zone added (after the UK and Ireland) when it is not listed. */
export function timeZoneChoices(current: string): ZoneChoice[] {
  if (LISTED.some((choice) => choice.value === current) || !isZoneName(current)) return [...LISTED];
  const own = { title: `${current.replace(/_/g, ' ')} (the team's zone now)`, value: current };
  return [...LISTED.slice(0, UK_AND_IRELAND.length), own, ...LISTED.slice(UK_AND_IRELAND.length)];
}
