// Text normalisation shared by the search index and question parsing. Both sides must turn text
// into words the same way, or an exact name would stop matching itself.

/**
 * Lower-cases, straightens quotes, drops possessive "'s" and turns every other non-letter/digit
 * (hyphens included, so "user-centric" = "user centric") into single spaces.
 */
export function basicNormalise(raw: string): string {
  return raw
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .replace(/'s\b/g, '')
    .replace(/'/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * A deliberately light stemmer: only plural endings, so "outcomes", "services" and "capabilities"
 * meet their singular forms without merging words that differ in meaning ("ethical" vs "ethics").
 */
export function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return word.slice(0, -3) + 'y';
  if (word.length > 5 && word.endsWith('sses')) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}
