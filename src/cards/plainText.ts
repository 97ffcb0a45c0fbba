// User text is text. Whatever a person typed (a check-in's win or blocker, a maturity note, an
// action's title), and whatever Teams says a person or team is called (display names and team names
// can be set by anyone), reaches the cards as plain text: never a link, never formatting. Two steps:
// - cleanText, when the text comes in (one helper for every typed input): control characters (C0
//   and C1, keeping tab and newline where the field is multi-line), bidirectional overrides and
//   isolates and zero-width characters are removed, so text can neither hide nor reorder what is
//   around it on a card.
// - escapeMarkdown, when the text goes onto a card, applied by the renderer (render.ts) to every
//   string bound into a TextBlock or a fact: an Adaptive Card TextBlock reads Markdown (in Teams:
//   **bold**, _italic_, [links](url), numbered and bulleted lists, and clients autolink addresses),
//   so every mark that could start any of it is escaped with a backslash (CommonMark's own escape,
//   which shows the mark itself). Inputs (Input.Text values, ChoiceSet titles) and action titles are
//   not Markdown: they take cleaned text as it is.

const C0_EXCEPT_TAB_AND_NEWLINE = '\\u0000-\\u0008\\u000B-\\u001F\\u007F';
const C1 = '\\u0080-\\u009F';
/**
 * Bidi marks, embeddings, overrides and isolates (LRM, RLM, ALM, LRE...RLO, LRI...PDI), line/paragraph
 * separators, and characters that take no space (zero-width space, word joiner and invisible operators,
 * byte order mark). The zero-width joiner and non-joiner stay: emoji sequences and some scripts need them.
 */
const BIDI_AND_SEPARATORS =
  '\\u061C\\u200B\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069\\u2028\\u2029\\u2060-\\u2064\\uFEFF';
const UNWANTED = new RegExp(`[${C0_EXCEPT_TAB_AND_NEWLINE}${C1}${BIDI_AND_SEPARATORS}]`, 'g');
/** Half of a surrogate pair without its other half: not a character at all. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Control, bidi and separator characters and lone surrogates removed; nothing else changed (not even spaces). */
export function withoutUnwanted(value: string): string {
  return value.replace(UNWANTED, '').replace(LONE_SURROGATE, '');
}

/**
 * Text as it comes in, made safe to keep: line endings as '\n', control and bidi characters gone.
 * `multiline: false` (names, titles): tabs and newlines become spaces too. Trimmed.
 */
export function cleanText(value: string, options: { multiline?: boolean } = {}): string {
  const cleaned = withoutUnwanted(value.replace(/\r\n?/g, '\n'));
  return (options.multiline ? cleaned : cleaned.replace(/[\t\n]+/g, ' ')).trim();
}

/**
 * Marks that start Markdown anywhere on a line: links and images, emphasis, code, HTML, entities, and
 * the escape itself. An underscore inside a word ("New_York") cannot emphasise anything (CommonMark's
 * flanking rule) and is left as it is.
 */
const INLINE_MARKS = /[\\`*[\]<>~&]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu;
/** Marks that start Markdown only at the start of a line: headings, quotes, lists, rules and setext underlines. */
const LINE_START_MARK = /^([ \t]*)([>=]|([-+*#])(?=\s|$|\3)|\d{1,9}[.)](?=\s|$))/gm;
/** An address's scheme ("https:" before "//") and the dots of a host name, which clients turn into links. */
const ADDRESS_MARKS = /:(?=\/\/)|(?<=[\p{L}\p{N}])\.(?=[\p{L}])/gu;

/**
 * Text for a TextBlock or a fact, shown as written: every mark that could format it or make a link
 * is escaped with a backslash (CommonMark's own escape, which shows the mark itself). Sentences,
 * numbers and dates read the same as before ("2.5", "Check-in: Data."); "evil.com" and
 * "https://…" are no longer addresses. The card renderer (render.ts) applies it to every bound string.
 */
export function escapeMarkdown(value: string): string {
  return (
    value
      .replace(INLINE_MARKS, (mark) => `\\${mark}`)
      .replace(LINE_START_MARK, (_match, indent: string, mark: string) => `${indent}${escapeLast(mark)}`)
      .replace(ADDRESS_MARKS, (mark) => `\\${mark}`)
      // Indentation would make a code block: no-break spaces look the same and indent nothing.
      .replace(/^[ \t]+/gm, (indent) => '\u00a0'.repeat(indent.length))
  );
}

/** "-" becomes "\-", "12." becomes "12\." (the mark that makes the list item is the last character). */
function escapeLast(mark: string): string {
  return mark.length === 1 ? `\\${mark}` : `${mark.slice(0, -1)}\\${mark.slice(-1)}`;
}

/**
 * User text for a TextBlock (or a FactSet): cleaned, then every Markdown mark escaped, so it shows
 * exactly as typed and nothing in it is formatted or linked. Cards need not call it: the renderer
 * escapes every string bound into a TextBlock or fact (render.ts); it is the same escaping.
 */
export function plainText(value: string): string {
  return escapeMarkdown(cleanText(value, { multiline: true }));
}

/** At most `max` UTF-16 units of `value`, never cutting a character (a surrogate pair) in two. */
export function cutText(value: string, max: number): string {
  if (value.length <= max) return value;
  const cut = value.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/**
 * `value` cut to at most `max` UTF-16 units with an ellipsis when it is longer, never cutting a
 * character in two: the one way a notification line, a summary or a preview is shortened.
 */
export function ellipsised(value: string, max: number): string {
  return value.length <= max ? value : `${cutText(value, max - 1).trimEnd()}…`;
}
