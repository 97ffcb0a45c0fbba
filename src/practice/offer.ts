// Offering a win: "Share this win with the council" on a saved check-in opens the form, and the
// form's button saves the example and sends it to the team's leads for approval. Card data is not
// trusted: the buttons carry only the check-in's key, the win is read back from the store for the
// presser (so only their own check-in can be shared), and the team is checked with the directory.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { cleanText } from '../cards/plainText';
import { MISSIONS, type CheckInRecord } from '../domain';
import { PRACTICE_TEXT_LIMIT, type PracticeExample } from '../store/practicePort';
import type { CardMessageReply, TeamScope, TurnContextInfo } from '../turns/types';
import { OFFERS_PER_DAY, type PracticeDeps } from './context';
import { partsFromInput, suggestedParts } from './parts';
import { exampleCard, noticeReply, offerFormCard, reply } from './practiceCards';

const DAY_MS = 24 * 60 * 60 * 1000;

const keySchema = z.object({
  teamId: z.string().min(1).max(1024),
  mission: z.enum(MISSIONS),
  week: z.string().regex(/^\d{4}-W\d{2}$/),
});

const submitSchema = keySchema.extend({
  text: z
    .string()
    .max(PRACTICE_TEXT_LIMIT * 4)
    .optional(),
  parts: z.string().max(2000).optional(),
  showName: z.string().max(10).optional(),
});

/** One example per check-in and person: offering the same win again finds the first. */
export function exampleIdOf(tenantId: string, userId: string, key: z.infer<typeof keySchema>): string {
  return createHash('sha256')
    .update(JSON.stringify([tenantId, key.teamId, userId, key.mission, key.week]))
    .digest('hex')
    .slice(0, 32);
}

function buttonDidNotWork(): CardMessageReply {
  return noticeReply(
    'That button didn’t work',
    'Open the check-in again with "my check-ins" and share the win from there.',
    {
      brief: true,
    },
  );
}

function notHere(): CardMessageReply {
  return noticeReply(
    'Sharing needs your organisation',
    'Teams did not say which organisation this chat belongs to, so I cannot share or show examples here.',
    { brief: true },
  );
}

type Win =
  | { refusal: CardMessageReply }
  | { tenantId: string; checkIn: CheckInRecord; win: string; team: { teamId: string; name: string } };

/** The presser's own check-in with a win, and their team as the directory knows it; else the refusal to show. */
async function winOf(deps: PracticeDeps, context: TurnContextInfo, key: z.infer<typeof keySchema>): Promise<Win> {
  const tenantId = context.tenantId;
  if (!tenantId) return { refusal: notHere() };
  const checkIn = await deps.store.getCheckIn({ ...key, userId: context.userId });
  const win = checkIn?.answers.win ? cleanText(checkIn.answers.win, { multiline: true }) : '';
  if (!checkIn || win === '')
    return {
      refusal: noticeReply(
        'No win to share',
        'I could not find a win in that check-in of yours. It may have been changed or deleted. Check in again and add a win to share it.',
        { brief: true },
      ),
    };
  const team = await deps.teams.teamFor(key.teamId, context.userId, tenantId);
  if (!team)
    return {
      refusal: noticeReply(
        'Not your team',
        'I could not find you in that team, so I cannot share its check-in. Ask in the team if you are still a member.',
        { brief: true },
      ),
    };
  return { tenantId, checkIn, win, team };
}

/** "Share this win with the council": the form, with the win and the suggested parts. */
export async function openOffer(
  deps: PracticeDeps,
  context: TurnContextInfo,
  scope: TeamScope | undefined,
  data: unknown,
): Promise<CardMessageReply[]> {
  const parsed = keySchema.safeParse(data);
  if (!parsed.success || !scope) return [buttonDidNotWork()];
  // The team is the one membership bound the press to, not the one the data names.
  const key = { ...parsed.data, teamId: scope.teamId };
  const found = await winOf(deps, context, key);
  if ('refusal' in found) return [found.refusal];
  const text = found.win.slice(0, PRACTICE_TEXT_LIMIT);
  const card = offerFormCard({
    teamName: found.team.name,
    key,
    text,
    selected: suggestedParts(found.checkIn.answers.outcomes, text),
  });
  return [reply(card, 'Share this win with the council')];
}

/** The form's "Share with the council": saves the example (once) and sends it to the team's leads. */
export async function submitOffer(
  deps: PracticeDeps,
  context: TurnContextInfo,
  scope: TeamScope | undefined,
  data: unknown,
): Promise<CardMessageReply[]> {
  const parsed = submitSchema.safeParse(data);
  if (!parsed.success || !scope) return [buttonDidNotWork()];
  const { text: typed, parts: partsInput, showName, ...named } = parsed.data;
  // The team is the one membership bound the press to, not the one the data names.
  const key = { ...named, teamId: scope.teamId };
  const found = await winOf(deps, context, key);
  if ('refusal' in found) return [found.refusal];
  const { tenantId, team } = found;
  const exampleId = exampleIdOf(tenantId, context.userId, key);

  // Offered before (a second press, a resend): show what was offered, and offer nothing twice.
  const existing = await deps.store.practice.getExample(tenantId, exampleId);
  if (existing) return [offeredAlready(existing.value)];

  const text = cleanText(typed ?? '', { multiline: true });
  const parts = partsFromInput(partsInput);
  const error =
    text === ''
      ? 'Write the win before sharing it.'
      : text.length > PRACTICE_TEXT_LIMIT
        ? `Shorten the win to at most ${PRACTICE_TEXT_LIMIT} characters (it has ${text.length}).`
        : 'error' in parts
          ? parts.error
          : undefined;
  if (error !== undefined)
    return [
      reply(
        offerFormCard({
          teamName: team.name,
          key,
          text: text.slice(0, PRACTICE_TEXT_LIMIT * 2),
          selected: 'parts' in parts ? parts.parts : [],
          error,
        }),
        error,
        { delivery: 'update' },
      ),
    ];

  const now = (deps.now ?? (() => new Date()))();
  const recent = (await deps.store.practice.listAuthorExamples(tenantId, context.userId)).filter(
    (each) => Date.parse(each.offeredAt) > now.getTime() - DAY_MS,
  );
  if (recent.length >= OFFERS_PER_DAY)
    return [
      noticeReply(
        'That is enough sharing for today',
        `You can offer up to ${OFFERS_PER_DAY} wins a day, so your leads are not flooded. Please share this one tomorrow.`,
      ),
    ];

  const authorName = showName === 'true' ? await deps.nameOf?.(team.teamId, context.userId) : undefined;
  const example: PracticeExample = {
    id: exampleId,
    tenantId,
    teamId: team.teamId,
    teamName: cleanText(team.name).slice(0, 256) || 'A team',
    authorId: context.userId,
    ...(authorName ? { authorName: cleanText(authorName).slice(0, 256) } : {}),
    text,
    parts: 'parts' in parts ? parts.parts : [],
    status: 'offered',
    source: { mission: key.mission, week: key.week },
    offeredAt: now.toISOString(),
  };
  const { example: saved, created } = await deps.store.practice.offerExample(example);
  // Two presses at once: the one that did not create it says so, and only the other tells the leads.
  if (!created) return [offeredAlready(saved)];
  const leadsTold = await tellLeads(deps, saved);
  return [
    reply(exampleCard(saved, { kind: 'offered', leadsTold }), 'Your win is offered to your team’s leads', {
      delivery: 'update',
    }),
  ];
}

function offeredAlready(example: PracticeExample): CardMessageReply {
  return reply(
    exampleCard(example, {
      kind: 'decided',
      message: 'You offered this win already; it is not offered twice.',
      withdraw: true,
    }),
    'You offered this win already',
    { delivery: 'update' },
  );
}

/** Sends the approval card to each lead of the example's team (a lead's own offer too); how many it reached. */
async function tellLeads(deps: PracticeDeps, example: PracticeExample): Promise<number> {
  const settings = await deps.store.getTeamSettings(example.teamId);
  const card = exampleCard(example, { kind: 'review' });
  let told = 0;
  for (const lead of settings?.value.leads ?? []) {
    const sent = await deps.notes
      .send(
        { tenantId: example.tenantId, teamId: example.teamId, userId: lead },
        card,
        'A win to share with the council',
      )
      .catch(() => false);
    if (sent) told += 1;
  }
  return told;
}
