// What leaves the process in a span is decided here, by allow-list: an attribute reaches Application
// Insights only if it is named below, so a new instrumentation or SDK version cannot add message
// text, user ids or names by surprise. URLs keep their scheme, host and the shape of their path,
// never the query string, and path segments that look like ids (Teams conversation and user ids,
// tenant ids, Cosmos DB document ids, which can carry a person's id) become :id. Client IP
// addresses are personal data and are dropped. Exceptions keep their type and stack frames; their
// message can quote the text that caused them (a JSON parser's message quotes the body), so it goes.
//
// Only types come from the distro here: this file loads nothing from it at run time.
import type { AzureMonitorOpenTelemetryOptions } from '@azure/monitor-opentelemetry';

type SpanProcessor = NonNullable<AzureMonitorOpenTelemetryOptions['spanProcessors']>[number];
type FinishedSpan = Parameters<SpanProcessor['onEnd']>[0];
type SpanAttributes = FinishedSpan['attributes'];
type SpanEvent = FinishedSpan['events'][number];

/** Attributes that say how a call went and to which service, and nothing about who made it. */
const KEPT_ATTRIBUTES = new Set([
  // HTTP, in the older and the stable semantic conventions (the exporter reads both).
  'http.method',
  'http.request.method',
  'http.status_code',
  'http.response.status_code',
  'http.scheme',
  'url.scheme',
  'http.flavor',
  'network.protocol.name',
  'network.protocol.version',
  'net.transport',
  'network.transport',
  'http.host',
  'server.address',
  'server.port',
  'net.host.name',
  'net.host.port',
  'error.type',
  // The caller's software, not the caller: the Bot Connector, a browser, a health probe.
  'http.user_agent',
  'user_agent.original',
  // Azure SDK calls (Cosmos DB, Entra ID tokens): which service, database, container and operation.
  'az.namespace',
  'peer.service',
  'db.system',
  'db.system.name',
  'db.name',
  'db.namespace',
  'db.operation',
  'db.operation.name',
  'db.collection.name',
  'db.cosmosdb.container',
  'db.cosmosdb.operation_type',
  'db.cosmosdb.status_code',
  'db.cosmosdb.sub_status_code',
  'db.response.status_code',
]);

/** Full URLs: rewritten to scheme, host and path shape. */
const URL_ATTRIBUTES = ['http.url', 'url.full'];
/** Paths and routes: rewritten to their shape. */
const PATH_ATTRIBUTES = ['http.target', 'url.path', 'http.route'];
/** The distro's own bookkeeping (sample rate, standard metrics flag), which its exporter needs. */
const INTERNAL_PREFIXES = ['_MS.', 'microsoft.'];

/** Path segments kept as they are: lower-case words ("conversations", "framework-guide", "oauth2") and versions ("v3", "v2.0"). */
const PLAIN_SEGMENT = /^(?:[a-z]+\d{0,2}(?:-[a-z]+\d{0,2})*|v\d+(?:\.\d+)*)$/;
const MAX_PLAIN_SEGMENT = 40;

/** A path without its query or fragment, each segment that is not a plain word replaced by :id. */
export function pathShape(path: string): string {
  const [withoutQuery = ''] = path.split(/[?#]/, 1);
  return withoutQuery
    .split('/')
    .map((segment) =>
      segment === '' || (segment.length <= MAX_PLAIN_SEGMENT && PLAIN_SEGMENT.test(segment)) ? segment : ':id',
    )
    .join('/');
}

/** Scheme, host and path shape of a URL (no user info, query or fragment); undefined when it does not parse. */
export function urlShape(value: string): string | undefined {
  try {
    const url = new URL(value);
    return `${url.protocol}//${url.host}${pathShape(url.pathname)}`;
  } catch {
    return undefined;
  }
}

/** The attributes a span may keep, with URLs and paths reduced to their shape. */
export function keptAttributes(attributes: SpanAttributes): SpanAttributes {
  const kept: SpanAttributes = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined) continue;
    if (KEPT_ATTRIBUTES.has(key) || INTERNAL_PREFIXES.some((prefix) => key.startsWith(prefix))) {
      kept[key] = value;
    } else if (URL_ATTRIBUTES.includes(key)) {
      const shape = urlShape(String(value));
      if (shape) kept[key] = shape;
    } else if (PATH_ATTRIBUTES.includes(key)) {
      kept[key] = pathShape(String(value));
    }
  }
  // Incoming requests under the stable HTTP conventions (the distro's default since 1.19) carry the
  // path, scheme and server address but no full URL, and the exporter names a request from its full
  // URL or route: without one, every request would be called just "POST". The URL is made from the
  // parts already kept, so it holds nothing they do not.
  if (kept['url.full'] === undefined && kept['http.url'] === undefined) {
    const [scheme, host, port, path] = ['url.scheme', 'server.address', 'server.port', 'url.path'].map(
      (key) => kept[key],
    );
    if (scheme !== undefined && host !== undefined && path !== undefined) {
      kept['url.full'] =
        `${String(scheme)}://${String(host)}${port === undefined ? '' : `:${String(port)}`}${String(path)}`;
    }
  }
  return kept;
}

const WITHHELD = '(message withheld: it may quote what a person sent)';

/** An exception event with its type, whether it escaped, and its stack frames; its message is withheld. */
function redactedException(event: SpanEvent): SpanEvent {
  const attributes = event.attributes ?? {};
  const kept: SpanAttributes = { 'exception.message': WITHHELD };
  const type = attributes['exception.type'];
  if (type !== undefined) kept['exception.type'] = type;
  const escaped = attributes['exception.escaped'];
  if (escaped !== undefined) kept['exception.escaped'] = escaped;
  const stack = attributes['exception.stacktrace'];
  if (typeof stack === 'string') {
    // The first lines of a stack repeat "Type: message"; the frames ("    at ...") are code locations.
    const frames = stack.split('\n').filter((line) => /^\s+at\s/.test(line));
    kept['exception.stacktrace'] = [`${String(type ?? 'Error')}: ${WITHHELD}`, ...frames].join('\n');
  }
  return { ...event, attributes: kept };
}

/**
 * A span processor that rewrites each finished span in place before it is exported: attributes by
 * allow-list, exception events without their message, other events (exported as trace messages,
 * with whatever attributes they carry) dropped. Spans are mutable until the exporter reads them;
 * the distro runs this after its own processor (which records standard metrics) and before its
 * batch exporter.
 */
export class PersonalDataRedactor implements SpanProcessor {
  onStart(): void {}

  onEnd(span: FinishedSpan): void {
    const writable = span as { attributes: SpanAttributes; events: SpanEvent[] };
    const kept = keptAttributes(span.attributes);
    for (const key of Object.keys(writable.attributes)) delete writable.attributes[key];
    Object.assign(writable.attributes, kept);
    const events = span.events.filter((event) => event.name === 'exception').map(redactedException);
    writable.events.splice(0, writable.events.length, ...events);
  }

  async forceFlush(): Promise<void> {}

  async shutdown(): Promise<void> {}
}
