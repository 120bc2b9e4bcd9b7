import { HEADING_FLAG } from '../corpus/index-corpus.js';
import { isBullet } from '../corpus/split-units.js';
import type { StoredUnit } from '../db/corpus-store.js';
import { ANSWERING_SPANS, fold } from '../domain/answer-types.js';
import type { AnalyzedQuery } from '../search/analyze-query.js';
import type { CorpusIndex } from '../search/corpus-index.js';
import { queryWeights, type QueryWeights } from '../search/query-weights.js';
import { countPairs, type PassageHit } from '../search/rank-passages.js';

/** Passages whose sentences may be quoted: the answer comes from what search ranks. */
export const EVIDENCE_PASSAGES = 8;

/** Names of the sentence features, in the order of `Candidate.features` (and of the model's weights). */
export const SENTENCE_FEATURES = [
  'coverage',
  'contextCoverage',
  'previousCoverage',
  'nextCoverage',
  'rareMatch',
  'passageCoverage',
  'passageScore',
  'passageRank',
  'typeMatch',
  'dateMatch',
  'numberMatch',
  'whoMatch',
  'nextTypeMatch',
  'heading',
  'label',
  'novelty',
  'novelShare',
  'length',
  'pairs',
  'listIntro',
  'bullet',
  'questionNumber',
  'position',
  'bestInPassage',
  'afterBest',
] as const;

/** A sentence or bullet of a top passage, with what it shares with the question. */
export interface Candidate {
  unit: StoredUnit;
  passageId: number;
  /** Lines of its passage: what a citation of it points to. */
  passageLines: [number, number];
  file: string;
  section: string;
  /** Rank of its passage in the search results (0 = first). */
  rank: number;
  /** Index of the unit in its passage. */
  index: number;
  features: number[];
  /** Whether it holds a span of the kind the question wants (a date for "quand"…). */
  typed: boolean;
}

export interface Evidence {
  query: AnalyzedQuery;
  hits: PassageHit[];
  candidates: Candidate[];
  /** Units of each evidence passage, in order: quotes are extended along them. */
  units: Map<number, StoredUnit[]>;
  /** Weights of the question's terms and words: coverage is read from them. */
  weights: QueryWeights;
}

const LABEL_WORDS = 6;

/**
 * Reads the top passages' sentences from the store and describes each by the features the sentence
 * model weighs: how much of the question it (and its context) covers, its passage's rank and score,
 * whether it holds the kind of value asked for, whether it is a heading or label, what it adds.
 */
export function collectEvidence(index: CorpusIndex, query: AnalyzedQuery, hits: readonly PassageHit[]): Evidence {
  const weights = queryWeights(query, index.stats());
  const heaviest = Math.max(0, ...weights.byGroup.values()) || 1;
  const type = query.answerType;
  const wanted = ANSWERING_SPANS[query.answerType];
  const top = hits[0]?.score || 1;

  const sum = (m: Map<number, number>) => [...m.values()].reduce((a, b) => a + b, 0) / weights.possible;

  const candidates: Candidate[] = [];
  const units = new Map<number, StoredUnit[]>();
  hits.slice(0, EVIDENCE_PASSAGES).forEach((hit, rank) => {
    const passageUnits = index.units(hit.passage.id);
    units.set(hit.passage.id, passageUnits);
    const body = hit.passage.body;
    const perUnit = passageUnits.map((u) => weights.cover(body.slice(u.tokens[0], u.tokens[1])));
    const bestCoverage = Math.max(0, ...perUnit);
    const bestIndex = perUnit.indexOf(bestCoverage);
    passageUnits.forEach((unit, i) => {
      const tokens = body.slice(unit.tokens[0], unit.tokens[1]);
      const previous = passageUnits[i - 1];
      const previousIsLabel = previous !== undefined && isLabel(previous);
      const own = weights.groupsIn(tokens);
      const rare = Math.max(0, ...own.values()) / heaviest;
      const context = weights.groupsIn(hit.passage.head, new Map(own), 0.5);
      if (previousIsLabel) weights.groupsIn(body.slice(previous.tokens[0], previous.tokens[1]), context, 0.7);
      const typed = wanted !== 0 && (unit.flags & wanted) !== 0;
      const next = passageUnits[i + 1];
      const nextTyped = wanted !== 0 && !typed && next !== undefined && (next.flags & wanted) !== 0;
      const novelty = tokens.filter((id) => !weights.byTerm.has(id)).length;
      const foldedText = fold(unit.text);
      const features = [
        perUnit[i]!,
        sum(context),
        perUnit[i - 1] ?? 0,
        perUnit[i + 1] ?? 0,
        rare,
        hit.coverage,
        hit.score / top,
        1 / (rank + 1),
        typed ? 1 : 0,
        typed && type === 'date' ? 1 : 0,
        typed && (type === 'count' || type === 'amount' || type === 'percent') ? 1 : 0,
        typed && (type === 'who' || type === 'name') ? 1 : 0,
        nextTyped ? 1 : 0,
        unit.flags & HEADING_FLAG ? 1 : 0,
        isLabel(unit) ? 1 : 0,
        Math.log1p(novelty),
        tokens.length > 0 ? novelty / tokens.length : 0,
        Math.log1p(tokens.length),
        countPairs(tokens, query.bigrams),
        query.answerType === 'list' && /:\s*$/.test(unit.text) ? 1 : 0,
        isBullet(unit.text) ? 1 : 0,
        query.numbers.some((n) => foldedText.replace(/[\s\u00a0\u202f]/g, '').includes(n)) ? 1 : 0,
        passageUnits.length > 1 ? i / (passageUnits.length - 1) : 0,
        perUnit[i] === bestCoverage && bestCoverage > 0 ? 1 : 0,
        i === bestIndex + 1 && bestCoverage > 0 ? 1 : 0,
      ];
      candidates.push({ unit, passageId: hit.passage.id, passageLines: hit.passage.lines, file: hit.passage.file, section: hit.passage.section, rank, index: i, features, typed });
    });
  });
  return { query, hits: [...hits], candidates, units, weights };
}

/** A short line without a full stop labels what follows it ("Calendrier", "Enjeux financiers :"). */
export function isLabel(unit: StoredUnit): boolean {
  return unit.text.split(/\s+/).length <= LABEL_WORDS && !/[.!?]$/.test(unit.text);
}
