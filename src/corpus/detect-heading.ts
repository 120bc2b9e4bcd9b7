/** A heading found in a document's own text: level 1 (chantier, pilier, part) or 2 (measure, proposal). */
export interface Heading {
  level: 1 | 2;
  label: string;
}

const letters = (s: string) => s.match(/\p{L}/gu) ?? [];
export const isShouting = (s: string) => {
  const all = letters(s);
  return all.length >= 10 && all.filter((c) => c === c.toUpperCase()).length / all.length >= 0.85;
};

/**
 * "URGENCES ET SOINS NON-PROGRAMMÉS" → "Urgences et soins non-programmés". Acronyms keep their
 * capitals: those of the glossary, and any all-capital word without a vowel (GHT, SNP).
 */
export function sentenceCase(text: string, acronyms: ReadonlySet<string> = new Set()): string {
  if (!isShouting(text)) return text;
  const lower = text.toLocaleLowerCase('fr');
  const restored = lower.replace(/\p{L}+/gu, (word, offset: number) => {
    const original = text.slice(offset, offset + word.length);
    const acronym = /^[A-Z]{2,}$/.test(original) && (acronyms.has(original) || !/[AEIOUY]/.test(original));
    return acronym ? original : word;
  });
  return restored.charAt(0).toLocaleUpperCase('fr') + restored.slice(1);
}

/**
 * Recognises the structure markers the reform documents use — markdown titles, "CHANTIER 3 > …",
 * "Pilier 4 : …", "3. DÉCLOISONNER …", "Mesure 6 : …", "Proposition n°16 : …", footnote markers
 * ("ii") and shouted slide titles
 * that open a page (a leading space in the extraction) — so that any new document written the same
 * way gets heading paths without configuration.
 */
export function detectHeading(rawLine: string, cleaned: string, acronyms: ReadonlySet<string> = new Set()): Heading | null {
  // Markdown marks are read on the raw line: cleaning strips them so quotes never show them.
  let m = /^\s*(#{1,2})\s+\S/.exec(rawLine);
  if (m) return { level: m[1]!.length as 1 | 2, label: cleaned };
  m = /^CHANTIER\s+(\d+)\s*>\s*(.+)$/i.exec(cleaned);
  if (m) return { level: 1, label: `Chantier ${m[1]} › ${sentenceCase(m[2]!, acronyms)}` };
  m = /^Pilier\s+(\d+)\s*:/i.exec(cleaned);
  if (m) return { level: 1, label: `Pilier ${m[1]}` };
  m = /^(\d{1,2})\.\s+(\p{Lu}.+)$/u.exec(cleaned);
  if (m && isShouting(m[2]!)) return { level: 1, label: `${m[1]}. ${sentenceCase(m[2]!.replace(/[…. ]+$/u, ''), acronyms)}` };
  m = /^Mesure\s+(\d+)\s*:\s*(.+)$/i.exec(cleaned);
  if (m) return { level: 2, label: `Mesure ${m[1]}` };
  m = /^Proposition\s+n°\s*(\d+)\b/i.exec(cleaned);
  if (m) return { level: 2, label: `Proposition n°${m[1]}` };
  // A lone lower-case roman numeral is a footnote's marker (page numbers are arabic).
  m = /^([ivx]{1,5})$/.exec(cleaned);
  if (m) return { level: 2, label: `Note ${m[1]}` };
  if (/^ \S/.test(rawLine) && isShouting(cleaned) && !/^[•●○◦\-–]/u.test(cleaned)) {
    return { level: 1, label: sentenceCase(cleaned, acronyms) };
  }
  return null;
}
