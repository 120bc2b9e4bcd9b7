import type { Answer } from '../domain/types.js';

/** An answer for a terminal: the text, then numbered sources with their place and quote. */
export function renderAnswerText(answer: Answer): string {
  const out = [answer.text];
  if (answer.citations.length > 0) {
    out.push('', 'Sources :');
    answer.citations.forEach((c, i) => out.push(`[${i + 1}] ${c.title} › ${c.section} — ${c.source}, lignes ${c.lines[0]}–${c.lines[1]}`));
  }
  if (answer.suggestions.length > 0) {
    out.push('', 'Sources les plus proches :');
    for (const s of answer.suggestions) out.push(`• ${s.title} › ${s.section} — ${s.source}, lignes ${s.lines[0]}–${s.lines[1]}`);
  }
  return out.join('\n');
}
