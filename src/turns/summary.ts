// The line that stands for a card where Teams shows text instead (a notification, the activity feed, a
// screen reader's first line): one length and one way to cut it, for every capability's replies.
import { ellipsised } from '../cards/plainText';

/** Teams shows about this much in a notification; longer lines are cut with an ellipsis. */
const SUMMARY_MAX_CHARS = 160;

/** A reply's summary, at most 160 characters, cut with an ellipsis and never through a character. */
export function shortSummary(text: string): string {
  return ellipsised(text, SUMMARY_MAX_CHARS);
}
