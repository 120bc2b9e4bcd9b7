import { cleanLine, joinLines } from '../corpus/clean-line.js';

/** A quotable piece of a passage — a sentence or a bullet — with the exact lines it comes from. */
export interface Unit {
  source: string;
  lines: [number, number];
  text: string;
}

const BULLET = /^[•●○◦▪■\-–—➢►✓]\s*/u;
const MAX_UNIT_WORDS = 60;

/**
 * Splits seed lines [from, to] into sentences and bullets. Lines of one paragraph are joined (undoing
 * hyphenation); a bullet or a blank line starts a new unit; sentence ends split inside a paragraph.
 * Each unit remembers the first and last line it draws from, so its citation is exact.
 */
export function splitUnits(source: string, rawLines: readonly string[], from: number, to: number): Unit[] {
  const units: Unit[] = [];
  let buffer: { line: number; text: string }[] = [];
  const flushBuffer = () => {
    if (buffer.length === 0) return;
    units.push(...splitSentences(source, buffer));
    buffer = [];
  };
  for (let n = from; n <= to; n++) {
    const text = cleanLine(rawLines[n - 1] ?? '');
    if (!text) {
      // Some extractions put a blank line between every wrapped line: a sentence left open
      // ("… et donc de la" / "sécurité sanitaire …") continues past it.
      const last = buffer.at(-1)?.text ?? '';
      const next = nextText(rawLines, n + 1, to);
      if (last && next && !/[.!?:;»)]$/.test(last) && /^\p{Ll}/u.test(next)) continue;
      flushBuffer();
      continue;
    }
    if (BULLET.test(text)) flushBuffer();
    buffer.push({ line: n, text });
  }
  flushBuffer();
  return units.filter((u) => /\p{L}{2}|\d/u.test(u.text));
}

function nextText(rawLines: readonly string[], from: number, to: number): string {
  for (let n = from; n <= Math.min(to, from + 2); n++) {
    const text = cleanLine(rawLines[n - 1] ?? '');
    if (text) return text;
  }
  return '';
}

/** Splits a paragraph at sentence ends, tracking which line each sentence starts and ends on. */
function splitSentences(source: string, parts: { line: number; text: string }[]): Unit[] {
  const out: Unit[] = [];
  let current: { line: number; text: string }[] = [];
  const emit = () => {
    if (current.length === 0) return;
    const text = joinLines(current.map((c) => c.text)).trim();
    if (text) out.push({ source, lines: [current[0]!.line, current.at(-1)!.line], text });
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
