// One whole check-in, card by card, as a person clicks through it: shared by the scenarios that
// start a check-in from a command, a prompt or a reminder.
import type { Playground } from './playground';

/** Answers the five questions on the card shown and submits; ends on the "Check-in saved" card. */
export async function answerCheckIn(playground: Playground, notes: { win?: string } = {}): Promise<void> {
  const { page } = playground;
  await playground.expectCardWith('Question 1 of 5');
  await page.getByText('4: Good progress').last().click();
  await page.getByRole('button', { name: 'Next' }).last().click();
  await playground.expectCardWith('Question 2 of 5');
  await page.getByText('Inclusion', { exact: true }).last().click();
  await page.getByRole('button', { name: 'Next' }).last().click();
  await playground.expectCardWith('Question 3 of 5');
  await page.getByText('Capabilities', { exact: true }).last().click();
  await page.getByRole('button', { name: 'Next' }).last().click();
  await playground.expectCardWith('Question 4 of 5');
  await page.getByText('Inclusive', { exact: true }).last().click();
  await page.getByRole('button', { name: 'Next' }).last().click();
  await playground.expectCardWith('Question 5 of 5');
  if (notes.win)
    await page
      .getByRole('textbox', { name: /^A win this week/ })
      .last()
      .fill(notes.win);
  await page.getByRole('button', { name: 'Next' }).last().click();
  await playground.expectCardWith(/^Check your answers/);
  await page.getByRole('button', { name: 'Submit' }).last().click();
  await playground.expectCardWith(/^Check-in saved: /);
  await playground.expectCardWith('4 of 5: Good progress');
}
