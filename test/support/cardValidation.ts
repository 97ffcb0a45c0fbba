// What every card the bot sends must satisfy: Adaptive Card schema 1.5 at most (Teams' limit),
// parsed by the official `adaptivecards` package with no errors, no `${...}` left unexpanded, and
// under Teams' message size limit.
// The package's `main` points at ES module files without a module type, which Node cannot load;
// its bundled UMD build is the same code, so load that and take the types from the package.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof import('adaptivecards');

/** Teams refuses messages over about 28 KB; keep cards well under it. */
const TEAMS_CARD_BYTE_LIMIT = 28 * 1024;

function cardProblems(card: unknown): string[] {
  const problems: string[] = [];
  if (typeof card !== 'object' || card === null) return ['card is not an object'];
  const json = JSON.stringify(card);
  const record = card as Record<string, unknown>;
  if (record.type !== 'AdaptiveCard') problems.push(`type is ${String(record.type)}`);
  const version = String(record.version ?? '');
  const match = /^1\.(\d+)$/.exec(version);
  if (!match || Number(match[1]) > 5) problems.push(`version ${version} is not 1.0-1.5`);
  if (json.includes('${')) problems.push('unexpanded template field: ' + json.slice(json.indexOf('${'), json.indexOf('${') + 40));
  const bytes = Buffer.byteLength(json, 'utf8');
  if (bytes > TEAMS_CARD_BYTE_LIMIT) problems.push(`card is ${bytes} bytes, over ${TEAMS_CARD_BYTE_LIMIT}`);

  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  context.targetVersion = AC.Versions.v1_5;
  parsed.parse(card, context);
  for (let i = 0; i < context.eventCount; i++) {
    const event = context.getEventAt(i);
    problems.push(`parse: ${event.message}`);
  }
  for (const event of parsed.validateProperties().validationEvents) {
    problems.push(`validate: ${event.message}`);
  }
  return problems;
}

/** Jest-friendly assertion: throws with every problem listed. */
export function expectValidCard(card: unknown): void {
  const problems = cardProblems(card);
  if (problems.length > 0) {
    throw new Error(`Invalid Adaptive Card:\n- ${problems.join('\n- ')}\n${JSON.stringify(card, null, 2).slice(0, 2000)}`);
  }
}

/** The text of the first TextBlock in the card body, searched depth-first (the card contract's title). */
export function firstTextBlock(card: unknown): string | undefined {
  const visit = (node: unknown): string | undefined => {
    if (Array.isArray(node)) {
      for (const child of node) {
        const found = visit(child);
        if (found !== undefined) return found;
      }
      return undefined;
    }
    if (typeof node !== 'object' || node === null) return undefined;
    const record = node as Record<string, unknown>;
    if (record.type === 'TextBlock' && typeof record.text === 'string') return record.text;
    for (const key of ['body', 'items', 'columns']) {
      const found = visit(record[key]);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return visit((card as Record<string, unknown>)?.body);
}
