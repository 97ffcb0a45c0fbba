// Draws the first page of the quarterly report the end-to-end scenario downloaded
// (test-results/e2e/quarterly-report.docx) as a picture, test-results/e2e/report-first-page.png, for
// docs/screenshots: LibreOffice (headless) turns the Word file into a PDF, and poppler's pdftoppm the
// PDF's first page into a PNG. Both are optional: where either is not installed, or the scenario did
// not run, it says so and draws nothing (Debian: apt-get install libreoffice-writer-nogui poppler-utils).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findProjectRoot } from './paths';

const LIBREOFFICE = ['soffice', 'libreoffice'];

/** Whether `command` runs (pdftoppm takes -v for its version; LibreOffice --version). */
function found(command: string, versionFlag = '--version'): boolean {
  return spawnSync(command, [versionFlag], { stdio: 'ignore' }).status === 0;
}

/** Draws the page; returns what happened, in a sentence. */
export function drawReportPage(shotsDir: string): string {
  const docx = path.join(shotsDir, 'quarterly-report.docx');
  if (!existsSync(docx)) return 'No quarterly report downloaded by the end-to-end tests: no report page drawn.';
  const office = LIBREOFFICE.find((command) => found(command));
  if (!office || !found('pdftoppm', '-v'))
    return 'LibreOffice or pdftoppm is not installed: no report page drawn (apt-get install libreoffice-writer-nogui poppler-utils).';
  const work = mkdtempSync(path.join(tmpdir(), 'framework-guide-report-pages-'));
  try {
    // A profile of its own, so a LibreOffice the person has open is neither used nor disturbed.
    const converted = spawnSync(
      office,
      [`-env:UserInstallation=file://${work}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', work, docx],
      { stdio: 'ignore', timeout: 120_000 },
    );
    const pdf = path.join(work, 'quarterly-report.pdf');
    if (converted.status !== 0 || !existsSync(pdf)) return 'LibreOffice could not convert the report: no page drawn.';
    const out = path.join(shotsDir, 'report-first-page');
    const drawn = spawnSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', pdf, out], {
      stdio: 'ignore',
      timeout: 60_000,
    });
    return drawn.status === 0 ? 'The report’s first page drawn.' : 'pdftoppm could not draw the page.';
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (require.main === module) console.log(drawReportPage(path.join(findProjectRoot(), 'test-results', 'e2e')));
