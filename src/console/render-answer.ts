import type { Answer, Citation } from '../domain/types.js';

const place = (c: Citation) => {
  const [from, to] = c.focus ?? c.lines;
  return `${[c.title, c.section].filter(Boolean).join(' › ')} — ${c.source}, ${from === to ? `ligne ${from}` : `lignes ${from}–${to}`}`;
};

/** An answer for a terminal: the text, then numbered sources with their place, then related passages. */
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
