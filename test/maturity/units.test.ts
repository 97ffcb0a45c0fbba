// The maturity capability's pure parts: figures from level counts, quarter rounds, the themes file,
// the assessment's steps, the action plan's inputs, and what each view of the card shows.
import { emptyTeamMaturity, type LevelHistogram, type ThemeRating } from '../../src/domain';
import { newState, ratingsToken } from '../../src/maturity/assessmentState';
import { median, range, rollupOfRound } from '../../src/maturity/figures';
import {
  actionEditCard,
  parseAction,
  parseOwnerAndDue,
  parseTargets,
  withAction,
  withActionChanged,
  withActionDone,
  withNextRoundOpened,
  withRoundClosed,
} from '../../src/maturity/plan';
import { overdueCount, renderMaturityReport } from '../../src/maturity/report';
import {
  lastRoundBefore,
  nextRound,
  previousRound,
  quarterOf,
  roundLabel,
  roundState,
  roundWeeks,
} from '../../src/maturity/rounds';
import { transition } from '../../src/maturity/steps';
import { distribution } from '../../src/maturity/organisation';
import { THEMES, THEME_IDS } from '../../src/maturity/themes';
import type { StepAction } from '../../src/maturity/actions';
import { expectValidCard } from '../support/cardValidation';
import { everyMaturityReplyForCoverage, reportInput, sampleMaturity } from './everyMaturityCard';

describe('figures', () => {
  it.each<[LevelHistogram, number | undefined, { low: number; high: number } | undefined]>([
    [[0, 0, 0, 0, 0], undefined, undefined],
    [[0, 0, 1, 0, 0], 3, { low: 3, high: 3 }],
    [[0, 1, 2, 1, 0], 3, { low: 2, high: 4 }],
    [[1, 0, 0, 1, 0], 2.5, { low: 1, high: 4 }],
    [[5, 0, 0, 0, 1], 1, { low: 1, high: 5 }],
  ])('%j has median %s and range %j', (histogram, expectedMedian, expectedRange) => {
    expect(median(histogram)).toBe(expectedMedian);
    expect(range(histogram)).toEqual(expectedRange);
  });

  it('rebuilds a round from its assessments, leaving skips out, and the same twice', () => {
    const assessments: { ratings: Record<string, ThemeRating> }[] = [
      { ratings: { 'enabler:data': { level: 2 as const }, 'enabler:value': { level: null } } },
      { ratings: { 'enabler:data': { level: 4 as const, note: 'n' } } },
    ];
    const once = rollupOfRound('2026-Q4', assessments);
    expect(once).toEqual({ round: '2026-Q4', responses: 2, levels: { 'enabler:data': [0, 1, 0, 1, 0] } });
    expect(rollupOfRound('2026-Q4', assessments)).toEqual(once);
  });
});

describe('rounds', () => {
  it('are calendar quarters where the team works', () => {
    // 23:30 on 31 December in London is already 1 January in Auckland.
    const newYearsEve = new Date(Date.UTC(2026, 11, 31, 23, 30));
    expect(quarterOf(newYearsEve, 'Europe/London')).toBe('2026-Q4');
    expect(quarterOf(newYearsEve, 'Pacific/Auckland')).toBe('2027-Q1');
    expect(nextRound('2026-Q4')).toBe('2027-Q1');
    expect(previousRound('2027-Q1')).toBe('2026-Q4');
    expect(roundLabel('2026-Q4')).toBe('October to December 2026');
    expect(roundWeeks('2026-Q4')).toEqual({ fromWeek: '2026-W40', toWeek: '2026-W53' });
  });

  it('close when a lead closes them, and the next opens early when a lead opens it', () => {
    const now = new Date(Date.UTC(2026, 10, 23, 9));
    const maturity = emptyTeamMaturity('t');
    expect(roundState(maturity, now, 'Europe/London')).toEqual({ round: '2026-Q4', open: true });
    expect(roundState(withRoundClosed(maturity, '2026-Q4'), now, 'Europe/London')).toEqual({
      round: '2026-Q4',
      open: false,
    });
    const early = withNextRoundOpened(maturity, now, 'Europe/London');
    expect(early.closedRounds).toEqual(['2026-Q4']);
    expect(roundState(early, now, 'Europe/London')).toEqual({ round: '2027-Q1', open: true });
    // Once the quarter it was opened for arrives, it is simply the current round.
    expect(roundState(early, new Date(Date.UTC(2027, 1, 1)), 'Europe/London')).toEqual({
      round: '2027-Q1',
      open: true,
    });
    expect(lastRoundBefore(sampleMaturity(), '2026-Q4')).toBe('2026-Q3');
    expect(lastRoundBefore(sampleMaturity(), '2026-Q3')).toBeUndefined();
  });
});

describe('themes', () => {
  it('are the six enablers then the six principles, each with five level descriptions', () => {
    expect(THEME_IDS).toHaveLength(12);
    expect(THEMES.slice(0, 6).every((theme) => theme.kind === 'enabler')).toBe(true);
    expect(THEMES.slice(6).every((theme) => theme.kind === 'principle')).toBe(true);
    for (const theme of THEMES) {
      expect(theme.levels.map((each) => each.level)).toEqual([1, 2, 3, 4, 5]);
      expect(new Set(theme.levels.map((each) => each.description)).size).toBe(5);
    }
    expect(THEMES[0]?.question).toBe('How well does data hold up our digital work?');
    expect(THEMES[6]?.question).toBe('How consistently do we check our work against the democratic principle?');
  });
});

describe('assessment steps', () => {
  const action = (op: StepAction['op'], step: string, extra: Partial<StepAction> = {}): StepAction => ({
    action: 'maturityStep',
    op,
    step,
    teamId: 't',
    round: '2026-Q4',
    owner: '0123456789abcdef',
    rev: 0,
    ...extra,
  });

  it('needs a level for next, keeps a trimmed note, and refuses one too long', () => {
    const state = newState();
    expect(transition(state, action('next', 'enabler:data'), {})).toMatchObject({ kind: 'invalid' });
    expect(transition(state, action('next', 'enabler:data'), { level: '7' })).toMatchObject({ kind: 'invalid' });
    expect(transition(state, action('next', 'enabler:data'), { level: '3', note: 'x'.repeat(281) })).toMatchObject({
      kind: 'invalid',
    });
    expect(transition(state, action('next', 'enabler:data'), { level: '3', note: '  fine  ' })).toEqual({
      kind: 'move',
      state: { step: 'enabler:connectivity', ratings: { 'enabler:data': { level: 3, note: 'fine' } }, editing: false },
    });
  });

  it('skips, goes back, and after the last theme reaches the summary', () => {
    const last = { ...newState(), step: 'principle:user-centric' };
    expect(transition(last, action('skip', last.step), {})).toMatchObject({ kind: 'move', state: { step: 'summary' } });
    expect(transition(last, action('back', last.step), {})).toMatchObject({
      kind: 'move',
      state: { step: 'principle:cyber-resilient' },
    });
    expect(transition(newState(), action('back', 'enabler:data'), {})).toEqual({ kind: 'stale' });
  });

  it('submits only what the summary showed, and only with a rating', () => {
    const summary = { ...newState(), step: 'summary', ratings: { 'enabler:data': { level: 2 as const } } };
    const token = ratingsToken(summary.ratings);
    expect(transition(summary, action('submit', 'summary', { token }), {})).toEqual({
      kind: 'submit',
      ratings: summary.ratings,
    });
    expect(transition(summary, action('submit', 'summary', { token: 'ffffffffffffffff' }), {})).toEqual({
      kind: 'stale',
    });
    const skipped = { ...summary, ratings: { 'enabler:data': { level: null } } };
    expect(
      transition(skipped, action('submit', 'summary', { token: ratingsToken(skipped.ratings) }), {}),
    ).toMatchObject({
      kind: 'invalid',
    });
    expect(transition(summary, action('edit', 'summary', { target: 'enabler:value' }), {})).toMatchObject({
      kind: 'move',
      state: { step: 'enabler:value', editing: true },
    });
  });
});

describe('action plan', () => {
  const members = [{ userId: '29:a', name: 'A member' }];
  const now = new Date(Date.UTC(2026, 10, 23));

  it('takes an action only with a title, a theme, an owner from the roster and a due date', () => {
    const good = { title: ' Agree a plan ', theme: 'enabler:data', owner: '29:a', due: '2026-12-01', outcome: '' };
    const parsed = parseAction('a-0000000000000009', good, members, now);
    expect(parsed).toMatchObject({
      ok: true,
      action: { title: 'Agree a plan', ownerName: 'A member', status: 'open' },
    });
    expect(parseAction('a-1', { ...good, owner: '29:stranger' }, members, now).ok).toBe(false);
    expect(parseAction('a-1', { ...good, theme: 'enabler:nope' }, members, now).ok).toBe(false);
    expect(parseAction('a-1', { ...good, due: 'soon' }, members, now).ok).toBe(false);
    expect(parseAction('a-1', { ...good, title: '' }, members, now).ok).toBe(false);
    expect(parseAction('a-1', { ...good, outcome: 'outcome:nope' }, members, now).ok).toBe(false);
    if (!parsed.ok) throw new Error('expected an action');
    const once = withAction(emptyTeamMaturity('t'), parsed.action);
    expect(withAction(once, parsed.action).actions).toHaveLength(1);
  });

  it('changes an action only to an owner from the roster and a real due date', () => {
    const roster = [...members, { userId: '29:b', name: 'B member' }];
    expect(parseOwnerAndDue({ owner: '29:b', due: '2027-02-28' }, roster)).toEqual({
      ok: true,
      change: { ownerUserId: '29:b', ownerName: 'B member', due: '2027-02-28' },
    });
    expect(parseOwnerAndDue({ owner: '29:stranger', due: '2027-02-28' }, roster)).toEqual({
      ok: false,
      problem: 'Choose an owner from the team’s members.',
    });
    expect(parseOwnerAndDue({ due: '2027-02-28' }, roster).ok).toBe(false);
    for (const due of ['2027-02-30', '28/02/2027', '2027-02-28T10:00', '', undefined, 20270228])
      expect(parseOwnerAndDue({ owner: '29:b', due }, roster)).toEqual({ ok: false, problem: 'Choose a due date.' });
  });

  it('changes the owner and due date of that open action only, the same however often saved', () => {
    const maturity = sampleMaturity();
    const [first, second] = maturity.actions;
    const change = { ownerUserId: '29:b', ownerName: 'B member', due: '2027-02-28' };
    const once = withActionChanged(maturity, first!.id, change);
    expect(once.actions).toEqual([{ ...first, ...change }, second]);
    expect(withActionChanged(once, first!.id, change)).toEqual(once);
    // An ownerless action (its owner deleted their data) gets an owner again.
    const { ownerUserId: _id, ownerName: _name, ...unowned } = second!;
    const owned = withActionChanged({ ...maturity, actions: [unowned] }, second!.id, change);
    expect(owned.actions).toEqual([{ ...unowned, ...change }]);
    // Marked done since the form was drawn, or not on the plan: nothing changes.
    const done = withActionDone(maturity, first!.id);
    expect(withActionChanged(done, first!.id, change)).toEqual(done);
    expect(withActionChanged(maturity, 'a-ffffffffffffffff', change)).toEqual(maturity);
  });

  it('draws the change form with the current owner and due date chosen, and the title as plain text', () => {
    const action = sampleMaturity().actions[0]!;
    const card = actionEditCard('t', action, [{ userId: '29:owner', name: 'Owner' }], 'update');
    expect(card.audience).toBe('leads');
    const text = JSON.stringify(card.card);
    expect(text).toContain(
      '{"type":"TextRun","text":"A *starred* [link](https://example.com) title","weight":"Bolder"}',
    );
    const inputs = (card.card as { body: Array<{ id?: string; value?: string }> }).body;
    expect(inputs.find((each) => each.id === 'owner')?.value).toBe('29:owner');
    expect(inputs.find((each) => each.id === 'due')?.value).toBe('2026-10-01');
    // Only owner and due date are asked for.
    expect(text).not.toContain('"id":"title"');
    expect(text).not.toContain('"id":"theme"');
    // An owner no longer on the roster is not offered as chosen.
    const gone = JSON.stringify(actionEditCard('t', action, [{ userId: '29:a', name: 'A' }], 'update').card);
    expect(gone).not.toContain('29:owner');
  });

  it('reads targets, "none" meaning no target', () => {
    expect(parseTargets({ target_0: '4', target_1: 'none', target_11: '2' })).toEqual({
      ok: true,
      targets: { 'enabler:data': 4, 'principle:user-centric': 2 },
    });
    expect(parseTargets({ target_0: '9' }).ok).toBe(false);
  });

  it('counts open actions past their due date', () => {
    expect(overdueCount(sampleMaturity().actions, '2026-11-23')).toBe(1);
    expect(overdueCount(sampleMaturity().actions, '2026-09-30')).toBe(0);
  });
});

describe('the maturity card', () => {
  it('is a valid card in every form', () => {
    for (const reply of everyMaturityReplyForCoverage()) expectValidCard(reply.card);
  });

  it('shows medians, spread, last round, target and evidence, and no figure below the threshold', () => {
    const text = JSON.stringify(renderMaturityReport(reportInput(), 'team', 'new').card);
    expect(text).toContain('4 ratings from 2 to 4 (people disagree)');
    expect(text).toContain('Last round: 2');
    expect(text).toContain('Target: 4');
    expect(text).toContain('Named as holding the work back in 12 of 40 check-ins this quarter');
    expect(text).toContain('The work was checked against it in 30 of 40 check-ins this quarter');
    // Value: one rating only.
    expect(text).toContain('Fewer than 3 ratings this round, so no figure is shown');
    expect(text).toContain('Overdue: due 1 October 2026');
    // The action serves the data enabler and the data outcome, each named as what it is.
    expect(text).toContain('Data; outcome: Data');
    expect(text).not.toContain('outcome:data');
  });

  it('shows an action whose owner deleted their data as having no owner', () => {
    const maturity = sampleMaturity();
    const actions = maturity.actions.map(({ ownerUserId: _id, ownerName: _name, ...action }) => action);
    const text = JSON.stringify(
      renderMaturityReport(reportInput({ maturity: { ...maturity, actions } }), 'lead', 'new').card,
    );
    expect(text).toContain('Overdue: due 1 October 2026 · No owner');
  });

  it('shows notes to leads only, as plain text, and only for themes rated by enough people', () => {
    const team = JSON.stringify(renderMaturityReport(reportInput(), 'team', 'new').card);
    expect(team).not.toContain('claim');
    const lead = renderMaturityReport(reportInput(), 'lead', 'new');
    expect(lead.audience).toBe('leads');
    expect(JSON.stringify(lead.card)).toContain('{"type":"TextRun","text":"A **bold** <b>claim</b>"}');
    expect(JSON.stringify(lead.card)).not.toContain('29:someone');
    const fewer = renderMaturityReport(reportInput({ minResponses: 5 }), 'lead', 'new');
    expect(JSON.stringify(fewer.card)).not.toContain('claim');
  });
});

describe('the organisation view', () => {
  it('counts teams per median level for each theme, leaving out teams under the threshold, naming none', () => {
    const team = (teamId: string, data: LevelHistogram) => ({
      ...emptyTeamMaturity(teamId),
      rollups: { '2026-Q4': { round: '2026-Q4', responses: 5, levels: { 'enabler:data': data } } },
    });
    const teams = [
      team('secret-team-a', [0, 0, 3, 0, 0]),
      team('secret-team-b', [0, 1, 1, 1, 0]),
      team('secret-team-c', [0, 0, 0, 4, 0]),
      team('secret-team-d', [0, 0, 1, 0, 0]),
    ];
    const data = distribution(teams, '2026-Q4', 3).find((each) => each.theme.id === 'enabler:data');
    expect(data?.counts).toEqual([
      [3, 2],
      [4, 1],
    ]);
    expect(JSON.stringify(distribution(teams, '2026-Q4', 3))).not.toContain('secret-team');
  });
});
