// Message text as Teams hands it to a message action: HTML, as the person's client wrote it.
// The terms search only needs the words, so tags go and entities become their characters.

/** Long messages are cut here: framework terms are found in the words, and this bounds the work. */
const MAX_TEXT_CHARS = 20_000;

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

function decodeEntity(entity: string, body: string): string {
  if (body.startsWith('#')) {
    const code =
      body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
    // An impossible code point is left as written rather than throwing on someone's odd message.
    return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  }
  return NAMED_ENTITIES[body.toLowerCase()] ?? entity;
}

/** The readable text of an HTML fragment. Block ends become spaces so "<p>Data</p><p>Value</p>" stays two words. */
export function plainText(html: string): string {
  return html
    .slice(0, MAX_TEXT_CHARS)
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});/gi, (entity: string, body: string) => decodeEntity(entity, body))
    .replace(/\s+/g, ' ')
    .trim();
}
