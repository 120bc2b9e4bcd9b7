import { citationLabel } from '../domain/format-citation.js';
import type { Answer, Citation } from '../domain/types.js';

/** "Ségur — avancement, déc. 2020, p. 14 › Pilier 4 — file, lignes 12–14", then the link when there is one. */
function place(c: Citation): string {
  const link = c.link ? ` · ${c.link}` : '';
  return `${citationLabel(c)} › ${c.section} — ${c.source}, lignes ${c.lines[0]}–${c.lines[1]}${link}`;
}

/** An answer for a terminal: the text, then numbered sources with their place (date, page) and link. */
export function renderAnswerText(answer: Answer): string {
  const out = [answer.text];
  if (answer.citations.length > 0) {
    out.push('', 'Sources :');
    answer.citations.forEach((c, i) => out.push(`[${i + 1}] ${place(c)}`));
  }
  if (answer.suggestions.length > 0) {
    out.push('', 'Sources les plus proches :');
    for (const s of answer.suggestions) out.push(`• ${place(s)}`);
  }
  return out.join('\n');
}
