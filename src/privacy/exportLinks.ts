// Short-lived download links for a person's data file, for clients without Teams' file consent flow
// (the Microsoft 365 Agents Playground in local, anonymous mode). "Download my data" keeps the file
// here under an unguessable token; GET /api/exports/<token> serves it once, until it expires. Each
// file is held for the person who asked, and "delete my data" deletes that person's files at once.
//
// In memory, on purpose and only because of where it is used: this path serves local, anonymous mode,
// where one process answers both the chat and the link. Bots with an app id in Teams use the consent
// flow instead (the file goes to the person's OneDrive) and never put anything here. Behind a load
// balancer with several instances, a link made on one would not be found on another.
import { randomBytes } from 'node:crypto';

/** How long a download link works. */
export const EXPORT_LINK_TTL_MS = 10 * 60 * 1000;
/** Most files held at once; the oldest goes first, so memory stays bounded whatever is asked. */
export const MAX_EXPORT_LINKS = 50;

/** 32 random bytes in base64url: 43 characters, no padding. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export interface PreparedExport {
  bytes: Buffer;
  fileName: string;
  /** The person who asked for it (their user id), whose "delete my data" deletes it. */
  owner?: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

export interface ExportLinks {
  /** Keeps the file for `owner` and returns the token of its link. */
  add(bytes: Buffer, fileName: string, owner?: string): string;
  /** The file behind a token: undefined when the token is malformed, unknown or expired (an expired one is removed). */
  find(token: string): PreparedExport | undefined;
  /** The file behind a token, removed as it is given: a link downloads once. */
  take(token: string): PreparedExport | undefined;
  /** Removes every file held for `owner` ("delete my data"). */
  forget(owner: string): void;
  /** How many files are held now (for tests and logs). */
  size(): number;
}

export interface ExportLinkOptions {
  /** Milliseconds since the epoch; tests move it. */
  now?: () => number;
  ttlMs?: number;
  maxHeld?: number;
}

export function isExportToken(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}

export function createExportLinks(options: ExportLinkOptions = {}): ExportLinks {
  const now = options.now ?? Date.now;
  const ttlMs = options.ttlMs ?? EXPORT_LINK_TTL_MS;
  const maxHeld = Math.max(1, options.maxHeld ?? MAX_EXPORT_LINKS);
  // A Map keeps insertion order: the first key is always the oldest file.
  const held = new Map<string, PreparedExport>();

  const dropExpired = (at: number) => {
    for (const [token, file] of held) if (file.expiresAt <= at) held.delete(token);
  };

  return {
    add(bytes, fileName, owner) {
      const at = now();
      dropExpired(at);
      while (held.size >= maxHeld) {
        const oldest = held.keys().next().value;
        if (oldest === undefined) break;
        held.delete(oldest);
      }
      const token = randomBytes(32).toString('base64url');
      held.set(token, { bytes, fileName, expiresAt: at + ttlMs, ...(owner ? { owner } : {}) });
      return token;
    },
    take(token) {
      const file = this.find(token);
      if (file) held.delete(token);
      return file;
    },
    forget(owner) {
      for (const [token, file] of held) if (file.owner === owner) held.delete(token);
    },
    find(token) {
      if (!isExportToken(token)) return undefined;
      const file = held.get(token);
      if (!file) return undefined;
      if (file.expiresAt <= now()) {
        held.delete(token);
        return undefined;
      }
      return file;
    },
    size: () => held.size,
  };
}
