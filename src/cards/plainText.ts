// User text is text. Whatever a person typed (a check-in's win or blocker), and whatever Teams says
// a person or team is called (display names and team names can be set by anyone), reaches the
// cards as plain text: never a link, never formatting. Two steps, one module:
// - cleanText, when the text comes in: control characters (C0 and C1, keeping tab and newline
//   where the field is multi-line) and bidirectional overrides and isolates are removed, so text can
//   neither hide nor reorder what is around it on a card.
// - plainText, when the text goes onto a card: an Adaptive Card TextBlock reads Markdown (in Teams:
//   **bold**, _italic_, [links](url), numbered and bulleted lists, and clients autolink URLs), so
//   every ASCII punctuation mark that could start any of it is escaped with a backslash (CommonMark's
//   own escape, which shows the mark itself). Escaping ':' and '.' also keeps a bare address from
//   being read as a link. Inputs (Input.Text values, ChoiceSet titles) and action titles are not
//   Markdown: they take cleaned text as it is.

const C0_EXCEPT_TAB_AND_NEWLINE = '\\u0000-\\u0008\\u000B-\\u001F\\u007F';
const C1 = '\\u0080-\\u009F';
/** Bidi marks, embeddings, overrides and isolates (LRM, RLM, ALM, LRE...RLO, LRI...PDI), and line/paragraph separators. */
const BIDI_AND_SEPARATORS = '\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069\\u2028\\u2029';
const UNWANTED = new RegExp(`[${C0_EXCEPT_TAB_AND_NEWLINE}${C1}${BIDI_AND_SEPARATORS}]`, 'g');
/** Half of a surrogate pair without its other half: not a character at all. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text as it comes in, made safe to keep: line endings as '\n', control and bidi characters gone.
 * `multiline: false` (names, titles): tabs and newlines become spaces too. Trimmed.
 */
export function cleanText(value: string, options: { multiline?: boolean } = {}): string {
  const cleaned = value.replace(/\r\n?/g, '\n').replace(UNWANTED, '').replace(LONE_SURROGATE, '');
  return (options.multiline ? cleaned : cleaned.replace(/[\t\n]+/g, ' ')).trim();
}

/** The marks that can start Markdown in a TextBlock: emphasis, links, headings, lists, quotes, code, tables, entities, and the ":" and "." of an address. */
const MARKDOWN_PUNCTUATION = /[\\`*_[\]()#+\-.!<>~|:&=]/g;

/**
 * User text for a TextBlock (or a FactSet): cleaned, then every Markdown mark escaped, so it shows
 * exactly as typed and nothing in it is formatted or linked. Newlines are kept (TextBlocks with
 * `wrap` show them); use it only on text that came from a person, never on the guide's own wording.
 */
export function plainText(value: string): string {
  return (
    cleanText(value, { multiline: true })
      .replace(MARKDOWN_PUNCTUATION, (mark) => `\\${mark}`)
      // Indentation would make a code block: no-break spaces look the same and indent nothing.
      .replace(/^[ \t]+/gm, (indent) => '\u00a0'.repeat(indent.length))
  );
}
