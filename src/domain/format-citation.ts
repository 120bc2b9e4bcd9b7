import { MONTH_ABBREVIATIONS_FR } from './months.js';

/**
 * A document's date as citations show it: "2020-12" → "déc. 2020", "2020" → "2020"; a day, when
 * given, is not shown (documents are dated to the month). Null for no date.
 */
export function formatDocumentDate(date: string | null | undefined): string | null {
  const m = /^(\d{4})(?:-(\d{2}))?/.exec(date ?? '');
  if (!m) return null;
  const month = m[2] ? MONTH_ABBREVIATIONS_FR[Number(m[2]) - 1] : undefined;
  return month ? `${month} ${m[1]}` : m[1]!;
}

/**
 * How a citation names its place before the section: "Ségur — avancement, déc. 2020, p. 14" — the
 * document, its date when known, the page where the source has pages.
 */
export function citationLabel(c: { title: string; date?: string | null; page?: number | null }): string {
  return [c.title, formatDocumentDate(c.date), c.page ? `p. ${c.page}` : null].filter(Boolean).join(', ');
}
