// Deciding on an example: a lead of its team approves it (parts changed or not) or declines it, from
// the card in their personal chat; the author or a lead withdraws it; an admin removes any. The
// example is read from the presser's own tenant (another organisation's cannot even be found), the
// role from the team's settings and ADMIN_OBJECT_IDS, never from card data; each change is written
// only at the version read, so a double press decides once. The people concerned are told.
import { z } from 'zod';
import { cleanText } from '../cards/plainText';
import { PRACTICE_TEXT_LIMIT, type PracticeExample } from '../store/practicePort';
import type { CardMessageReply, TurnContextInfo } from '../turns/types';
import type { PracticeDeps } from './context';
import { partsFromInput } from './parts';
import { exampleCard, noticeReply, reply } from './practiceCards';

const exampleSchema = z.object({
  exampleId: z.string().regex(/^[a-f0-9]{16,64}$/),
  parts: z.string().max(2000).optional(),
  reason: z
    .string()
    .max(PRACTICE_TEXT_LIMIT * 4)
    .optional(),
});

type Input = z.infer<typeof exampleSchema>;

function buttonDidNotWork(): CardMessageReply {
  return noticeReply('That button didn’t work', 'Type "practice" to see the examples shared in your organisation.', {
    brief: true,
  });
}

function gone(): CardMessageReply {
  return noticeReply(
    'That example is no longer shared',
    'It was withdrawn or removed, so there is nothing to do. Type "practice" to see the examples shared in your organisation.',
    { delivery: 'update', style: 'default' },
  );
}

function refused(title: string, message: string): CardMessageReply {
  return noticeReply(title, message, { brief: true });
}

type Found = { done: CardMessageReply } | { input: Input; found: { value: PracticeExample; etag: string } };

/** The example the card names, read from the presser's own tenant, or the reply that ends the turn. */
async function exampleFor(deps: PracticeDeps, context: TurnContextInfo, data: unknown): Promise<Found> {
  const parsed = exampleSchema.safeParse(data);
  if (!parsed.success || !context.tenantId) return { done: buttonDidNotWork() };
  const found = await deps.store.practice.getExample(context.tenantId, parsed.data.exampleId);
  if (!found) return { done: gone() };
  return { input: parsed.data, found };
}

async function leadsOf(deps: PracticeDeps, teamId: string): Promise<string[]> {
  return (await deps.store.getTeamSettings(teamId))?.value.leads ?? [];
}

function isAdmin(deps: PracticeDeps, context: TurnContextInfo): boolean {
  const id = context.userAadObjectId?.toLowerCase();
  return id !== undefined && deps.adminObjectIds.has(id);
}

async function tell(
  deps: PracticeDeps,
  example: PracticeExample,
  userIds: readonly string[],
  card: ReturnType<typeof exampleCard>,
  summary: string,
) {
  for (const userId of new Set(userIds)) {
    await deps.notes
      .send({ tenantId: example.tenantId, teamId: example.teamId, userId }, card, summary)
      .catch(() => false);
  }
}

/** Approve or Decline on the lead's card. */
export async function decide(
  deps: PracticeDeps,
  context: TurnContextInfo,
  data: unknown,
  decision: 'approve' | 'decline',
): Promise<CardMessageReply[]> {
  const read = await exampleFor(deps, context, data);
  if ('done' in read) return [read.done];
  const { input, found } = read;
  const example = found.value;
  if (!(await leadsOf(deps, example.teamId)).includes(context.userId))
    return [
      refused(
        'Only the team’s leads decide',
        'A lead of the team that offered this example approves or declines it. Ask one of them.',
      ),
    ];
  if (example.status !== 'offered') return [alreadyDecided(example)];

  const next = decision === 'approve' ? approved(example, input) : declined(example, input);
  if ('error' in next) return [noticeReply('Choose the parts again', next.error, { brief: true })];
  const now = (deps.now ?? (() => new Date()))().toISOString();
  const decided: PracticeExample = { ...next, decidedAt: now, decidedBy: context.userId };
  if (!(await deps.store.practice.replaceExample(decided, found.etag))) {
    // Someone decided (or it went) between the read and the write: show what stands now.
    const current = await deps.store.practice.getExample(example.tenantId, example.id);
    return [current ? alreadyDecided(current.value) : gone()];
  }
  const approvedNow = decided.status === 'approved';
  // A lead deciding on their own offer sees the outcome in place; nobody else to tell.
  await tell(
    deps,
    decided,
    decided.authorId === context.userId ? [] : [decided.authorId],
    exampleCard(decided, {
      kind: 'decided',
      message: approvedNow
        ? 'A lead of your team approved your win: everyone in your organisation can now find it. You can withdraw it any time.'
        : 'A lead of your team declined your win, so it is not shared. It stays in your check-in.',
      withdraw: approvedNow,
    }),
    approvedNow ? 'Your win is shared in your organisation' : 'Your win was not shared',
  );
  return [
    reply(
      exampleCard(decided, {
        kind: 'decided',
        message: approvedNow
          ? 'You approved it: everyone in your organisation can find it now. The author is told.'
          : 'You declined it: nobody else sees it. The author is told, with your reason if you gave one.',
        withdraw: approvedNow,
      }),
      approvedNow ? 'Approved and shared' : 'Declined',
      { delivery: 'update', audience: 'leads' },
    ),
  ];
}

function approved(example: PracticeExample, input: Input) {
  if (input.parts === undefined) return { ...example, status: 'approved' as const };
  const parts = partsFromInput(input.parts);
  return 'error' in parts ? parts : { ...example, status: 'approved' as const, parts: parts.parts };
}

function declined(example: PracticeExample, input: Input): PracticeExample {
  const reason = cleanText(input.reason ?? '', { multiline: true }).slice(0, PRACTICE_TEXT_LIMIT);
  return { ...example, status: 'declined', ...(reason ? { reason } : {}) };
}

function alreadyDecided(example: PracticeExample): CardMessageReply {
  const message =
    example.status === 'approved'
      ? 'It was approved already, so nothing changed.'
      : 'It was declined already, so nothing changed.';
  return reply(exampleCard(example, { kind: 'decided', message, withdraw: example.status === 'approved' }), message, {
    delivery: 'update',
  });
}

/** Withdraw: the author, or a lead of the team. */
export async function withdraw(
  deps: PracticeDeps,
  context: TurnContextInfo,
  data: unknown,
): Promise<CardMessageReply[]> {
  const read = await exampleFor(deps, context, data);
  if ('done' in read) return [read.done];
  const example = read.found.value;
  const byAuthor = example.authorId === context.userId;
  if (!byAuthor && !(await leadsOf(deps, example.teamId)).includes(context.userId))
    return [
      refused(
        'Only the author or a lead',
        'The person who offered an example, or a lead of their team, can withdraw it.',
      ),
    ];
  const removed = await deps.store.practice.deleteExample(example.tenantId, example.id);
  if (!removed) return [gone()];
  if (!byAuthor)
    await tell(
      deps,
      removed,
      [removed.authorId],
      exampleCard(removed, {
        kind: 'gone',
        title: 'Your example was withdrawn',
        message: 'A lead of your team withdrew it, so it is no longer shared.',
      }),
      'Your example was withdrawn',
    );
  return [
    reply(
      exampleCard(removed, {
        kind: 'gone',
        title: 'Example withdrawn',
        message: 'It is no longer shared with anyone.',
      }),
      'Example withdrawn',
      { delivery: 'update' },
    ),
  ];
}

/** "Remove…" on a list, for an admin: the form with the reason. */
export async function openRemoval(
  deps: PracticeDeps,
  context: TurnContextInfo,
  data: unknown,
): Promise<CardMessageReply[]> {
  if (!isAdmin(deps, context))
    return [refused('Only admins remove examples', 'Ask an admin of Framework Guide in your organisation.')];
  const read = await exampleFor(deps, context, data);
  if ('done' in read) return [read.done];
  return [reply(exampleCard(read.found.value, { kind: 'remove' }), 'Remove this example')];
}

/** An admin's Remove: the example goes, and its author and the team's leads are told why. */
export async function remove(deps: PracticeDeps, context: TurnContextInfo, data: unknown): Promise<CardMessageReply[]> {
  if (!isAdmin(deps, context))
    return [refused('Only admins remove examples', 'Ask an admin of Framework Guide in your organisation.')];
  const read = await exampleFor(deps, context, data);
  if ('done' in read) return [read.done];
  const reason = cleanText(read.input.reason ?? '', { multiline: true }).slice(0, PRACTICE_TEXT_LIMIT);
  if (reason === '')
    return [
      noticeReply('Give a reason', 'Say why it is removed: the author and the team’s leads are told.', { brief: true }),
    ];
  const removed = await deps.store.practice.deleteExample(read.found.value.tenantId, read.found.value.id);
  if (!removed) return [gone()];
  const told = exampleCard(
    { ...removed, status: removed.status, reason },
    {
      kind: 'gone',
      title: 'An example was removed',
      message: `An admin removed it. Their reason: ${reason}`,
    },
  );
  await tell(
    deps,
    removed,
    [removed.authorId, ...(await leadsOf(deps, removed.teamId))],
    told,
    'An example was removed',
  );
  return [
    reply(
      exampleCard(removed, {
        kind: 'gone',
        title: 'Example removed',
        message: 'It is no longer shared. The author and the team’s leads are told why.',
      }),
      'Example removed',
      { delivery: 'update' },
    ),
  ];
}
