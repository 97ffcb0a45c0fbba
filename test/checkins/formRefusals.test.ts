// Forms refuse what makes no sense (issue 28): a reminder at or before its own weekly prompt is
// refused with the reason beside the schedule; one after it, later the same day or on a later day, is taken.
import { parseScheduleInputs } from '../../src/checkins/scheduleInputs';

const schedule = (reminderDay: string, reminderTime: string) => ({
  promptDay: '1',
  promptTime: '10:00',
  timeZone: 'Europe/London',
  reminderDay,
  reminderTime,
  paused: 'false',
});

it.each([
  ['the same moment as the prompt', '1', '10:00'],
  ['earlier the same day', '1', '09:30'],
  ['with no time of its own (the prompt time, the same day)', '1', ''],
])('refuses a reminder at or before the prompt: %s', (_label, day, time) => {
  const parsed = parseScheduleInputs(schedule(day, time));
  if (time === '') expect(parsed.ok).toBe(false);
  else
    expect(parsed).toEqual({
      ok: false,
      problem: expect.stringMatching(/^The reminder must come after the weekly prompt/),
    });
});

it.each([
  ['later the same day', '1', '15:00'],
  ['on a later day', '3', '09:00'],
])('takes a reminder after the prompt: %s', (_label, day, time) => {
  const parsed = parseScheduleInputs(schedule(day, time));
  expect(parsed).toMatchObject({ ok: true, value: { reminder: { day: Number(day), time } } });
});
