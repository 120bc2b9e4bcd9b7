import { joinLines } from './clean-line.js';

/** One line of a passage as indexed: its 1-based number and cleaned text ('' for a blank line). */
export interface LineEntry {
  line: number;
  text: string;
}

/** A quotable piece of a passage — a sentence or a bullet — with the exact lines it comes from. */
export interface Unit {
  lines: [number, number];
  text: string;
}

/** A line that opens a bullet point. */
const BULLET = /^[•●○◦▪■\-–—➢►✓]\s*/u;
/** Whether a sentence or line is a bullet point. */
export const isBullet = (text: string): boolean => BULLET.test(text);
const MAX_UNIT_WORDS = 60;

/**
 * Splits a passage's lines into sentences and bullets. Lines of one paragraph are joined (undoing
 * hyphenation); a bullet or a blank line starts a new unit; sentence ends split inside a paragraph.
 * Each unit remembers the first and last line it draws from, so its citation is exact.
 */
export function splitUnits(entries: readonly LineEntry[]): Unit[] {
  const units: Unit[] = [];
  let buffer: LineEntry[] = [];
  const flushBuffer = () => {
    if (buffer.length === 0) return;
    units.push(...splitSentences(buffer));
    buffer = [];
  };
  entries.forEach(({ text }, i) => {
    if (!text) {
      // Some extractions put a blank line between every wrapped line: a sentence left open
      // ("… et donc de la" / "sécurité sanitaire …") continues past it.
      const last = buffer.at(-1)?.text ?? '';
      const next = entries.slice(i + 1, i + 3).find((e) => e.text)?.text ?? '';
      if (last && next && !/[.!?:;»)]$/.test(last) && /^\p{Ll}/u.test(next)) return;
      flushBuffer();
      return;
    }
    if (isBullet(text)) flushBuffer();
    buffer.push(entries[i]!);
  });
  flushBuffer();
  return units.filter((u) => /\p{L}{2}|\d/u.test(u.text));
}

/** Splits a paragraph at sentence ends, tracking which line each sentence starts and ends on. */
function splitSentences(parts: readonly LineEntry[]): Unit[] {
  const out: Unit[] = [];
  let current: LineEntry[] = [];
  const emit = () => {
    if (current.length === 0) return;
    const text = joinLines(current.map((c) => c.text)).trim();
    if (text) out.push({ lines: [current[0]!.line, current.at(-1)!.line], text });
    current = [];
  };
  for (const part of parts) {
    // Sentence boundaries inside the line: ". Capital" / "? " / "! ".
    // …but not after an abbreviation ("confiée au Pr. Claris", "cf. annexe").
    const pieces = part.text.split(/(?<![\s(](?:Pr|Dr|M|Mme|Mr|St|art|cf|n°|p|vol|etc)\.)(?<=[.!?;])\s+(?=[«"(\p{Lu}•])/u);
    pieces.forEach((piece, i) => {
      current.push({ line: part.line, text: piece });
      const words = current.reduce((n, c) => n + c.text.split(/\s+/).length, 0);
      if (i < pieces.length - 1 || words >= MAX_UNIT_WORDS) emit();
    });
  }
  emit();
  return out;
}
