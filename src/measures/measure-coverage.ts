import type { MeasureKnowledge } from '../knowledge/load-measure-files.js';

/**
 * Coverage of the tracking documents by the measure database: which content lines of each
 * document (table rows, measure pages) a record cites. A line is covered when it lies within the
 * cited lines of a record (measure, milestone, or the pages of a chantier or pilier) and that
 * record's verbatim fields hold its text: the whole line, or pieces of it (a row's cells, a cell
 * that wraps onto the next line), for at least COVERED_SHARE of its letters and digits. Empty
 * lines, page furniture (rules of knowledge/coverage.yml: running titles, repeated column
 * headers) and lines left out on purpose (listed there with the reason) are not content. Pure.
 */

/** Share of a line's letters and digits that records must hold for it to count as covered. */
export const COVERED_SHARE = 0.9;
/** Shortest piece of a cell that wraps across lines recognised at a line's start or end. */
const MIN_PIECE = 6;

export interface CoverageRules {
  file: string;
  furniture: { pattern: string; reason: string }[];
  omitted: { lines: [number, number]; reason: string }[];
}

export interface DocumentCoverage {
  file: string;
  /** Lines of the document with a letter or a digit. */
  lines: number;
  furniture: number;
  omitted: number;
  content: number;
  covered: number;
  /** covered / content (1 when there is no content). */
  ratio: number;
  uncovered: { line: number; text: string; share: number }[];
}

/** A record's span of lines and the verbatim values it holds. */
interface CitedValues {
  lines: [number, number];
  values: string[];
}

/** Letters and digits only, lower case: what coverage compares (punctuation, bullets, spaces and ^{…} markup aside). */
export const squash = (text: string): string =>
  text
    .replace(/\^\{([^}]*)\}/g, '$1')
    .replace(/<\/?[a-z]+[^>]*>/gi, ' ')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');

/** The records of one document with their verbatim values; a group spans its pages until the next group. */
export function citedValues(knowledge: MeasureKnowledge, file: string, lineCount: number): CitedValues[] {
  const programmes = new Set(knowledge.programmes.filter((p) => p.source === file).map((p) => p.id));
  const out: CitedValues[] = [];
  const groups = knowledge.files.filter((f) => programmes.has(f.data.programme)).flatMap((f) => f.data.groups);
  const starts = groups.map((g) => g.lines[0]).sort((a, b) => a - b);
  for (const g of groups) {
    const next = starts.find((s) => s > g.lines[0]) ?? lineCount + 1;
    out.push({ lines: [g.lines[0], Math.max(g.lines[1], next - 1)], values: [g.title, ...g.pilots, ...(g.steering ? [g.steering] : [])] });
    for (const p of g.printedAs) out.push({ lines: p.lines, values: [p.text] });
  }
  for (const f of knowledge.files) {
    if (!programmes.has(f.data.programme)) continue;
    for (const m of f.data.measures) {
      const fields = [m.title, m.description, m.pilotsText, m.arrangements, m.start, m.end, m.legalVehicle, m.financialStakes, m.statusText, ...m.pilots, ...m.deliverables];
      const milestones = m.milestones.flatMap((ms) => [ms.label, ms.text]);
      out.push({ lines: m.lines, values: [...fields, ...milestones].filter((v): v is string => v !== undefined) });
      for (const ms of m.milestones) out.push({ lines: ms.lines, values: [ms.label, ms.text].filter((v): v is string => v !== undefined) });
      for (const p of m.printedAs) out.push({ lines: p.lines, values: [p.text] });
    }
  }
  return out;
}

/** How much of a squashed line the values hold: the whole line, pieces inside it, or pieces wrapping at its ends. */
export function coveredShare(line: string, values: readonly string[]): number {
  if (!line) return 1;
  const marks = new Uint8Array(line.length);
  for (const value of values) {
    if (!value) continue;
    if (value.includes(line)) return 1;
    for (let at = line.indexOf(value); at >= 0; at = line.indexOf(value, at + 1)) marks.fill(1, at, at + value.length);
    // A cell that starts on this line and goes on below, or that began above and ends here.
    for (let n = Math.min(value.length, line.length) - 1; n >= MIN_PIECE; n--) {
      if (line.endsWith(value.slice(0, n))) {
        marks.fill(1, line.length - n);
        break;
      }
    }
    for (let n = Math.min(value.length, line.length) - 1; n >= MIN_PIECE; n--) {
      if (line.startsWith(value.slice(value.length - n))) {
        marks.fill(1, 0, n);
        break;
      }
    }
  }
  let covered = 0;
  for (const m of marks) covered += m;
  return covered / line.length;
}

/** Coverage of one tracking document. */
export function documentCoverage(file: string, text: string, knowledge: MeasureKnowledge, rules: CoverageRules | undefined): DocumentCoverage {
  const lines = text.split('\n');
  const furniture = (rules?.furniture ?? []).map((f) => new RegExp(f.pattern, 'u'));
  const omitted = rules?.omitted ?? [];
  const records = citedValues(knowledge, file, lines.length).map((r) => ({ lines: r.lines, values: r.values.map(squash) }));
  const report: DocumentCoverage = { file, lines: 0, furniture: 0, omitted: 0, content: 0, covered: 0, ratio: 1, uncovered: [] };
  lines.forEach((raw, i) => {
    const n = i + 1;
    const line = raw.replace(/\s+/g, ' ').trim();
    const squashed = squash(line);
    // A line with no letter or digit (a lone bullet, a rule) holds nothing to cite.
    if (!squashed) return;
    report.lines++;
    if (furniture.some((re) => re.test(line))) return void report.furniture++;
    if (omitted.some((o) => n >= o.lines[0] && n <= o.lines[1])) return void report.omitted++;
    report.content++;
    const values = records.filter((r) => n >= r.lines[0] && n <= r.lines[1]).flatMap((r) => r.values);
    const share = coveredShare(squashed, values);
    if (share >= COVERED_SHARE) report.covered++;
    else report.uncovered.push({ line: n, text: line, share });
  });
  report.ratio = report.content === 0 ? 1 : report.covered / report.content;
  return report;
}
