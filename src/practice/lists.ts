// Finding examples: the newest, one part's ("practice on inclusion"), or those about some words
// ("practice about online forms"), always within the person's own organisation (tenant), in pages.
// A part's list is one paged query of the store. Text search reads the tenant's newest examples
// and ranks them with MiniSearch, tokenised and stemmed as the guide's own question search is (the
// same words, stop words and phrase synonyms), so both searches understand a question alike.
import MiniSearch from 'minisearch';
import { z } from 'zod';
import { indexTerms } from '../knowledge/documents';
import { words } from '../knowledge/vocabulary';
import type { CardButton } from '../cards/cardButton';
import { cleanText } from '../cards/plainText';
import type { PracticeExample } from '../store/practicePort';
import type { CardMessageReply, TurnContextInfo } from '../turns/types';
import { PAGE_SIZE, type PracticeDeps } from './context';
import { isPart, partLabel, partNamed } from './parts';
import { button, listCard, noticeReply, reply } from './practiceCards';

/** How many of the newest examples a text search looks through. */
const SEARCHED = 300;
const QUERY_MAX = 200;

export type ListRequest = { part?: string; query?: string; token?: string };

export const listActionSchema = z.object({
  part: z.string().max(200).optional(),
  query: z.string().max(QUERY_MAX).optional(),
  token: z.string().max(4000).optional(),
});

function buttonsFor(deps: PracticeDeps, context: TurnContextInfo) {
  const admin = context.userAadObjectId !== undefined && deps.adminObjectIds.has(context.userAadObjectId.toLowerCase());
  return (example: PracticeExample): CardButton[] => [
    ...(example.authorId === context.userId
      ? [button('Withdraw', { action: 'practiceWithdraw', exampleId: example.id })]
      : []),
    ...(admin ? [button('Remove…', { action: 'practiceRemoveForm', exampleId: example.id })] : []),
  ];
}

const EMPTY =
  'None yet. When a team shares a win from its check-in and a lead of that team approves it, it shows here.';

/** A page of examples as the person asked for it; any list the person pressed "More examples" on continues. */
export async function listExamples(
  deps: PracticeDeps,
  context: TurnContextInfo,
  request: ListRequest,
): Promise<CardMessageReply[]> {
  const tenantId = context.tenantId;
  if (!tenantId)
    return [
      noticeReply('Examples need your organisation', 'Teams did not say which organisation this chat belongs to.', {
        brief: true,
      }),
    ];
  if (request.query !== undefined) return [await searchReply(deps, context, tenantId, request.query, request.token)];
  if (request.part !== undefined && !isPart(request.part))
    return [
      noticeReply(
        'Which part of the framework?',
        'Name an outcome, enabler or good practice principle, for example "practice on inclusion" or "examples of data".',
        { brief: true, audience: 'everyone' },
      ),
    ];
  const page = await deps.store.practice.listExamples(tenantId, {
    part: request.part,
    pageSize: PAGE_SIZE,
    continuationToken: request.token,
  });
  const title = request.part
    ? `Shared in your organisation: ${partLabel(request.part)}`
    : 'Shared in your organisation';
  const intro =
    page.items.length === 0 && !request.token
      ? EMPTY
      : `What teams in your organisation did, newest first. Each shows the team, so you know whom to ask.`;
  const card = listCard({
    title,
    intro,
    examples: page.items,
    buttonsFor: buttonsFor(deps, context),
    ...(page.continuationToken
      ? {
          more: {
            action: 'practiceList',
            ...(request.part ? { part: request.part } : {}),
            token: page.continuationToken,
          },
        }
      : {}),
  });
  return [reply(card, title, { delivery: 'new' })];
}

async function searchReply(
  deps: PracticeDeps,
  context: TurnContextInfo,
  tenantId: string,
  query: string,
  token: string | undefined,
): Promise<CardMessageReply> {
  // A search's page token is how many of its results came before: the ranking is made afresh each
  // time from the same newest examples, so the next page follows on.
  const offset = token === undefined ? 0 : Number(token);
  if (!Number.isInteger(offset) || offset < 0 || offset >= SEARCHED || (token !== undefined && !/^\d+$/.test(token)))
    return noticeReply('That button didn’t work', 'Type "practice about" and some words to search again.', {
      brief: true,
    });
  const ranked = await searchExamples(deps, tenantId, query, { offset, limit: PAGE_SIZE + 1 });
  const title = 'Shared in your organisation';
  const card = listCard({
    title,
    intro:
      ranked.length === 0
        ? offset === 0
          ? `Nothing shared yet is about “${cleanText(query, { multiline: true })}”. Try other words, or "practice" for the newest.`
          : `No more examples about “${cleanText(query, { multiline: true })}”.`
        : `Examples about “${cleanText(query, { multiline: true })}”, closest first.`,
    examples: ranked.slice(0, PAGE_SIZE),
    buttonsFor: buttonsFor(deps, context),
    ...(ranked.length > PAGE_SIZE
      ? { more: { action: 'practiceList', query, token: String(offset + PAGE_SIZE) } }
      : {}),
  });
  return reply(card, `Examples about ${query}`, { delivery: 'new' });
}

/**
 * The tenant's examples that match `query`, best first: `limit` of them after the first `offset`
 * (one page unless asked), for lists and the message extension.
 */
export async function searchExamples(
  deps: PracticeDeps,
  tenantId: string,
  query: string,
  { offset = 0, limit = PAGE_SIZE }: { offset?: number; limit?: number } = {},
): Promise<PracticeExample[]> {
  const examples: PracticeExample[] = [];
  let token: string | undefined;
  do {
    const page = await deps.store.practice.listExamples(tenantId, { pageSize: 100, continuationToken: token });
    examples.push(...page.items);
    token = page.continuationToken;
  } while (token && examples.length < SEARCHED);
  if (query.trim() === '') return examples.slice(offset, offset + limit);
  const index = new MiniSearch<{ id: string; text: string; team: string; parts: string }>({
    fields: ['text', 'team', 'parts'],
    tokenize: words,
    processTerm: (term) => indexTerms(term)[0] ?? null,
    searchOptions: { boost: { text: 2 }, prefix: (term) => term.length >= 4, fuzzy: 0.2, combineWith: 'OR' },
  });
  const byId = new Map(examples.map((example) => [example.id, example]));
  index.addAll(
    examples.map((example) => ({
      id: example.id,
      text: example.text,
      team: example.teamName,
      parts: example.parts.map(partLabel).join(' '),
    })),
  );
  return index
    .search(query.slice(0, QUERY_MAX))
    .slice(offset, offset + limit)
    .flatMap((result) => byId.get(String(result.id)) ?? []);
}

/** "practice on inclusion": the part a person named, or the notice saying how to name one. */
export async function listForNamedPart(
  deps: PracticeDeps,
  context: TurnContextInfo,
  named: string,
): Promise<CardMessageReply[]> {
  const part = partNamed(named);
  if (!part)
    return [
      noticeReply(
        'Which part of the framework?',
        'I could not tell which outcome, enabler or good practice principle you meant. Try "practice on inclusion" or "examples of data", or "practice about" and some words.',
        { audience: 'everyone' },
      ),
    ];
  return listExamples(deps, context, { part });
}
