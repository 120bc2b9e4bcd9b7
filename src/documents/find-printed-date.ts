import { foldText } from '../search/normalize.js';

const MONTHS: [RegExp, number][] = [
  [/^janv(ier|\.)?$|^january$|^jan\.?$/, 1],
  [/^f[e]vr(ier|\.)?$|^february$|^feb\.?$/, 2],
  [/^mars$|^march$|^mar\.?$/, 3],
  [/^avr(il|\.)?$|^april$|^apr\.?$/, 4],
  [/^mai$|^may$/, 5],
  [/^juin$|^june$|^jun\.?$/, 6],
  [/^juil(let|\.)?$|^july$|^jul\.?$/, 7],
  [/^aout$|^august$|^aug\.?$/, 8],
  [/^sept(embre|\.)?$|^september$|^sep\.?$/, 9],
  [/^oct(obre|\.)?$|^october$/, 10],
  [/^nov(embre|\.)?$|^november$/, 11],
  [/^d[e]c(embre|\.)?$|^december$/, 12],
];

const monthOf = (word: string): number | null => MONTHS.find(([pattern]) => pattern.test(word))?.[1] ?? null;

/**
 * The first month and year printed in `lines` ("Septembre 2019", "| DÉCEMBRE 2020", "le 9 déc. 2020",
 * "March 2021") as "YYYY-MM"; null when none. Callers pass a document's first page: a title page
 * prints the document's date before any date the text talks about.
 */
export function findPrintedDate(lines: readonly string[]): string | null {
  for (const line of lines) {
    const folded = foldText(line);
    for (const m of folded.matchAll(/([a-z]{3,9}\.?)\s+((?:19|20)\d\d)\b/g)) {
      const month = monthOf(m[1]!);
      if (month) return `${m[2]}-${String(month).padStart(2, '0')}`;
    }
  }
  return null;
}
