// The settings card's time-zone list: the UK and Ireland first, then other zones by region, every one a
// real zone; a team's own zone that is not listed is offered too, so saving the card never changes it.
import { timeZoneChoices } from '../../src/calendar/zoneChoices';
import { isZoneName } from '../../src/calendar/zoneNames';

it('lists the UK and Ireland first, then other regions, each a zone the runtime knows, once', () => {
  const choices = timeZoneChoices('Europe/London');
  expect(choices.slice(0, 2).map((choice) => choice.value)).toEqual(['Europe/London', 'Europe/Dublin']);
  expect(choices.map((choice) => choice.value)).toEqual(expect.arrayContaining(['America/New_York', 'Asia/Kolkata']));
  expect(choices.every((choice) => isZoneName(choice.value))).toBe(true);
  expect(new Set(choices.map((choice) => choice.value)).size).toBe(choices.length);
  expect(choices.length).toBeLessThan(60);
});

it("adds the team's own zone after the UK and Ireland when it is not listed, and nothing that is not a zone", () => {
  const choices = timeZoneChoices('America/Argentina/Buenos_Aires');
  expect(choices.filter((choice) => choice.value === 'America/Argentina/Buenos_Aires')).toHaveLength(1);
  expect(choices.findIndex((choice) => choice.value === 'America/Argentina/Buenos_Aires')).toBe(6);
  expect(timeZoneChoices('Not/AZone')).toEqual(timeZoneChoices('Europe/London'));
});
