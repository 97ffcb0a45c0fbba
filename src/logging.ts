// Structured JSON logs. Message text and people's names are never logged at info level: log ids,
// kinds and outcomes instead. Redaction guards the fields most likely to carry them by mistake.
import pino, { type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'framework-guide' },
    redact: { paths: ['text', '*.text', 'name', '*.name', 'from.name', 'recipient.name'], censor: '[redacted]' },
  });
}
