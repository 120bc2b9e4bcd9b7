import { cleanLine } from '../corpus/clean-line.js';
import { sentenceCase } from '../corpus/detect-heading.js';
import type { Citation, Measure } from '../domain/types.js';
import type { AnalyzedQuery } from '../search/analyze-query.js';
import { foldText, stemText } from '../search/normalize.js';
import type { PassageIndex } from '../search/passage-index.js';
import { STOPWORDS } from '../search/stopwords.js';
import type { RecordFact } from './compose-extractive.js';

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();
const squash = (s: string) => collapse(cleanLine(s)).replace(/[\s-]/g, '').toLowerCase();
const contentStems = (text: string) => new Set(stemText(text).split(' ').filter((s) => s.length > 1 && !STOPWORDS.has(s)));

/** "mesure 7", "proposition n°31", "prop 31", "measure 7": the document's own numbering. */
const NUMBERED = /\b(mesure|measure|proposition|proposal|prop)s?\s*(?:n\s*°?\s*)?(\d{1,2})\b/;

/** What names a record: its title and aliases as stem sets, and its number in the document. */
interface RecordName {
  id: string;
  names: Set<string>[];
  number: number | null;
  proposal: boolean;
  /** Words of its programme's id ("stss", "segur", "cfe"): "la mesure 7 du rapport STSS". */
  programme: Set<string>;
  /** Fields it has a value for, so a question about a field skips records without one. */
  fields: Set<string>;
}

function toRecordName(m: Measure): RecordName {
  return {
    id: m.id,
    names: [m.title, ...m.aliases].map(contentStems).filter((s) => s.size > 0),
    number: m.mesure,
    proposal: m.kind === 'proposal',
    programme: new Set(m.programme.split('-').filter((w) => /[a-z]{3,}/.test(w) && !STOPWORDS.has(w))),
    fields: new Set(FIELDS.map((f) => f.key).filter((key) => m[key])),
  };
}

/** How much of a record's name the question spells out: 1 = all of a title or alias. */
function nameCoverage(question: Set<string>, record: RecordName, numbered: RegExpExecArray | null): number {
  let best = 0;
  for (const stems of record.names) {
    const hits = [...stems].filter((s) => question.has(s)).length;
    // Among full matches the longer name is the more specific one.
    // A lone acronym shared by many records (IPA, CPTS) names less than a title the question spells out.
    const covered = stems.size === 1 ? hits * 0.7 : hits / stems.size + hits * 0.01;
    best = Math.max(best, covered);
  }
  // "mesure 7" names the record when the kind agrees; the rest of the question picks the programme.
  if (numbered && record.number === Number(numbered[2]) && /^prop/.test(numbered[1]!) === record.proposal) {
    const namesProgramme = [...record.programme].some((w) => question.has(w));
    return 0.7 + 0.3 * Math.min(1, best * 2) + (namesProgramme ? 0.05 : 0);
  }
  return best;
}

/**
 * The first run of lines within `range` where `value` is printed (PDF cells wrap over lines), as a
 * citation whose quote is those lines' text. Null when the value is not printed there.
 */
function locate(index: PassageIndex, file: string, [from, to]: readonly [number, number], value: string, section: string): Citation | null {
  const lines = index.lines.get(file);
  const target = squash(value);
  if (!lines || !target) return null;
  const squashed = lines.slice(from - 1, to).map(squash);
  const cite = (i: number, width: number): Citation => {
    const quote = collapse(lines.slice(from - 1 + i, from - 1 + i + width).map(cleanLine).filter(Boolean).join(' '));
    return { source: file, lines: [from + i, from + i + width - 1], title: index.titles.get(file) ?? file, section, quote };
  };
  // A cell that holds exactly the value ("Juin 2018") before a sentence that mentions it.
  const exact = squashed.indexOf(target);
  if (exact >= 0) return cite(exact, 1);
  // Then the smallest window: the citation points at the cell, not at the page around it.
  for (let width = 1; width <= 8; width++) {
    for (let i = 0; i + width <= squashed.length; i++) {
      if (!squashed[i] || !squashed[i + width - 1]) continue;
      if (squashed.slice(i, i + width).join('').includes(target)) return cite(i, width);
    }
  }
  return null;
}

/**
 * A stem without the noun-forming endings Snowball keeps ("créat" → "cré", as "créée"), so that
 * "quand a-t-elle été créée" meets "création de la DNS".
 */
function rootOf(stem: string): string {
  const root = stem.replace(/(ation|ement|ment|at|ion)$/, '');
  return root.length >= 3 ? root : stem;
}

/** "Septembre 2019 : arbitrage obtenu"; a label that is the whole text is said once. */
function milestoneLine(m: { label: string | null; text: string }): string {
  return m.label && !m.text.includes(m.label) ? `${m.label} : ${m.text}` : m.text;
}

/** Fields a question can ask for by name, whatever its interrogative word. */
const FIELDS: { pattern: RegExp; key: 'financialStakes' | 'legalVehicle' | 'arrangements' | 'statusText'; label: string }[] = [
  { pattern: /\b(enjeux? financiers?|financial stakes?|financial impact)\b/, key: 'financialStakes', label: 'Enjeux financiers' },
  { pattern: /\b(vecteurs? juridiques?|legal vehicle|base legale|legal basis)\b/, key: 'legalVehicle', label: 'Vecteur juridique' },
  { pattern: /\b(modalites de travail|cadre de concertation|working arrangements?)\b/, key: 'arrangements', label: 'Modalités de travail' },
];

/**
 * Facts from the measure database for a question that names a tracked record: its pilots for
 * "qui", its dates or the milestone the question describes for "quand", its deliverables, its
 * reported state. Each fact is cited at the exact lines where the document prints it.
 */
export function recordFacts(
  index: PassageIndex,
  records: { names: readonly RecordName[]; get: (id: string) => Measure },
  query: AnalyzedQuery,
): RecordFact[] {
  const { intent } = query;
  const folded = foldText(query.text);
  const field = FIELDS.find((f) => f.pattern.test(folded));
  if (!field && (intent === 'what' || intent === 'list')) return [];
  // The question's words with their translations and acronym forms ("agences régionales de santé" → ARS).
  const qStems = new Set([...contentStems(query.text), ...query.terms.filter((t) => t.origin !== 'synonym' && t.origin !== 'typo').map((t) => t.stem)]);
  const numbered = NUMBERED.exec(folded);
  let top: { id: string; coverage: number } | null = null;
  for (const record of records.names) {
    if (field && !record.fields.has(field.key)) continue;
    const coverage = nameCoverage(qStems, record, numbered);
    if (coverage >= 0.6 && (!top || coverage > top.coverage)) top = { id: record.id, coverage };
  }
  if (!top) return [];
  const m = records.get(top.id);
  const group = m.chantier ? `Chantier ${m.chantier}` : m.pilier ? `Pilier ${m.pilier}` : m.groupTitle ? sentenceCase(m.groupTitle) : null;
  const section = [group, m.title].filter(Boolean).join(' › ');
  const facts: RecordFact[] = [];
  const add = (line: string, value: string, range: [number, number] = m.source.lines) => {
    const citation = locate(index, m.source.file, range, value, section);
    if (citation) facts.push({ line, citation });
  };
  const nameStems = contentStems([m.title, ...m.aliases].join(' '));
  // What the question says beyond the record's name picks the milestone; synonyms count half.
  const rest = new Map<string, number>();
  for (const s of qStems) if (!nameStems.has(s)) rest.set(rootOf(s), 1);
  for (const t of query.terms) if (t.origin === 'synonym' && !nameStems.has(t.stem) && !rest.has(rootOf(t.stem))) rest.set(rootOf(t.stem), 0.5);
  const bestMilestone = () => {
    let best: { score: number; ms: Measure['milestones'][number] } | null = null;
    for (const ms of m.milestones) {
      const stems = new Set([...contentStems(`${ms.label ?? ''} ${ms.text}`)].map(rootOf));
      let score = 0;
      for (const [stem, weight] of rest) if (stems.has(stem)) score += weight;
      if (score > 0 && (!best || score > best.score)) best = { score, ms };
    }
    return best?.ms ?? null;
  };

  if (field) {
    const value = m[field.key];
    if (value) add(`${field.label} : ${value}`, value.split(/; /)[0]!);
    if (facts.length > 0) return facts;
  }
  switch (intent) {
    case 'who':
      if (m.pilots.length > 0) add(`Pilotes : ${m.pilots.join(', ')}`, m.pilots[0]!);
      break;
    case 'when': {
      const ms = bestMilestone();
      if (ms) add(milestoneLine(ms), ms.text, ms.source.lines);
      else if (m.start || m.end) {
        if (m.start) add(`Début de projet : ${m.start.label}`, m.start.label);
        if (m.end) add(`Fin de projet : ${m.end.label}`, m.end.label);
      } else {
        // No project dates: its calendar is the answer.
        for (const x of m.milestones.filter((x) => x.label).slice(0, 2)) add(milestoneLine(x), x.text, x.source.lines);
      }
      break;
    }
    case 'deliverable':
      if (m.deliverables.length > 0) add(`Livrables : ${m.deliverables.join(' ; ')}`, m.deliverables[0]!);
      break;
    case 'status': {
      const ms = bestMilestone() ?? m.milestones.find((x) => x.kind === 'progress') ?? null;
      if (ms) add(milestoneLine(ms), ms.text, ms.source.lines);
      break;
    }
    case 'quantity': {
      const ms = bestMilestone();
      if (ms && /\d/.test(ms.text)) add(milestoneLine(ms), ms.text, ms.source.lines);
      break;
    }
  }
  return facts;
}

/**
 * The record-facts source the answer layer uses: names of every record, read once (curated data
 * only changes when knowledge/ is reloaded at start-up), records fetched fresh for their statuses.
 */
export function createRecordFacts(
  index: PassageIndex,
  measures: { list: () => Measure[]; get: (id: string) => Measure },
): (query: AnalyzedQuery) => RecordFact[] {
  let names: RecordName[] | null = null;
  return (query) => {
    names ??= measures.list().map(toRecordName);
    return recordFacts(index, { names, get: measures.get }, query);
  };
}
