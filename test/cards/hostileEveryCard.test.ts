// Text is escaped by default (issue 28): every card of the coverage fixtures is drawn again with
// hostile text in every string of its data (Markdown links and images, HTML, addresses, headings,
// lists, control, bidi and zero-width characters, and 4-byte characters at every cut point near the
// lengths the bot cuts at), team and display names included since they are data like any other.
// Each TextBlock and fact, rendered as Teams' Markdown would be (markdown-it with links detected),
// must come out plain; no control or bidi character and no half of a surrogate pair may remain.
import { markdownTexts } from '../support/cardValidation';
import MarkdownIt from 'markdown-it';
import * as render from '../../src/cards/render';
import { everyReplyForCoverage } from './everyReply';

const HOSTILE =
  '[Sign in again](https://evil.example/login) **urgent** _now_ ~~gone~~ `code` <b>bold</b> &amp; ' +
  'https://evil.example/x www.evil.com evil.com ![img](https://evil.example/i.png)\n# Heading\n- item\n* item\n1. one\n> quote\n---\n' +
  '\u0000\u0007\u001b[31m\u202eevil\u202c\u2066iso\u2069\u0085\u009b\u200b\ufeff';
/** A 4-byte character straddling each cut point the bot uses (fallback text at 199, names at 200). */
const AT_CUT_POINTS = [197, 198, 199, 200].map((length) => `${'x'.repeat(length)}😀😀 [link](https://evil.example)`);
const VARIANTS = [HOSTILE, ...AT_CUT_POINTS];

const markdown = new MarkdownIt({ linkify: true });
const FORMATTING = /<(a|strong|em|s|del|code|h[1-6]|li|ol|ul|blockquote|img|hr|b)\b/g;

/** The formatting a card's TextBlocks and facts come out with (tag names), as Teams' Markdown would draw them. */
function formattingOf(card: unknown): Set<string> {
  return new Set(
    markdownTexts(card).flatMap((shown) =>
      [...markdown.render(shown).matchAll(FORMATTING)].map((match) => match[1] ?? ''),
    ),
  );
}
const CONTROL_OR_BIDI =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

type Json = Record<string, unknown>;

/** Every string in the data replaced by the hostile text (numbers and booleans kept, so the card still draws). */
function hostile(value: unknown, text: string): unknown {
  if (typeof value === 'string') return text;
  if (Array.isArray(value)) return value.map((each) => hostile(each, text));
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([key, each]) => [key, hostile(each, text)]));
  return value;
}

/** Every string a person sees or hears: all but a button's data, which goes back to the bot and is never shown. */
function shownStrings(node: unknown, found: string[] = []): string[] {
  if (typeof node === 'string') found.push(node);
  else if (Array.isArray(node)) node.forEach((item) => shownStrings(item, found));
  else if (typeof node === 'object' && node !== null) {
    const element = node as Json;
    const isAction = typeof element.type === 'string' && element.type.startsWith('Action.');
    for (const [key, value] of Object.entries(element)) if (!(isAction && key === 'data')) shownStrings(value, found);
  }
  return found;
}

let drawn: Array<{ name: string; data: object }> = [];

beforeAll(async () => {
  const spy = jest.spyOn(render, 'renderCard');
  await everyReplyForCoverage();
  drawn = spy.mock.calls.map(([name, data]) => ({ name, data }));
  spy.mockRestore();
});

it('draws every template of the fixtures', () => {
  expect(new Set(drawn.map((each) => each.name)).size).toBeGreaterThan(20);
});

it('shows hostile text in every string of every fixture as plain text', () => {
  let shownHostileWords = 0;
  for (const { name, data } of drawn)
    for (const text of VARIANTS) {
      const card = render.renderCard(name, hostile(data, text) as object);
      for (const each of shownStrings(card)) {
        expect({ name, control: CONTROL_OR_BIDI.test(each) }).toEqual({ name, control: false });
        expect({ name, loneSurrogate: LONE_SURROGATE.test(each) }).toEqual({ name, loneSurrogate: false });
      }
      // A template may format its own wording (a bulleted line); data may add no formatting of its own.
      const ownFormatting = formattingOf(render.renderCard(name, hostile(data, 'plain words') as object));
      const added = [...formattingOf(card)].filter((tag) => !ownFormatting.has(tag));
      expect({ name, text: text.slice(0, 20), added }).toEqual({ name, text: text.slice(0, 20), added: [] });
      for (const shown of markdownTexts(card)) {
        const html = markdown.render(shown);
        expect({ name, link: /<(a|img)\b/.test(html) }).toEqual({ name, link: false });
        if (markdown.renderInline(shown).includes('Sign in again')) shownHostileWords += 1;
      }
    }
  // The hostile words themselves are there to read wherever data reaches a TextBlock.
  expect(shownHostileWords).toBeGreaterThan(drawn.length / 2);
});
