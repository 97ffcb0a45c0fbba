// "export progress": the CSV a lead downloads, parsed back with a CSV library: one row a week and
// mission over 52 weeks, figures under MIN_RESPONSES left empty and marked, never anyone's answers.
import { parse } from 'csv-parse/sync';
import type { FileOfferReply, FileReply, Reply } from '../../src/turns/types';
import { channelInstallation } from '../store/fixtures';
import type { FrameworkStore } from '../../src/store/port';
import {
  ADMIN_OID,
  answers,
  channelContext,
  checkIn,
  closeStores,
  LAST_WEEK,
  LEAD,
  makeLead,
  MEMBER,
  MISSION,
  openStore,
  personalContext,
  progressFor,
  TEAM,
  THIS_WEEK,
} from './support';

let store: FrameworkStore;
const OTHER = '19:other-progress-team@thread.tacv2';

beforeEach(async () => {
  store = await openStore();
  await store.upsertInstallation(channelInstallation(TEAM));
  await store.upsertInstallation(channelInstallation(OTHER));
  await makeLead(store);
  await store.updateTeamSettings(OTHER, (settings) => ({ ...settings, leads: ['29:someone-else'] }));
  // Last week three people answered (shown); this week two (suppressed under the default of 3).
  await checkIn(store, 'A', LAST_WEEK, answers(4, { outcomes: ['outcome:data'], win: 'A secret win' }));
  await checkIn(store, 'B', LAST_WEEK, answers(2, { outcomes: ['outcome:data'], enabler: 'enabler:leadership' }));
  await checkIn(store, 'C', LAST_WEEK, answers(3, { principles: ['principle:inclusive'] }));
  await checkIn(store, 'A', THIS_WEEK, answers(5, { blocker: 'A private blocker' }));
  await checkIn(store, 'B', THIS_WEEK, answers(1));
  await store.updateTeamSettings(TEAM, (settings) => ({ ...settings, weeksOff: ['2026-W30'] }));
});
afterEach(closeStores);

function fileOf(replies: Reply[]): FileReply {
  expect(replies).toHaveLength(1);
  const offer = replies[0] as FileOfferReply;
  expect(offer).toMatchObject({ kind: 'fileOffer', offer: 'progressExport', audience: 'person' });
  return offer.file;
}

function rowsOf(file: FileReply): Array<Record<string, string>> {
  expect(file.contentType).toBe('text/csv');
  expect(typeof file.content).toBe('string');
  const text = file.content as string;
  expect(text.startsWith('\uFEFF')).toBe(true);
  expect(text).toContain('\r\n');
  return parse(text, { bom: true, columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
}

test('a lead gets one row a week and mission for 52 weeks, with suppressed figures empty and marked', async () => {
  const file = fileOf(await progressFor(store).exportProgress(personalContext(LEAD)));
  expect(file.fileName).toBe('framework-guide-progress-2026-11-23.csv');
  const rows = rowsOf(file);
  // Only the team the person leads; three missions a week.
  expect(new Set(rows.map((row) => row.team_id))).toEqual(new Set([TEAM]));
  expect(rows).toHaveLength(52 * 3);
  expect(rows[0]).toMatchObject({ week: '2025-W49', week_start: '2025-12-01' });
  expect(rows[rows.length - 1]).toMatchObject({ week: THIS_WEEK, week_start: '2026-11-23' });

  const at = (week: string) => rows.find((row) => row.week === week && row.mission === MISSION);
  expect(at(LAST_WEEK)).toMatchObject({
    responses: '3',
    suppressed: 'no',
    progress_average: '3',
    progress_2: '1',
    progress_3: '1',
    progress_4: '1',
    'outcome:data': '2',
    'enabler:leadership': '1',
    'principle:inclusive': '1',
  });
  // Two people this week: below MIN_RESPONSES, so every figure but the count is empty.
  const suppressed = at(THIS_WEEK);
  expect(suppressed).toMatchObject({ responses: '2', suppressed: 'yes', progress_average: '', progress_5: '' });
  expect(suppressed?.['outcome:data']).toBe('');
  expect(at('2026-W30')).toMatchObject({ week_off: 'yes', responses: '0', suppressed: 'no', progress_average: '' });
  // Nobody's answers, ids or free text.
  const text = file.content as string;
  for (const secret of ['A secret win', 'A private blocker', ',A,', ',B,']) expect(text).not.toContain(secret);
});

test('a lower MIN_RESPONSES shows this week; the accepted offer builds the same file afresh', async () => {
  const progress = progressFor(store, { minResponses: 2 });
  const offered = fileOf(await progress.exportProgress(personalContext(LEAD)));
  const accepted = await progress.exportOfferAnswered(personalContext(LEAD), 'accepted');
  expect(accepted).toEqual([offered]);
  const row = rowsOf(offered).find((each) => each.week === THIS_WEEK && each.mission === MISSION);
  expect(row).toMatchObject({ responses: '2', suppressed: 'no', progress_average: '3', progress_1: '1' });
});

test('an admin exports every team in one file; a member gets a refusal; in a channel, that team, for the lead alone', async () => {
  const admin = fileOf(
    await progressFor(store).exportProgress(personalContext('29:admin', { userAadObjectId: ADMIN_OID })),
  );
  expect(new Set(rowsOf(admin).map((row) => row.team_id))).toEqual(new Set([TEAM, OTHER]));

  const member = await progressFor(store).exportProgress(personalContext(MEMBER));
  expect(member).toEqual([expect.objectContaining({ kind: 'card', audience: 'person' })]);
  expect(JSON.stringify(member)).toContain('Only team leads can export progress');

  // Typed in the team's channel: that team's export, offered to the lead alone (audience 'person', which
  // the edge sends to their personal chat), as a check-in started there continues there.
  const inChannel = await progressFor(store).exportProgress(channelContext(LEAD));
  expect(new Set(rowsOf(fileOf(inChannel)).map((row) => row.team_id))).toEqual(new Set([TEAM]));
  const memberInChannel = await progressFor(store).exportProgress(channelContext(MEMBER));
  expect(memberInChannel).toEqual([expect.objectContaining({ kind: 'card', audience: 'person' })]);
  expect(JSON.stringify(memberInChannel)).not.toContain(TEAM);
});

test('a team id that a spreadsheet would read as a formula is written as text', async () => {
  const odd = '=HYPERLINK("x")';
  await store.upsertInstallation(channelInstallation(odd));
  await store.updateTeamSettings(odd, (settings) => ({ ...settings, leads: [LEAD] }));
  const rows = rowsOf(fileOf(await progressFor(store).exportProgress(personalContext(LEAD))));
  expect(rows.some((row) => row.team_id === `'${odd}`)).toBe(true);
});
