import { citationLabel } from '../domain/format-citation.js';
import type { Answer, Citation } from '../domain/types.js';

/**
 * "Ségur — avancement, déc. 2020, p. 14 › Pilier 4 — file, lignes 12–14" (the quote's own lines),
 * then the link when there is one.
 */
function place(c: Citation): string {
  const [from, to] = c.focus ?? c.lines;
  const link = c.link ? ` · ${c.link}` : '';
  return `${[citationLabel(c), c.section].filter(Boolean).join(' › ')} — ${c.source}, ${from === to ? `ligne ${from}` : `lignes ${from}–${to}`}${link}`;
}

/** An answer for a terminal: the text, numbered sources with their place (date, page) and link, then related passages. */
export function renderAnswerText(answer: Answer): string {
  const out = [answer.text];
  const quoted = answer.citations.filter((c) => c.quoted);
  const related = answer.citations.filter((c) => !c.quoted);
  if (quoted.length > 0) {
    out.push('', 'Sources :');
    quoted.forEach((c, i) => out.push(`[${i + 1}] ${place(c)}`));
  }
  if (related.length > 0) {
    out.push('', 'Voir aussi :');
    related.forEach((c, i) => out.push(`[${quoted.length + i + 1}] ${place(c)}`));
  }
  if (answer.suggestions.length > 0) {
    out.push('', 'Sources les plus proches :');
    for (const s of answer.suggestions) out.push(`• ${place(s)}`);
  }
  return out.join('\n');
}
