// Buttons and inputs of a card as Teams would show them, for tests that press and read them. Every Action.Execute
// must carry an Action.Submit fallback with the same data, and its verb is the action's name:
// checked here, so every card in every flow honours the Universal Actions contract.

export interface FoundButton {
  title: string;
  data: Record<string, unknown>;
}

export function buttonsIn(card: unknown): FoundButton[] {
  const found: FoundButton[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    if (record.type === 'Action.Execute') {
      const fallback = record.fallback as Record<string, unknown> | undefined;
      expect(fallback?.type).toBe('Action.Submit');
      expect(fallback?.data).toEqual(record.data);
      expect(record.verb).toBe((record.data as Record<string, unknown>).action);
      found.push({ title: String(record.title), data: record.data as Record<string, unknown> });
    }
    Object.values(record).forEach(visit);
  };
  visit(card);
  return found;
}

/** The data of the card's button titled `title` (what pressing it sends); fails, naming the buttons there are, when there is none. */
export function buttonData(card: unknown, title: string): Record<string, unknown> {
  const buttons = buttonsIn(card);
  const found = buttons.find((each) => each.title === title);
  if (!found) throw new Error(`no "${title}" among ${buttons.map((each) => each.title).join(', ')}`);
  return found.data;
}

/** The value an input shows, by id. */
export function inputValue(card: unknown, id: string): unknown {
  let value: unknown;
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    if (typeof record.type === 'string' && record.type.startsWith('Input.') && record.id === id) value = record.value;
    Object.values(record).forEach(visit);
  };
  visit(card);
  return value;
}
