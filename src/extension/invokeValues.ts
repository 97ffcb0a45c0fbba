// Reads the values of the message extension invokes. Teams sends them, but a client bug, an old
// manifest or a hand-made request can send anything; every shape gets a clear answer, never a crash.
import { z } from 'zod';

export const SEARCH_COMMAND = 'searchTopics';
export const EXPLAIN_COMMAND = 'explainTerms';
const QUERY_PARAMETER = 'query';

export type SearchRequest = { ok: true; query: string; skip: number; count: number } | { ok: false; problem: string };
export type ExplainRequest = { ok: true; text: string; isHtml: boolean } | { ok: false; problem: string };

const searchValueSchema = z.object({
  commandId: z.string().optional(),
  parameters: z.array(z.object({ name: z.string(), value: z.unknown() })).optional(),
  queryOptions: z.unknown().optional(),
});

const queryOptionsSchema = z.object({
  skip: z.number().int().min(0).optional(),
  count: z.number().int().min(1).optional(),
});

const explainValueSchema = z.object({
  commandId: z.string(),
  messagePayload: z.object({
    body: z.object({ contentType: z.string().optional(), content: z.string() }),
  }),
});

const SEARCH_PROBLEM =
  'Framework Guide couldn’t read that search. Please try again, or clear the search box to list every topic.';

/**
 * The search text and page. Teams' first call for `initialRun` carries an `initialRun` parameter and
 * no `query`, which means the empty search; bad paging options fall back to the first full page.
 */
export function readSearchRequest(value: unknown): SearchRequest {
  const parsed = searchValueSchema.safeParse(value);
  if (!parsed.success) return { ok: false, problem: SEARCH_PROBLEM };
  const { commandId, parameters, queryOptions } = parsed.data;
  if (commandId !== undefined && commandId !== SEARCH_COMMAND) return { ok: false, problem: SEARCH_PROBLEM };
  const query = parameters?.find((parameter) => parameter.name === QUERY_PARAMETER)?.value ?? '';
  if (typeof query !== 'string') return { ok: false, problem: SEARCH_PROBLEM };
  const options = queryOptionsSchema.safeParse(queryOptions ?? {});
  const { skip = 0, count = 0 } = options.success ? options.data : {};
  return { ok: true, query, skip, count };
}

/** The message the action was used on: its text, and whether that text is HTML (Teams' usual form). */
export function readExplainRequest(value: unknown): ExplainRequest {
  const commandId = (value as { commandId?: unknown } | null | undefined)?.commandId;
  if (commandId !== undefined && commandId !== EXPLAIN_COMMAND) {
    return {
      ok: false,
      problem: 'Framework Guide doesn’t know that action. Use “Explain framework terms” on a message.',
    };
  }
  const parsed = explainValueSchema.safeParse(value);
  if (!parsed.success) {
    return {
      ok: false,
      problem:
        'Framework Guide couldn’t read that message, so there is nothing to explain. Please try the action again.',
    };
  }
  const { contentType, content } = parsed.data.messagePayload.body;
  return { ok: true, text: content, isHtml: contentType === undefined || contentType.toLowerCase() === 'html' };
}
