// A loopback stand-in for the Bot Connector service: records every activity the bot sends back,
// the way Teams' connector would receive it, and can be told to fail on purpose. It also stands in
// for the OneDrive upload sessions of Teams' file consent flow (PUT /upload/...).
import http from 'node:http';
import type { AddressInfo } from 'node:net';

interface TeamRoster {
  name: string;
  members: string[];
  names?: Record<string, string>;
}

interface SentActivity {
  /** POST: a new message; PUT: an update of the message `replyToId` names (a card replaced in place). */
  method: 'POST' | 'PUT';
  conversationId: string;
  replyToId?: string;
  authorization?: string;
  activity: Record<string, unknown>;
  /** The id the stand-in answered with (ResourceResponse.id), which a later update names. */
  answeredId: string;
}

/** A file the bot PUT to an upload session URL under /upload/. */
interface Upload {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface ConnectorStub {
  url: string;
  sent: SentActivity[];
  uploads: Upload[];
  /** The next `count` uploads are answered with `status` (e.g. 500) and not recorded. */
  failNextUploads(count: number, status: number): void;
  /** Team rosters for the Teams API: team id → name, member ids, and display names by id (else "Member <last character>"). */
  teams: Map<string, TeamRoster>;
  /**
   * The next `count` sends are answered with `status` (e.g. 500) instead of being recorded, with
   * `code` as the error code in the body (Teams' own, such as BotNotInConversationRoster; default ServiceError).
   */
  failNext(count: number, status: number, code?: string): void;
  /** The next `count` updates (PUTs of an activity) are answered with `status` and listed in `refusedUpdates`, not in `sent`. */
  failNextUpdates(count: number, status: number): void;
  /** Updates answered with an injected failure: conversation and activity ids. */
  refusedUpdates: Array<{ conversationId: string; activityId: string; status: number }>;
  /** Every read of the Teams API (rosters, members, team details), by path, in order. */
  reads: string[];
  /** The next `count` reads of the Teams API (rosters, members, team details) are answered with `status`. */
  failNextReads(count: number, status: number): void;
  /** Conversations the bot created (POST /v3/conversations): the request body and the id answered. */
  created: Array<{ body: Record<string, unknown>; id: string }>;
  /** The next `count` conversation creations are answered with `status` (e.g. 403, the app blocked for the person). */
  failNextCreates(count: number, status: number): void;
  /** Resolves once `count` activities have been recorded in total, or rejects after `timeoutMs`. */
  waitForSent(count: number, timeoutMs?: number): Promise<SentActivity[]>;
  close(): Promise<void>;
}

export async function startConnectorStub(): Promise<ConnectorStub> {
  const sent: SentActivity[] = [];
  const uploads: Upload[] = [];
  let uploadFailures = { count: 0, status: 500 };
  const teams = new Map<string, TeamRoster>();
  const reads: string[] = [];
  let failures: { count: number; status: number; code?: string } = { count: 0, status: 500 };
  let readFailures: { count: number; status: number } = { count: 0, status: 500 };
  let updateFailures: { count: number; status: number } = { count: 0, status: 500 };
  const refusedUpdates: ConnectorStub['refusedUpdates'] = [];
  const created: ConnectorStub['created'] = [];
  let createFailures = { count: 0, status: 403 };
  let waiters: Array<() => void> = [];
  let nextId = 1;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = req.url ?? '';
      if (req.method === 'GET') return answerTeamsApi(url, res);
      if (req.method === 'PUT' && url.startsWith('/upload/')) {
        if (uploadFailures.count > 0) {
          uploadFailures.count -= 1;
          res.writeHead(uploadFailures.status, { 'content-type': 'application/json' });
          res.end('{"error":{"code":"generalException","message":"injected failure"}}');
          return;
        }
        uploads.push({ path: url, headers: req.headers, body: Buffer.concat(chunks) });
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end('{"id":"uploaded-item"}');
        return;
      }
      if (req.method === 'POST' && /^\/v3\/conversations\/?(\?.*)?$/.test(url)) return createConversation(chunks, res);
      const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/.exec(url);
      if ((req.method !== 'POST' && req.method !== 'PUT') || !match) {
        res.writeHead(404);
        res.end();
        return;
      }
      if (req.method === 'PUT' && match[2] && updateFailures.count > 0) {
        updateFailures.count -= 1;
        refusedUpdates.push({
          conversationId: decodeURIComponent(match[1] ?? ''),
          activityId: decodeURIComponent(match[2]),
          status: updateFailures.status,
        });
        res.writeHead(updateFailures.status, { 'content-type': 'application/json' });
        res.end('{"error":{"code":"ServiceError","message":"injected failure"}}');
        return;
      }
      if (failures.count > 0) {
        failures.count -= 1;
        res.writeHead(failures.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: failures.code ?? 'ServiceError', message: 'injected failure' } }));
        return;
      }
      const answeredId = req.method === 'PUT' && match[2] ? decodeURIComponent(match[2]) : `sent-${nextId++}`;
      sent.push({
        method: req.method === 'PUT' ? 'PUT' : 'POST',
        conversationId: decodeURIComponent(match[1] ?? ''),
        replyToId: match[2] ? decodeURIComponent(match[2]) : undefined,
        authorization: req.headers.authorization,
        activity: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>,
        answeredId,
      });
      // restify patches http.ServerResponse in this process, so writeHead is not chained here.
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: answeredId }));
      const current = waiters;
      waiters = [];
      current.forEach((wake) => wake());
    });
  });
  // POST /v3/conversations: a 1:1 conversation with the one member asked for. As in Teams, asking
  // again for the same person answers with the same conversation.
  function createConversation(chunks: Buffer[], res: http.ServerResponse): void {
    if (createFailures.count > 0) {
      createFailures.count -= 1;
      res.writeHead(createFailures.status, { 'content-type': 'application/json' });
      res.end('{"error":{"code":"Forbidden","message":"injected failure"}}');
      return;
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
    const member = (body.members as Array<{ id?: string }> | undefined)?.[0]?.id ?? 'nobody';
    const id = `a:personal-${member}`;
    created.push({ body, id });
    res.writeHead(201, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id }));
  }

  // GET /v3/teams/{id} (team details), /v3/conversations/{team}/members/{user} (roster check) and
  // /v3/conversations/{team}/pagedmembers (the roster).
  function answerTeamsApi(url: string, res: http.ServerResponse): void {
    reads.push(url);
    if (readFailures.count > 0) {
      readFailures.count -= 1;
      res.writeHead(readFailures.status, { 'content-type': 'application/json' });
      res.end('{"error":{"code":"ServiceError","message":"injected failure"}}');
      return;
    }
    const paged = /^\/v3\/conversations\/([^/]+)\/pagedmembers/.exec(url);
    if (paged) {
      const roster = teams.get(decodeURIComponent(paged[1] ?? ''));
      res.writeHead(roster ? 200 : 404, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(
          roster
            ? { members: roster.members.map((id) => ({ id, name: roster.names?.[id] ?? `Member ${id.slice(-1)}` })) }
            : { error: { code: 'NotFound' } },
        ),
      );
      return;
    }
    const details = /^\/v3\/teams\/([^/?]+)$/.exec(url);
    const member = /^\/v3\/conversations\/([^/]+)\/members\/([^/?]+)$/.exec(url);
    const team = teams.get(decodeURIComponent((details ?? member)?.[1] ?? ''));
    const userId = member ? decodeURIComponent(member[2] ?? '') : undefined;
    if (!team || (member && !team.members.includes(userId ?? ''))) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"error":{"code":"NotFound","message":"not found"}}');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify(
        details ? { id: decodeURIComponent(details[1] ?? ''), name: team.name } : { id: userId, name: 'Member' },
      ),
    );
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/`,
    sent,
    uploads,
    failNextUploads(count, status) {
      uploadFailures = { count, status };
    },
    teams,
    reads,
    failNextReads(count, status) {
      readFailures = { count, status };
    },
    failNext(count, status, code) {
      failures = { count, status, ...(code ? { code } : {}) };
    },
    failNextUpdates(count, status) {
      updateFailures = { count, status };
    },
    refusedUpdates,
    created,
    failNextCreates(count, status) {
      createFailures = { count, status };
    },
    async waitForSent(count, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (sent.length < count) {
        const remaining = deadline - Date.now();
        if (remaining <= 0) throw new Error(`expected ${count} activities sent, got ${sent.length}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, remaining);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return sent;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
