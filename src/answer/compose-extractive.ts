import type { Answer, Citation } from '../domain/types.js';
import type { AnalyzedQuery } from '../search/analyze-query.js';
import type { PassageHit, PassageIndex } from '../search/passage-index.js';
import type { ScoredUnit } from './select-evidence.js';
import { checkSupport } from './check-support.js';
import { isUpdate, newerFirst } from './newer-first.js';
import { quoteOccursIn } from './verify-quote.js';

/** A fact taken from a tracked record (measure database) — already verbatim and cited. */
export interface RecordFact {
  /** "Fin de projet : 2022" — the direct one-line answer. */
  line: string;
  citation: Citation;
}

export const DECLINE_FR = "Je n'ai pas trouvé cela dans les documents indexés.";
export const DECLINE_EN = "I could not find this in the indexed documents.";

/**
 * Weak evidence: the best sentence covers under 30 % of the question's weighted words and the best
 * passage scores under 5 (BM25F units). Calibrated on the dev question set: together they mark a
 * question the documents only brush against; either alone also catches answerable ones.
 */
export const THRESHOLDS = { coverage: 0.3, passageScore: 5 };

export function toCitation(index: PassageIndex, unit: { source: string; lines: [number, number]; text: string; section: string }): Citation {
  const title = index.titles.get(unit.source) ?? unit.source;
  // Passage sections start with the document's short title: a citation names it once.
  const section = unit.section.startsWith(`${title} › `) ? unit.section.slice(title.length + 3) : unit.section === title ? '' : unit.section;
  return { source: unit.source, lines: unit.lines, title, section, quote: unit.text };
}

/**
 * The offline answer: a direct line from a tracked record when the question asks for a date, a
 * pilot, a status or a deliverable, then the best one to three sentences quoted verbatim (with
 * `dateOf`, a newer document's quote first when it answers about as well). Every quote is
 * re-checked against its cited lines; one that fails is dropped, never output.
 */
export function composeExtractive(
  index: PassageIndex,
  query: AnalyzedQuery,
  units: readonly ScoredUnit[],
  hits: readonly PassageHit[],
  facts: readonly RecordFact[] = [],
  dateOf?: (source: string) => string | null | undefined,
): Answer {
  const best = units[0];
  const weak = best === undefined || (best.coverage < THRESHOLDS.coverage && (hits[0]?.score ?? 0) < THRESHOLDS.passageScore);
  const supported = facts.length > 0 || !weak;
  if (!supported) return decline(index, query, hits);

  const citations: Citation[] = [];
  const lines: string[] = [];
  const cite = (c: Citation) => {
    const at = citations.findIndex((x) => x.source === c.source && x.lines[0] === c.lines[0] && x.lines[1] === c.lines[1]);
    if (at >= 0) return at + 1;
    citations.push(c);
    return citations.length;
  };
  for (const fact of facts.slice(0, 2)) {
    const rawLines = index.lines.get(fact.citation.source);
    if (!rawLines || !quoteOccursIn(fact.citation.quote, rawLines, fact.citation.lines)) continue;
    lines.push(`${fact.line} [${cite(fact.citation)}]`);
  }
  const chosen: ScoredUnit[] = [];
  for (const candidate of units) {
    if (chosen.length >= 3 - Math.min(1, lines.length)) break;
    if (best && candidate.score < best.score * 0.6) break;
    const unit = firstPrinting(candidate, units);
    if (chosen.some((c) => c.source === unit.source && c.lines[0] <= unit.lines[1] && unit.lines[0] <= c.lines[1])) continue;
    // The same sentence printed twice (a title and its line in a summary table) is quoted once.
    // …unless another document of another date updates its figures: then both are shown.
    if (chosen.some((c) => nearDuplicate(c.stems, unit.stems) && !isUpdate(c, unit, dateOf))) continue;
    const rawLines = index.lines.get(unit.source);
    if (!rawLines || !quoteOccursIn(unit.text, rawLines, unit.lines)) continue;
    chosen.push(unit);
  }
  const needsCue = query.intent === 'when' || query.intent === 'quantity' || query.intent === 'who' || query.intent === 'status';
  for (const unit of dateOf ? newerFirst(chosen, dateOf) : chosen) {
    // A heading or label rarely holds the answer itself: the line after it does ("Calendrier" → "PLFSS 2019").
    const quoted =
      query.intent === 'list' && /:\s*$/.test(unit.text)
        ? withListItems(index, unit)
        : needsCue && !unit.cue && unit.next?.cue
          ? joinUnits(index, unit, unit.next)
          : unit;
    lines.push(`« ${quoted.text} » [${cite(toCitation(index, quoted))}]`);
  }
  if (lines.length === 0) return decline(index, query, hits);
  const evidence = [...citations.map((c) => c.quote), ...chosen.map((u) => u.section)];
  if (!checkSupport(index, query, evidence).supported) return decline(index, query, hits);
  const lead = query.english ? 'According to the documents:' : 'D’après les documents :';
  return { answered: true, text: `${lead}\n${lines.join('\n')}`, citations, suggestions: [], mode: 'extractive' };
}

/** Two consecutive units as one quote, when the joined text still occurs verbatim in the joined lines. */
function joinUnits(index: PassageIndex, a: ScoredUnit, b: ScoredUnit): ScoredUnit {
  if (b.source !== a.source || b.lines[0] <= a.lines[1] - 1 || b.lines[0] - a.lines[1] > 3) return a;
  const joined = { ...a, text: `${a.text} ${b.text}`, lines: [a.lines[0], b.lines[1]] as [number, number] };
  const rawLines = index.lines.get(a.source);
  return rawLines && quoteOccursIn(joined.text, rawLines, joined.lines) ? joined : a;
}

/**
 * A sentence a document prints twice (slides repeated with "1/2", "2/2") is cited where it first
 * appears, when that printing scores about as well.
 */
function firstPrinting(unit: ScoredUnit, units: readonly ScoredUnit[]): ScoredUnit {
  let first = unit;
  for (const other of units) {
    if (other.score < unit.score * 0.9) break;
    if (other.source === first.source && other.lines[0] < first.lines[0] && nearDuplicate(other.stems, first.stems)) first = other;
  }
  return first;
}

/** "3 conditions … :" and the bullets that follow it, as one quote (at most five items). */
function withListItems(index: PassageIndex, intro: ScoredUnit): ScoredUnit {
  let quoted = intro;
  let item = intro.next;
  for (let n = 0; item && n < 5; n++, item = item.next) {
    const joined = joinUnits(index, quoted, item);
    if (joined === quoted) break;
    quoted = { ...joined, next: item.next };
  }
  return quoted;
}

function nearDuplicate(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size === 0) return false;
  let shared = 0;
  for (const s of small) if (large.has(s)) shared++;
  return shared / small.size >= 0.8;
}

/** The honest "not found", with the closest passages so the reader can look for themself. */
export function decline(index: PassageIndex, query: AnalyzedQuery, hits: readonly PassageHit[]): Answer {
  const suggestions = hits.slice(0, 3).map((h) => {
    const text = h.passage.text.split(/\s+/).slice(0, 30).join(' ');
    return { ...toCitation(index, { ...h.passage, text }), quote: text };
  });
  return { answered: false, text: query.english ? DECLINE_EN : DECLINE_FR, citations: [], suggestions, mode: 'extractive' };
}
