/**
 * Removes PDF-extraction artefacts from one line: `^{er}` superscripts, `<p>` table cells,
 * private-use bullet glyphs (U+F0E8…), markdown heading marks and emphasis, repeated blanks.
 */
export function cleanLine(line: string): string {
  return line
    .replace(/^\s*#{1,6}\s+/, '')
    .replace(/\^\{([^}]*)\}/g, '$1')
    .replace(/<\/?[a-z]+[^>]*>/gi, ' ')
    .replace(/[\uf000-\uf8ff]/g, '•')
    .replace(/\*([^*\n]+)\*/g, '$1')
    .replace(/[\u00a0\u202f\t]/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/**
 * Joins cleaned lines into running text, undoing end-of-line hyphenation ("mé-" + "decine") but
 * keeping real compound hyphens before a capital ("Varroud-" + "Vial").
 */
export function joinLines(lines: readonly string[]): string {
  let out = '';
  for (const line of lines) {
    if (line === '') continue;
    if (out === '') out = line;
    else if (/\p{Ll}-$/u.test(out) && /^\p{Ll}/u.test(line)) out = out.slice(0, -1) + line;
    else if (/-$/.test(out)) out += line;
    else out += ` ${line}`;
  }
  return out;
}
