// The reading-order rule the end-to-end suite applies to every card the Playground renders: what it
// passes (a card's usual layouts) and what it catches (text read out of its visual order).
import { readingOrderProblems, type ReadBox } from './readingOrder';

function box(text: string, top: number, left: number, height = 20, width = 200): ReadBox {
  return { text, top, left, bottom: top + height, right: left + width };
}

test('top to bottom, a row of buttons left to right, and columns read one after the other pass', () => {
  expect(
    readingOrderProblems([
      box('Team progress overview', 0, 0, 30, 600),
      // A row: the label and its detail in the first column, the figure in the second column.
      box('This week', 40, 0),
      box('3 answers across missions', 60, 0),
      box('3 of 8', 40, 400),
      // Runs of text on one line, a pixel apart in height.
      box('Named in ', 90, 0, 20, 80),
      box('4 of 10 answers', 91, 80, 18, 120),
      box('Team overview', 130, 0, 30, 150),
      box('What needs attention', 130, 160, 30, 150),
      // Hidden (a closed show-card): no box, not read on screen.
      box('Not shown', 0, 0, 0, 0),
    ]),
  ).toEqual([]);
});

test('text read after what is drawn below it is reported, naming both', () => {
  expect(readingOrderProblems([box('Who checked in', 40, 0), box('Team progress overview', 0, 0, 30, 600)])).toEqual([
    '"Team progress overview" is read after "Who checked in" but shown above it',
  ]);
});

test('a line read right to left is reported', () => {
  expect(
    readingOrderProblems([box('What needs attention', 130, 160, 30, 150), box('Team overview', 130, 0, 30, 150)]),
  ).toEqual(['"Team overview" is read after "What needs attention" but shown left of it']);
});

test('a column read before the one to its left is reported', () => {
  expect(readingOrderProblems([box('3 of 8', 40, 400), box('This week', 40, 0), box('3 answers', 60, 0)])).toEqual([
    '"This week" is read after "3 of 8" but shown left of it',
  ]);
});
