import { cleanLine } from '../corpus/clean-line.js';
import { sentenceCase } from '../corpus/detect-heading.js';
import { fold } from '../domain/answer-types.js';
import type { Citation, Measure } from '../domain/types.js';
import type { AnalyzedQuery } from '../search/analyze-query.js';
import type { CorpusIndex } from '../search/corpus-index.js';
import { stemText } from '../search/normalize.js';
import { FRENCH_STOPWORDS } from '../search/stopwords.js';
import { squashText } from './verify-quote.js';

/** A fact taken from a tracked record (measure database) — already verbatim and cited. */
export interface RecordFact {
  /** "Fin de projet : 2022" — the direct one-line answer. */
  line: string;
  citation: Citation;
}

/** The record a question names, and what it says that the question asks for. */
export interface RecordMatch {
  measure: Measure;
  facts: RecordFact[];
}

/** Names a record can be found by, as stem sets. */
export interface RecordName {
  id: string;
  names: Set<string>[];
  number: number | null;
  proposal: boolean;
  programme: Set<string>;
}

/** The measure database as the answer layer reads it. */
export interface RecordSource {
  /** Records a text may name, best first (an indexed look-up: its cost does not grow with the catalogue). */
  candidates(text: string): readonly RecordName[];
  get(id: string): Measure;
}

/**
 * How much of a record's name the question must spell out, and by how many more of its words than
 * the next record's: below either, no record leads the answer (a near miss would give another
 * record's facts).
 */
export const NAME_MATCH = { coverage: 0.75, margin: 2 };

const contentStems = (text: string) => new Set(stemText(text).split(' ').filter((s) => s.length > 1 && !FRENCH_STOPWORDS.has(s)));

/** "mesure 7", "proposition n°31", "prop 31", "measure 7": the document's own numbering. */
const NUMBERED = /\b(mesure|measure|proposition|proposal|prop)s?\s*(?:n\s*°?\s*)?(\d{1,2})\b/;
/** A question about a whole chantier or pilier is not about one of its records. */
const WHOLE_PART = /\b(?:le|du|au|ce) (?:chantier|pilier)\b|\b(?:chantier|pilier|workstream|pillar) ?\d/;

export function toRecordName(m: Measure): RecordName {
  return {
    id: m.id,
    names: [m.title, ...m.aliases].map(contentStems).filter((s) => s.size > 0),
    number: m.mesure,
    proposal: m.kind === 'proposal',
    programme: new Set(m.programme.split('-').filter((w) => /[a-z]{3,}/.test(w) && !FRENCH_STOPWORDS.has(w))),
  };
}

/**
 * How well the question names a record: the share of its best-covered name (title or alias) the
 * question spells out, and how many of that name's words it holds. A record's number in its
 * document ("mesure 7") names it when the kind agrees; the rest of the question picks the programme.
 */
export function nameMatch(question: ReadonlySet<string>, record: RecordName, numbered: RegExpExecArray | null): { coverage: number; words: number } {
  let best = { coverage: 0, words: 0 };
  for (const stems of record.names) {
    let hits = 0;
    for (const s of stems) if (question.has(s)) hits++;
    const coverage = hits / stems.size;
    if (coverage > best.coverage || (coverage === best.coverage && hits > best.words)) best = { coverage, words: hits };
  }
  if (numbered && record.number === Number(numbered[2]) && /^prop/.test(numbered[1]!) === record.proposal) {
    const namesProgramme = [...record.programme].some((w) => question.has(w));
    return { coverage: 1, words: best.words + 2 + (namesProgramme ? 2 : 0) };
  }
  return best;
}

/**
 * The record the question names unambiguously: a name (or its number in its document) covered by
 * the question, with clearly more of its words than any other record's name (or no other record
 * named at all). Null otherwise.
 */
export function matchRecord(records: readonly RecordName[], query: AnalyzedQuery): { id: string; words: number } | null {
  // Among the candidates the look-up proposes; the margin is judged on how they are named.
  const folded = fold(query.text);
  if (WHOLE_PART.test(folded)) return null;
  const stems = new Set([...contentStems(query.text), ...query.terms.filter((t) => t.origin === 'query' || t.origin === 'acronym' || t.origin === 'english').map((t) => t.stem)]);
  const numbered = NUMBERED.exec(folded);
  let best: { id: string; words: number } | null = null;
  let second = 0;
  for (const record of records) {
    const match = nameMatch(stems, record, numbered);
    if (match.coverage < NAME_MATCH.coverage) continue;
    if (!best || match.words > best.words) {
      second = best?.words ?? 0;
      best = { id: record.id, words: match.words };
    } else if (match.words > second) {
      second = match.words;
    }
  }
  return best && (second === 0 || best.words - second >= NAME_MATCH.margin) ? best : null;
}

/**
 * The first run of lines within `range` where `value` is printed (PDF cells wrap over lines), as a
 * citation whose quote is those lines' text. Null when the value is not printed there.
 */
function locate(index: CorpusIndex, file: string, [from, to]: readonly [number, number], value: string, section: string): Citation | null {
  const lines = index.lines(file);
  const target = squashText(value);
  if (!lines || !target) return null;
  const squashed = lines.slice(from - 1, to).map((l) => squashText(cleanLine(l)));
  const cite = (i: number, width: number): Citation => {
    const quote = lines
      .slice(from - 1 + i, from - 1 + i + width)
      .map(cleanLine)
      .filter(Boolean)
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim();
    return { source: file, lines: [from + i, from + i + width - 1], title: index.title(file), section, quote, quoted: true };
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

/** "Septembre 2019 : arbitrage obtenu"; a label that is the whole text is said once. */
function milestoneLine(m: { label: string | null; text: string }): string {
  return m.label && !m.text.includes(m.label) ? `${m.label} : ${m.text}` : m.text;
}

/** Fields a question can ask for by name, whatever its interrogative word. */
const FIELDS: { pattern: RegExp; key: 'financialStakes' | 'legalVehicle' | 'arrangements'; label: string }[] = [
  { pattern: /\b(enjeux? financiers?|financial stakes?|financial impact)\b/, key: 'financialStakes', label: 'Enjeux financiers' },
  { pattern: /\b(vecteurs? juridiques?|legal vehicle|base legale|legal basis)\b/, key: 'legalVehicle', label: 'Vecteur juridique' },
  { pattern: /\b(modalites de travail|cadre de concertation|working arrangements?)\b/, key: 'arrangements', label: 'Modalités de travail' },
];

/**
 * Facts from the measure database for a question that names a tracked record: its pilots for
 * "qui", its dates or the milestone the question describes for "quand", its reported state, or the
 * field the question names. Each fact is cited at the exact lines where the document prints it.
 */
export function recordFacts(index: CorpusIndex, records: RecordSource, query: AnalyzedQuery): RecordMatch | null {
  const folded = fold(query.text);
  const field = FIELDS.find((f) => f.pattern.test(folded));
  const type = query.answerType;
  if (!field && !['who', 'date', 'status', 'count', 'amount'].includes(type)) return null;
  const match = matchRecord(records.candidates(query.text), query);
  if (!match) return null;
  const m = records.get(match.id);
  const group = m.chantier ? `Chantier ${m.chantier}` : m.pilier ? `Pilier ${m.pilier}` : m.groupTitle ? sentenceCase(m.groupTitle) : null;
  const section = [group, m.title].filter(Boolean).join(' › ');
  const facts: RecordFact[] = [];
  const add = (line: string, value: string, range: [number, number] = m.source.lines) => {
    const citation = locate(index, m.source.file, range, value, section);
    if (citation) facts.push({ line, citation });
  };
  const nameStems = contentStems([m.title, ...m.aliases].join(' '));
  // What the question says beyond the record's name picks the milestone; expansions count half.
  const rest = new Map<string, number>();
  for (const t of query.terms) if (!nameStems.has(t.stem)) rest.set(t.stem, Math.max(rest.get(t.stem) ?? 0, t.origin === 'query' ? 1 : 0.5));
  const bestMilestone = (accept: (ms: Measure['milestones'][number]) => boolean = () => true) => {
    let best: { score: number; ms: Measure['milestones'][number] } | null = null;
    for (const ms of m.milestones) {
      if (!accept(ms)) continue;
      const stems = contentStems(`${ms.label ?? ''} ${ms.text}`);
      let score = 0;
      for (const [stem, weight] of rest) if (stems.has(stem)) score += weight;
      if (score > 0 && (!best || score > best.score)) best = { score, ms };
    }
    return best?.ms ?? null;
  };

  if (field) {
    const value = m[field.key];
    if (value) add(`${field.label} : ${value}`, value.split(/; /)[0]!);
  } else if (type === 'who') {
    if (m.pilots.length > 0) add(`Pilotes : ${m.pilots.join(', ')}`, m.pilots[0]!);
  } else if (type === 'date') {
    const ms = bestMilestone((x) => x.label !== null);
    if (ms) add(milestoneLine(ms), ms.text, ms.source.lines);
    else if (m.start || m.end) {
      if (m.start) add(`Début de projet : ${m.start.label}`, m.start.label);
      if (m.end) add(`Fin de projet : ${m.end.label}`, m.end.label);
    }
  } else if (type === 'status') {
    const ms = bestMilestone() ?? m.milestones.find((x) => x.kind === 'progress') ?? null;
    if (ms) add(milestoneLine(ms), ms.text, ms.source.lines);
  } else {
    const ms = bestMilestone((x) => /\d/.test(x.text));
    if (ms) add(milestoneLine(ms), ms.text, ms.source.lines);
  }
  return facts.length > 0 ? { measure: m, facts } : null;
}

/** Records the look-up proposes for a question: enough to judge the margin between the first two. */
const CANDIDATES = 8;
/** Record names kept in memory: a bounded budget, whatever the catalogue's size. */
const NAMES_KEPT = 2048;

/**
 * The record-facts source the answer layer uses: candidates from the indexed name look-up, their
 * names kept (curated data only changes when knowledge/ is loaded, at start-up), the matched record
 * fetched fresh for its statuses.
 */
export function createRecordFacts(
  index: CorpusIndex,
  measures: { searchNames: (text: string, k: number) => { id: string }[]; get: (id: string) => Measure },
): (query: AnalyzedQuery) => RecordMatch | null {
  const names = new Map<string, RecordName>();
  const nameOf = (id: string) => {
    let name = names.get(id);
    if (!name) {
      if (names.size >= NAMES_KEPT) names.delete(names.keys().next().value as string);
      names.set(id, (name = toRecordName(measures.get(id))));
    }
    return name;
  };
  const source: RecordSource = { candidates: (text) => measures.searchNames(text, CANDIDATES).map((hit) => nameOf(hit.id)), get: measures.get };
  return (query) => recordFacts(index, source, query);
}
