import { cleanLine, joinLines } from './clean-line.js';
import { detectHeading, isShouting, sentenceCase } from './detect-heading.js';
import { splitUnits, type LineEntry, type Unit } from './split-units.js';

export interface Passage {
  source: string;
  /** 1-based inclusive range of the seed lines the text is taken from. */
  lines: [number, number];
  /** Heading path from the document's own structure, joined with " › ". */
  section: string;
  text: string;
  /** Its sentences and bullets, in order; together they hold all of the passage's words. */
  units: PassageUnit[];
}

export interface PassageUnit extends Unit {
  /** Starts on a heading line ("Mesure 6 : …"): it names a topic rather than answering. */
  heading: boolean;
}

export interface PassageOptions {
  /** Passages grow paragraph by paragraph up to about this many words… */
  targetWords?: number;
  /** …and are cut at a line boundary beyond this. */
  maxWords?: number;
  /** Acronyms that keep their capitals when a shouted heading is sentence-cased. */
  acronyms?: ReadonlySet<string>;
}

const countWords = (s: string) => (s.match(/\S+/g) ?? []).length;

/**
 * Lines repeated on many pages (column headers, running titles, chantier banners) are page furniture:
 * only their first occurrence stays in passage text (it may be the one a question is about), the
 * repeats are dropped so they neither bloat passages nor win every search. Returns the line indexes
 * to drop.
 */
function findFurniture(cleaned: readonly string[]): Set<number> {
  const counts = new Map<string, number>();
  for (const line of cleaned) if (line) counts.set(line, (counts.get(line) ?? 0) + 1);
  const seen = new Set<string>();
  const drop = new Set<number>();
  cleaned.forEach((line, i) => {
    if (!line) return;
    if (/^\d{1,3}$/.test(line)) drop.add(i);
    else if ((counts.get(line) ?? 0) >= 3 && countWords(line) >= 3 && !/\d{4}/.test(line)) {
      if (seen.has(line)) drop.add(i);
      seen.add(line);
    }
  });
  return drop;
}

/**
 * Splits one document into citable passages that never cross a section: paragraphs are grouped up
 * to `targetWords`, long paragraphs are cut at line boundaries, and a short tail joins its
 * predecessor. Every passage's text derives from exactly its line range.
 */
export function buildPassages(source: string, title: string, content: string, options: PassageOptions = {}): Passage[] {
  const target = options.targetWords ?? 90;
  const max = options.maxWords ?? 180;
  const raw = content.split('\n');
  const cleaned = raw.map(cleanLine);
  const furniture = findFurniture(cleaned);

  const passages: Passage[] = [];
  let level1 = '';
  let level2 = '';
  // Blank lines stay in the chunk (text ''): sentence splitting reads paragraph breaks from them.
  let chunk: LineEntry[] = [];
  const headingLines = new Set<number>();

  const section = () => [title, level1, level2].filter(Boolean).join(' › ');
  const flush = () => {
    while (chunk.length > 0 && !chunk.at(-1)!.text) chunk.pop();
    if (chunk.length === 0) return;
    const text = joinLines(chunk.map((c) => c.text));
    const units = splitUnits(chunk).map((u) => ({ ...u, heading: headingLines.has(u.lines[0]) }));
    const passage: Passage = { source, lines: [chunk[0]!.line, chunk.at(-1)!.line], section: section(), text, units };
    chunk = [];
    const previous = passages.at(-1);
    if (
      previous &&
      previous.section === passage.section &&
      countWords(passage.text) < 40 &&
      countWords(previous.text) + countWords(passage.text) <= max + 40
    ) {
      previous.lines[1] = passage.lines[1];
      previous.text = `${previous.text} ${passage.text}`;
      previous.units.push(...passage.units);
    } else {
      passages.push(passage);
    }
  };

  let words = 0;
  for (let i = 0; i < raw.length; i++) {
    const line = cleaned[i]!;
    const heading = line ? detectHeading(raw[i]!, line, options.acronyms) : null;
    if (heading) {
      // A shouted title wrapped over two lines: the next line continues it.
      let label = heading.label;
      const next = cleaned[i + 1] ?? '';
      if (heading.level === 1 && isShouting(next) && /\p{L}{5}/u.test(next) && !detectHeading(raw[i + 1]!, next, options.acronyms)) {
        label = `${label} ${sentenceCase(next, options.acronyms).replace(/^\p{Lu}/u, (c) => c.toLocaleLowerCase('fr'))}`;
        i++;
      }
      const changes = heading.level === 1 ? label !== level1 || level2 !== '' : label !== level2;
      if (changes) {
        flush();
        words = 0;
        if (heading.level === 1) {
          level1 = label;
          level2 = '';
        } else {
          level2 = label;
        }
      }
      if (heading.level === 1 || furniture.has(i)) continue;
      headingLines.add(i + 1);
    }
    if (!line || furniture.has(i)) {
      if (!line && words >= target) {
        flush();
        words = 0;
      } else if (!line && chunk.length > 0) {
        chunk.push({ line: i + 1, text: '' });
      }
      continue;
    }
    const n = countWords(line);
    if (words > 0 && words + n > max) {
      flush();
      words = 0;
    }
    chunk.push({ line: i + 1, text: line });
    words += n;
  }
  flush();
  return passages;
}
