// The privacy notice: its periods are the ones the code uses, docs/privacy.md is generated from the
// same source, and each rendering (web page, Markdown, card) carries all of it and nothing unescaped.
import { readFileSync } from 'node:fs';
import { privacyDocPath, privacyDocument } from '../../scripts/privacy-notice';
import { configSchema } from '../../src/config';
import { noticeHtml, noticeMarkdown, noticeReply, privacyNotice, type PrivacyNotice } from '../../src/privacy/notice';
import { SENT_SECONDS } from '../../src/prompts';
import { DEFAULT_DRAFT_TTL_SECONDS, DEFAULT_RETENTION_DAYS, defaultTeamSettings } from '../../src/store/defaults';
import { ACTIVITY_CLAIM_SECONDS } from '../../src/turns/activityClaims';
import { expectValidCard, firstTextBlock } from '../support/cardValidation';

const DAY = 24 * 3600;
const textOf = (notice: PrivacyNotice) =>
  [notice.title, ...notice.intro, ...notice.sections.flatMap((section) => [section.heading, ...section.items])].join(
    '\n',
  );

it('states the periods the code uses, and the configured grace period and privacy threshold', () => {
  const text = textOf(privacyNotice({ graceDays: 45, minResponses: 4 }));
  expect(defaultTeamSettings('t').retentionDays).toBe(DEFAULT_RETENTION_DAYS);
  expect(text).toContain(
    `Check-in answers: ${DEFAULT_RETENTION_DAYS} days (${DEFAULT_RETENTION_DAYS / 365} years) after you last changed them`,
  );
  expect(text).toContain(`Unfinished check-ins: ${DEFAULT_DRAFT_TTL_SECONDS / DAY} days after`);
  expect(text).toContain(`Markers of answered messages: ${ACTIVITY_CLAIM_SECONDS / 60} minutes`);
  expect(text).toContain(`Markers of prompts and reminders sent: ${SENT_SECONDS / DAY} days`);
  expect(text).toContain('deleted 45 days later, unless the app is added back before then');
  expect(text).toContain('It is deleted 45 days after you remove the app, or at once when you delete your data');
  expect(text).toContain('at least 4 people have answered');
  expect(text).not.toMatch(/\b30 days\b|at least 3 people/);
  for (const heading of ['What it keeps, and why', 'For how long', 'Who sees it', 'Your choices'])
    expect(text).toContain(heading);
});

it('docs/privacy.md is the notice generated with the default settings', () => {
  const defaults = configSchema.parse({});
  expect(defaults.TEAM_DATA_GRACE_DAYS).toBe(30);
  const generated = privacyDocument();
  expect(generated).toContain('deleted 30 days later');
  expect(generated).toContain(`at least ${defaults.MIN_RESPONSES} people`);
  // If this fails, the notice changed: run `npm run build && node dist/scripts/privacy-notice.js`.
  expect(readFileSync(privacyDocPath(), 'utf8')).toBe(generated);
});

describe('renderings', () => {
  const tricky: PrivacyNotice = {
    title: 'A <title> & "quotes"',
    intro: ['Intro with <script>alert(1)</script> and *stars* and _underscores_'],
    sections: [{ heading: '# Not a heading', items: ['An item with [brackets](http://x) and `code` and a | pipe'] }],
  };

  it('the web page carries every line of the notice, escaped, with no scripts or outside resources', () => {
    const notice = privacyNotice({ graceDays: 30, minResponses: 3 });
    const html = noticeHtml(notice);
    expect(html).toMatch(/^<!doctype html>\n<html lang="en-GB">/);
    for (const line of textOf(notice).split('\n'))
      expect(html).toContain(line.replace(/&/g, '&amp;').replace(/"/g, '&quot;'));
    expect(html.match(/<li>/g)).toHaveLength(notice.sections.reduce((sum, section) => sum + section.items.length, 0));

    const escaped = noticeHtml(tricky);
    expect(escaped).not.toContain('<script');
    expect(escaped).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(escaped).toContain('<title>A &lt;title&gt; &amp; &quot;quotes&quot;</title>');
    expect(escaped).not.toMatch(/<a |src=|href=/);
    expect(html).not.toMatch(/src=|href=|https?:/);
  });

  it('the Markdown escapes what Markdown would read as formatting', () => {
    const markdown = noticeMarkdown(tricky, '_footer_');
    expect(markdown).toContain('# A \\<title\\> & "quotes"');
    expect(markdown).toContain('\\*stars\\* and \\_underscores\\_');
    expect(markdown).toContain('## \\# Not a heading');
    expect(markdown).toContain('- An item with \\[brackets\\](http://x) and \\`code\\` and a \\| pipe');
    expect(markdown.endsWith('_footer_\n')).toBe(true);
  });

  it('the card is a valid Adaptive Card with every line of the notice', () => {
    const notice = privacyNotice({ graceDays: 30, minResponses: 3 });
    const reply = noticeReply(notice);
    expectValidCard(reply.card);
    expect(firstTextBlock(reply.card)).toBe('Framework Guide privacy notice');
    const card = JSON.stringify(reply.card);
    for (const line of textOf(notice).split('\n')) expect(card).toContain(JSON.stringify(line).slice(1, -1));
    expect(reply.summary).toMatch(/what is kept, why, for how long, and who sees it/);
    expectValidCard(noticeReply(tricky).card);
  });
});
