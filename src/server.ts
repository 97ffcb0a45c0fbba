// The HTTP server: routes, body limits and clear answers for requests that go nowhere.
import restify from 'restify';
import type { Logger } from './logging';

export interface Routes {
  messages: restify.RequestHandler;
  /** Resolves when the bot can serve everything (the store answers); rejects otherwise. */
  checkReady: () => Promise<void>;
}

export function createServer(options: { maxBodyBytes: number; logger: Logger; routes: Routes }): restify.Server {
  const server = restify.createServer({ name: 'framework-guide', handleUncaughtExceptions: false });
  const startedAt = Date.now();

  server.get('/healthz', (_req, res, next) => {
    res.json({ status: 'ok', uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) });
    next();
  });

  // Readiness, unlike liveness, depends on the store: a load balancer can hold traffic while it is down.
  server.get('/readyz', async (_req, res) => {
    try {
      await options.routes.checkReady();
      res.json({ status: 'ready', store: 'reachable' });
    } catch (error) {
      options.logger.warn({ err: error }, 'not ready: store unreachable');
      res.status(503);
      res.json({ status: 'not ready', store: 'unreachable' });
    }
  });

  // bodyReader answers 413 on its own when the body is over the limit.
  server.post('/api/messages', restify.plugins.bodyReader({ maxBodySize: options.maxBodyBytes }), options.routes.messages);

  server.on('restifyError', (req, _res, err, callback) => {
    options.logger.info({ method: req.method, path: req.path(), status: err.statusCode }, 'request refused');
    callback();
  });
  return server;
}
