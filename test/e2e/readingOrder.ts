// Screen-reader order against visual order. A screen reader reads a card's elements in the order of the
// page (the DOM, which is the order of the accessibility tree); a sighted reader reads top to bottom, and
// left to right along a row. The two must agree (WCAG 2.2, 1.3.2 Meaningful Sequence and 2.4.3 Focus
// Order). This is the rule, kept apart from the browser so a unit test can show what it catches.

/** One thing a screen reader reads (a run of text, a control, an image), with its box on screen. */
export interface ReadBox {
  text: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** Pixels of slack: text runs on one line can differ by a pixel or two in their boxes. */
const SLACK = 2;

/**
 * Where `later` (read after `earlier`) is drawn against it when that contradicts the reading order:
 * above it, unless in a column to its right (a column is read top to bottom before the next one, as
 * the eye reads columns), or on the same line and to its left. Undefined when the order is right.
 */
function misplacement(earlier: ReadBox, later: ReadBox): 'above' | 'left of' | undefined {
  const above = later.bottom <= earlier.top + SLACK;
  const below = later.top >= earlier.bottom - SLACK;
  const inColumnToTheRight = later.left >= earlier.right - SLACK;
  if (above && !inColumnToTheRight) return 'above';
  if (!above && !below && later.right <= earlier.left + SLACK) return 'left of';
  return undefined;
}

function quote(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return `"${line.length > 60 ? `${line.slice(0, 57)}...` : line}"`;
}

/**
 * Each element read after something it is drawn above, or left of on the same line, once, in reading
 * order: "<later>" is read after "<earlier>" but shown above it. Empty when the orders agree. Boxes with
 * no size (hidden) are not read on screen and are skipped.
 */
export function readingOrderProblems(inReadingOrder: readonly ReadBox[]): string[] {
  const shown = inReadingOrder.filter((box) => box.right > box.left && box.bottom > box.top);
  const problems: string[] = [];
  shown.forEach((later, index) => {
    for (const earlier of shown.slice(0, index)) {
      const where = misplacement(earlier, later);
      if (!where) continue;
      problems.push(`${quote(later.text)} is read after ${quote(earlier.text)} but shown ${where} it`);
      return;
    }
  });
  return problems;
}
