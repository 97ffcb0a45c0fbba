// The shape every progress card is drawn from: a title, sections of rows, buttons. Layout lives in
// cards/progressReport.json; this file only turns plain rows into the template's data. Every number
// is a row of text, so the figures read the same in every Teams client (desktop, mobile, web) and
// to a screen reader, with no chart element a client might not draw.
import { cardButton, type CardButton } from '../cards/cardButton';
import { renderCard, type AdaptiveCard } from '../cards/render';
import type { JsonObject } from '../store/port';
import type { CardMessageReply } from '../turns/types';

export type { CardButton } from '../cards/cardButton';

/** Progress buttons ignore the card's inputs unless they ask for them (the roster's "add"). */
export function button(title: string, payload: JsonObject & { action: string }, options: { primary?: boolean; withInputs?: boolean } = {}): CardButton {
  return cardButton(title, payload, { primary: options.primary, inputs: options.withInputs ? 'auto' : 'none' });
}

export interface Row {
  label: string;
  value?: string;
  detail?: string;
  open?: CardButton;
}

export interface Section {
  heading: string;
  intro?: string;
  rows: Row[];
}

export interface Report {
  title: string;
  subtitle: string;
  notice?: string;
  sections: Section[];
  footnote: string;
  buttons: CardButton[];
  /** Notification and screen-reader line. */
  summary: string;
}

/** Teams shows about this much in a notification; longer lines are cut with an ellipsis. */
const SUMMARY_MAX_CHARS = 160;

function shorten(text: string): string {
  return text.length <= SUMMARY_MAX_CHARS ? text : `${text.slice(0, SUMMARY_MAX_CHARS - 1).trimEnd()}…`;
}

export type Delivery = 'new' | 'update';

export function reply(card: AdaptiveCard, summary: string, delivery: Delivery): CardMessageReply {
  return { kind: delivery === 'new' ? 'card' : 'updateCard', card, summary: shorten(summary) };
}

export function renderReport(report: Report, delivery: Delivery): CardMessageReply {
  const card = renderCard('progressReport', {
    title: report.title,
    subtitle: report.subtitle,
    speak: `${report.title}. ${report.subtitle}`,
    hasNotice: report.notice !== undefined,
    notice: report.notice ?? '',
    sections: report.sections.map((section) => ({
      heading: section.heading,
      hasIntro: Boolean(section.intro),
      intro: section.intro ?? '',
      rows: section.rows.map((row) => ({
        label: row.label,
        hasValue: Boolean(row.value),
        value: row.value ?? '',
        hasDetail: Boolean(row.detail),
        detail: row.detail ?? '',
        hasOpen: row.open !== undefined,
        open: row.open ?? {},
      })),
    })),
    footnote: report.footnote,
    buttons: report.buttons,
  });
  return reply(card, report.summary, delivery);
}
