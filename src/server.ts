// The HTTP server: routes, body limits and clear answers for requests that go nowhere.
import restify from 'restify';
import type { Logger } from './logging';
import type { RefusalLog } from './refusalLog';
import { isExportToken, type PreparedExport } from './privacy/exportLinks';

export interface Routes {
  messages: restify.RequestHandler;
  /** Resolves when the bot can serve everything (the store answers); rejects otherwise. */
  checkReady: () => Promise<void>;
  /** Checks the caller's Authorization header and starts a prompt pass. */
  triggerPrompts: (authorization: string | undefined) => 'started' | 'off' | 'refused';
  /** The privacy notice as a web page (the Teams manifest's privacyUrl points here). */
  privacyPage: string;
  /** A prepared data file by its link's token (local mode's downloads): undefined when unknown or expired. */
  exportFile: (token: string) => PreparedExport | undefined;
}

/** Each kind of file a link serves, by its name's extension: a person's data is JSON, a lead's export CSV, a report Word. */
const CONTENT_TYPES: Record<string, string> = {
  csv: 'text/csv; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

function contentTypeOf(fileName: string): string {
  const extension = /\.([a-z]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  return CONTENT_TYPES[extension] ?? 'application/json; charset=utf-8';
}

/** A file name safe inside a quoted Content-Disposition parameter. */
function dispositionName(fileName: string): string {
  return fileName.replace(/[^\w.-]/g, '_');
}

export function createServer(options: {
  maxBodyBytes: number;
  logger: Logger;
  /** Refused requests (404, 405, 413, ...): logged at a bounded rate, as anyone can send them. */
  refused: RefusalLog;
  routes: Routes;
}): restify.Server {
  const server = restify.createServer({ name: 'framework-guide', handleUncaughtExceptions: false });
  const startedAt = Date.now();

  server.get('/healthz', (_req, res, next) => {
    res.json({ status: 'ok', uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) });
    next();
  });

  // The privacy notice, public like the manifest that links to it. A static page: no scripts, nothing loaded from elsewhere.
  server.get('/privacy', (_req, res, next) => {
    res.sendRaw(200, options.routes.privacyPage, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
      'Cache-Control': 'public, max-age=3600',
    });
    next();
  });

  // A person's data file (or a lead's progress export), by the link "Download my data" gave them where Teams' file consent flow is
  // not available. Each link downloads once. Unknown, used, expired and malformed tokens get the same
  // answer, so none can be probed.
  server.get('/api/exports/:token', (req, res, next) => {
    const token = typeof req.params.token === 'string' ? req.params.token : '';
    const file = isExportToken(token) ? options.routes.exportFile(token) : undefined;
    if (!file) {
      res.header('Cache-Control', 'no-store');
      res.status(404);
      res.json({
        code: 'NotFound',
        message:
          'This download link is unknown or has expired (each link works once, for a few minutes). Type "my data" in your chat with Framework Guide and press "Download my data" for a new one.',
      });
      return next();
    }
    res.sendRaw(200, file.bytes, {
      'Content-Type': contentTypeOf(file.fileName),
      'Content-Disposition': `attachment; filename="${dispositionName(file.fileName)}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    next();
  });

  // Readiness, unlike liveness, depends on the store taking a write: a load balancer can hold traffic
  // while it is down, read-only or full.
  server.get('/readyz', async (_req, res) => {
    try {
      await options.routes.checkReady();
      res.json({ status: 'ready', store: 'writable' });
    } catch (error) {
      options.logger.warn({ err: error }, 'not ready: the store cannot be written');
      res.status(503);
      res.json({ status: 'not ready', store: 'not writable' });
    }
  });

  // For an external scheduler (an Azure Functions timer, a Logic App). The pass runs in the
  // background: it can outlast App Service's request timeout.
  server.post('/api/prompts/run', (req, res, next) => {
    const outcome = options.routes.triggerPrompts(req.header('authorization') || undefined);
    if (outcome === 'off') {
      res.status(404);
      res.json({ code: 'NotFound', message: 'The prompt trigger is off: PROMPTS_TRIGGER_SECRET is not set.' });
    } else if (outcome === 'refused') {
      options.refused({ path: req.path(), status: 401 }, 'prompt trigger refused: wrong or missing secret');
      res.status(401);
      res.json({ code: 'Unauthorized', message: 'Send the trigger secret as Authorization: Bearer <secret>.' });
    } else {
      res.status(202);
      res.json({ status: 'started' });
    }
    next();
  });

  // bodyReader answers 413 on its own when the body is over the limit.
  server.post(
    '/api/messages',
    restify.plugins.bodyReader({ maxBodySize: options.maxBodyBytes }),
    options.routes.messages,
  );

  server.on('restifyError', (req, _res, err, callback) => {
    options.refused({ method: req.method, path: req.path(), status: err.statusCode }, 'request refused');
    callback();
  });
  return server;
}
