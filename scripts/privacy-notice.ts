// Writes docs/privacy.md from the privacy notice's one source (src/privacy/notice.ts), with the
// default settings. Run after changing the notice: `npm run build && node dist/scripts/privacy-notice.js`.
// test/privacy/notice.test.ts fails while the file and the source differ.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseConfig } from '../src/config';
import { noticeMarkdown, privacyNotice } from '../src/privacy/notice';
import { findProjectRoot } from './paths';

export const privacyDocPath = (): string => path.join(findProjectRoot(), 'docs', 'privacy.md');

/** The notice as docs/privacy.md holds it: the defaults, and a note on where it comes from. */
export function privacyDocument(): string {
  const defaults = parseConfig({});
  const settings = { graceDays: defaults.TEAM_DATA_GRACE_DAYS, minResponses: defaults.MIN_RESPONSES };
  const footer =
    `_Generated from src/privacy/notice.ts with the default settings (TEAM\\_DATA\\_GRACE\\_DAYS=${settings.graceDays}, MIN\\_RESPONSES=${settings.minResponses}). ` +
    'The bot serves this notice with the settings it runs with at /privacy on its own address, which the Teams app package links as its privacy policy._';
  return noticeMarkdown(privacyNotice(settings), footer);
}

if (require.main === module) {
  writeFileSync(privacyDocPath(), privacyDocument());
  console.log(`Wrote ${privacyDocPath()}`);
}
