import type { AnalyzedQuery, Intent } from '../search/analyze-query.js';
import { foldText, stemText } from '../search/normalize.js';
import { idf, type PassageHit, type PassageIndex } from '../search/passage-index.js';
import { detectHeading } from '../corpus/detect-heading.js';
import { splitUnits, type Unit } from './split-units.js';

export interface ScoredUnit extends Unit {
  section: string;
  score: number;
  /** Share of the question's weighted words the unit (with its passage's heading) contains. */
  coverage: number;
  /** Holds the kind of answer asked for (a date for "quand", a number for "combien"…). */
  cue: boolean;
  /** The unit that follows in the same passage: where a heading's answer usually is. */
  next: ScoredUnit | undefined;
  /** Its stems, to tell near-duplicates apart (a title repeated in a summary table). */
  stems: Set<string>;
}

const MONTHS = 'janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|janv|fevr|sept|oct|nov|dec';
const DATE_CUE = new RegExp(`\\b(${MONTHS}|20[12]\\d|19/\\d\\d|t[1-4]|s[12]|semestre|trimestre|rentree|fin|debut|ete|automne|hiver|printemps)\\b`);
const QUANTITY_CUE = /\d|\b(million|milliard|md|mds|euro|euros|€|%|pour cent)\b/;
const WHO_CUE = /\b(dgos|dgs|dss|dgcs|cnam|has|ars|drees|anap|atih|sgmas|dgesip|dns|delegation|mission|ministere|directeur|directrice|cheffe?|pilot\w*|\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+)\b/u;
const STATUS_CUE = /\b(publie|publiee|adopte|adoptee|signe|en cours|engage|engagee|lance|lancee|installe|finalise|stabilise|obtenu|arbitrage|plfss|ppl|decret|arrete|instruction|vote)\w*\b/;

function intentCue(intent: Intent, folded: string, original: string): number {
  switch (intent) {
    case 'when':
      return DATE_CUE.test(folded) ? 1 : 0;
    case 'quantity':
      return QUANTITY_CUE.test(folded) ? 1 : 0;
    case 'who':
      return WHO_CUE.test(folded) || WHO_CUE.test(original) ? 1 : 0;
    case 'status':
      return STATUS_CUE.test(folded) ? 1 : 0;
    default:
      return 0;
  }
}

interface PreparedUnit {
  unit: Unit;
  /** A heading ("Mesure 6 : Fusionner…") names a topic; the answer is in what follows it. */
  heading: boolean;
  stems: Set<string>;
  /** " stem stem … " in text order, for word-pair look-ups. */
  sequence: string;
  key: string;
  folded: string;
}
const unitCache = new WeakMap<PassageIndex, Map<number, PreparedUnit[]>>();

/** A passage's units with their stems, computed once per process: passages do not change. */
function unitsOf(index: PassageIndex, hit: PassageHit): PreparedUnit[] {
  let cache = unitCache.get(index);
  if (!cache) unitCache.set(index, (cache = new Map()));
  let units = cache.get(hit.passage.id);
  if (!units) {
    const lines = index.lines.get(hit.passage.source) ?? [];
    units = splitUnits(hit.passage.source, lines, hit.passage.lines[0], hit.passage.lines[1]).map((unit) => {
      const stemmed = stemText(unit.text);
      const folded = foldText(unit.text);
      return {
        unit,
        heading: detectHeading(lines[unit.lines[0] - 1] ?? '', unit.text) !== null,
        stems: new Set(stemmed.split(' ')),
        sequence: ` ${stemmed} `,
        folded,
        key: folded.replace(/\W+/g, ''),
      };
    });
    cache.set(hit.passage.id, units);
  }
  return units;
}

/**
 * Splits and stems every passage's units ahead of the first question (about 100 ms for the shipped
 * corpus), so the first answers are as fast as the later ones.
 */
export function warmEvidence(index: PassageIndex): void {
  for (const stats of index.byId.values()) unitsOf(index, { passage: stats.passage, score: 0 });
}

/**
 * Scores every sentence or bullet of the best passages against the question: weighted coverage of
 * its words (each of the user's words counted once, expansions included), a cue that the unit holds
 * the kind of answer asked for (a date for "quand", a number for "combien"…), and the passage's rank.
 */
export function selectEvidence(index: PassageIndex, query: AnalyzedQuery, hits: readonly PassageHit[]): ScoredUnit[] {
  if (hits.length === 0) return [];
  const groupMax = new Map<number, number>();
  for (const t of query.terms) groupMax.set(t.group, Math.max(groupMax.get(t.group) ?? 0, t.weight * idf(index, t.stem)));
  const possible = [...groupMax.values()].reduce((a, b) => a + b, 0) || 1;
  const queryStems = new Set(query.terms.map((t) => t.stem));

  // For "quand", "combien", "qui"… a heading is not the answer; for "que propose…" it often is.
  const structured = query.intent !== 'what' && query.intent !== 'list';
  const top = hits[0]!.score || 1;
  const units: ScoredUnit[] = [];
  const seen = new Map<string, ScoredUnit>();
  for (const hit of hits) {
    const stats = index.byId.get(hit.passage.id);
    const sectionStems = stats?.section ?? new Set<string>();
    let label = new Set<string>();
    let previous: ScoredUnit | undefined;
    for (const { unit, heading, stems, sequence, key, folded } of unitsOf(index, hit)) {
      const twin = seen.get(key);
      if (twin) {
        // The same words printed twice: keep the better score, cite the first printing.
        if (twin.source === unit.source && unit.lines[0] < twin.lines[0]) Object.assign(twin, { lines: unit.lines, section: hit.passage.section, next: undefined });
        continue;
      }
      const best = new Map<number, number>();
      for (const t of query.terms) {
        const inUnit = stems.has(t.stem);
        const inLabel = label.has(t.stem);
        if (!inUnit && !inLabel && !sectionStems.has(t.stem)) continue;
        // A word found only in the heading or the label above ("Calendrier :") counts for less.
        const w = t.weight * idf(index, t.stem) * (inUnit ? 1 : inLabel ? 0.7 : 0.5);
        best.set(t.group, Math.max(best.get(t.group) ?? 0, w));
      }
      const words = unit.text.split(/\s+/).length;
      // A short line without a full stop labels what follows it ("Calendrier", "Enjeux financiers :").
      // A line ending with ":" introduces a list: for "quels…" questions it is where the answer starts.
      const introducesList = query.intent === 'list' && /:\s*$/.test(unit.text);
      const isLabel = !introducesList && ((heading && structured) || (words <= 6 && !/[.!?]$/.test(unit.text)));
      const novelty = [...stems].filter((s) => s.length > 2 && !queryStems.has(s)).length;
      const coverage = [...best.values()].reduce((a, b) => a + b, 0) / possible;
      const phrase = query.bigrams.filter((b) => sequence.includes(` ${b} `)).length;
      const cue = intentCue(query.intent, folded, unit.text);
      // Units that only restate the question (a title, a heading) answer nothing.
      const restates = novelty < 3 ? -0.25 : 0;
      const cueWeight = query.intent === 'when' || query.intent === 'quantity' ? 0.3 : 0.15;
      const shape = restates + (isLabel ? -0.2 : 0) + (heading && structured ? -0.15 : 0) + (introducesList ? 0.1 : 0);
      const score = coverage + cueWeight * cue + 0.25 * (hit.score / top) + 0.05 * Math.min(phrase, 3) + shape;
      const scored: ScoredUnit = { ...unit, section: hit.passage.section, score, coverage, cue: cue > 0, next: undefined, stems };
      seen.set(key, scored);
      if (previous) previous.next = scored;
      previous = scored;
      units.push(scored);
      label = isLabel ? stems : new Set();
    }
  }
  return units.sort((a, b) => b.score - a.score);
}
