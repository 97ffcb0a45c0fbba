// The prompt cards are expanded once per distinct card and given each team's id afterwards; that must
// give exactly the card that expanding the template with the team's id gives, whatever the id holds.
import { renderCard } from '../../src/cards/render';
import { progressActionSchema } from '../../src/cards/progressPayloads';
import { renderForTeam, reminderCard, weeklyPromptCard } from '../../src/prompts/promptCards';
import { defaultTeamSettings } from '../../src/store/defaults';
import { expectValidCard } from '../support/cardValidation';

const awkwardIds = [
  '19:plain@thread.tacv2',
  'a "quoted" id',
  'back\\slash',
  'new\nline',
  'ünïcødé ✓',
  '$' + '{title}',
  '\u0001team-id\u0001',
];

describe('prompt cards for many teams', () => {
  const weekly = {
    title: 'Time for this week’s check-in',
    weekLabel: 'Week 24, 8 to 14 June 2026',
    intro: 'This week’s check-in covers one mission:',
    missions: [{ name: 'Digitally enabled councils' }],
    progress: 'Nobody has checked in yet this week.',
    scheduleText: 'Prompts every Monday at 10:00, Europe/London',
    buttonTitle: 'Check in',
    progressTitle: 'Team progress',
    awayTitle: "I'm away this week",
  };
  const reminder = {
    title: 'A reminder: your team’s check-in is still open',
    message: 'You have not checked in yet this week.',
    missions: [{ name: 'Digitally enabled councils' }, { name: 'Digitally equipped places' }],
    closes: 'Answers for Week 24 can be given until Sunday 14 June.',
    buttonTitle: 'Check in now',
    awayTitle: "I'm away this week",
  };
  const cases = awkwardIds.flatMap((teamId) => [
    ['promptWeekly', weekly, teamId],
    ['promptReminder', reminder, teamId],
  ]) as Array<['promptWeekly' | 'promptReminder', object, string]>;

  test.each(cases)('%s for %j is the template expanded with that id', (name, data, teamId) => {
    // Twice: the first expands the template, the second comes from what was kept.
    for (let i = 0; i < 2; i++)
      expect(renderForTeam(name, data, teamId)).toEqual(renderCard(name, { ...data, teamId }));
    // Every button's team id is the team's own, however awkward (the weekly card has three buttons).
    const actions = renderForTeam(name, data, teamId).actions as Array<{
      data: { teamId?: unknown };
      fallback: { data: { teamId?: unknown } };
    }>;
    expect(actions).toHaveLength(name === 'promptWeekly' ? 3 : 2);
    for (const action of actions) {
      expect(action.data.teamId).toBe(teamId);
      expect(action.fallback.data.teamId).toBe(teamId);
    }
  });

  test('teams never share a card object, and each button names its own team', () => {
    const settings = defaultTeamSettings('19:one@thread.tacv2');
    const one = weeklyPromptCard(settings, '2026-W24', 2).card;
    const two = weeklyPromptCard({ ...settings, teamId: '19:two@thread.tacv2' }, '2026-W24', 2).card;
    expect(one).not.toBe(two);
    expectValidCard(one);
    expect(JSON.stringify(one)).toContain('19:one@thread.tacv2');
    expect(JSON.stringify(one)).not.toContain('19:two@thread.tacv2');
    expect(JSON.stringify(two)).toContain('19:two@thread.tacv2');
    // Both buttons carry the team's own id: checking in, and opening the team's progress.
    for (const [card, teamId] of [
      [one, '19:one@thread.tacv2'],
      [two, '19:two@thread.tacv2'],
    ] as const) {
      expect(card.actions).toEqual([
        expect.objectContaining({ title: 'Check in', data: { action: 'checkinStart', teamId } }),
        expect.objectContaining({
          type: 'Action.Execute',
          title: 'Team progress',
          verb: 'progress',
          data: { action: 'progress', view: 'overview', teamId },
          fallback: expect.objectContaining({
            type: 'Action.Submit',
            data: { action: 'progress', view: 'overview', teamId },
          }),
        }),
        expect.objectContaining({
          title: "I'm away this week",
          data: { action: 'checkinAway', op: 'thisWeek', teamId },
        }),
      ]);
      expect(progressActionSchema.safeParse((card.actions as Array<{ data: unknown }>)[1]?.data).success).toBe(true);
    }
    // The count is part of what makes a card distinct.
    expect(JSON.stringify(weeklyPromptCard(settings, '2026-W24', 3).card)).toContain(
      '3 people have checked in so far this week.',
    );
    const reminded = reminderCard({ ...settings, teamId: '19:three@thread.tacv2' }, '2026-W24').card;
    expectValidCard(reminded);
    expect(reminded.actions).toEqual([
      expect.objectContaining({ data: { action: 'checkinStart', teamId: '19:three@thread.tacv2' } }),
      expect.objectContaining({
        title: "I'm away this week",
        data: { action: 'checkinAway', op: 'thisWeek', teamId: '19:three@thread.tacv2' },
      }),
    ]);
  });
});
