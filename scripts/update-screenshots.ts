// Copies the card pictures the end-to-end scenarios just took (test-results/e2e) into
// docs/screenshots, so the pictures in the docs are always of the current bot. The full-screen
// "final-*" shots are for looking into failures and stay behind. The quarterly report the scenarios
// downloaded is drawn as a picture of its first page first (scripts/report-pages.ts).
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { findProjectRoot } from './paths';
import { drawReportPage } from './report-pages';

const root = findProjectRoot();

const from = path.join(root, 'test-results', 'e2e');
const to = path.join(root, 'docs', 'screenshots');
if (!existsSync(from)) throw new Error('No pictures yet: run npm run test:e2e first.');
// The quarterly report's first page, when LibreOffice and pdftoppm are installed. Where they are not,
// the picture already in the docs stays (the README links it) rather than going with the others.
console.log(drawReportPage(from));
const REPORT_PAGE = 'report-first-page.png';
if (!existsSync(path.join(from, REPORT_PAGE)) && existsSync(path.join(to, REPORT_PAGE)))
  copyFileSync(path.join(to, REPORT_PAGE), path.join(from, REPORT_PAGE));
const pictures = readdirSync(from).filter((name) => name.endsWith('.png') && !name.startsWith('final-'));
rmSync(to, { recursive: true, force: true });
mkdirSync(to, { recursive: true });
for (const name of pictures) copyFileSync(path.join(from, name), path.join(to, name));
console.log(`${pictures.length} pictures copied to docs/screenshots.`);
