import type { PassageTerms } from '../db/corpus-store.js';
import { ANSWERING_SPANS } from '../domain/answer-types.js';
import { linearScore, type LinearModel } from '../domain/linear-model.js';
import type { AnalyzedQuery, QueryTerm } from './analyze-query.js';
import type { CorpusIndex } from './corpus-index.js';
import { queryWeights, type QueryWeights } from './query-weights.js';

export interface PassageHit {
  passage: PassageTerms;
  /** First-stage BM25F score. */
  score: number;
  /** Share of the question's weighted words (one per user word) the passage holds. */
  coverage: number;
}


const K1 = 1.2;
const B = 0.6;
/** Candidates the first stage scores per question. */
const CANDIDATES = 60;
/** Passages the second stage re-orders. */
export const POOL = 20;
/**
 * Postings FTS5 may walk for the candidate query. Below it every term is asked for (the shipped
 * corpus always is); above it only the rarest terms are, so the cost per question stops growing
 * with the corpus while the re-ranker still scores candidates on every term.
 */
export const POSTINGS_BUDGET = 10_000;
/** How much a passage gains when its heading is the numbered part the question names. */
const PART_BOOST = 1.8;

/**
 * The FTS5 expression for the candidates: quoted stems joined by OR, rarest first within budget, and
 * the headings of the numbered parts the question names ("pilier 1" → the section "Pilier 1").
 */
export function planMatch(terms: readonly QueryTerm[], references: AnalyzedQuery['references'] = [], budget = POSTINGS_BUDGET): string {
  const byRarity = [...terms].sort((a, b) => a.df - b.df);
  const chosen: QueryTerm[] = [];
  let postings = 0;
  const groups = new Set<number>();
  for (const t of byRarity) {
    // Past the budget, a term still joins when its word has no term yet: every word gets a say.
    if (postings + t.df > budget && (groups.has(t.group) || groups.size >= 2)) continue;
    chosen.push(t);
    groups.add(t.group);
    postings += t.df;
  }
  // Quoting every stem keeps FTS5 syntax in user input harmless.
  const quote = (stem: string) => `"${stem.replace(/"/g, '')}"`;
  const parts = references.map(({ stems: [word, number] }) => `section : NEAR(${quote(word)} ${quote(number)}, 1)`);
  return [...chosen.map((t) => quote(t.stem)), ...parts].join(' OR ');
}

/**
 * First stage: FTS5 (bm25 over stems) proposes candidates; a weighted BM25F scores them from their
 * stored term ids, counting each of the user's words once whatever its expansions, rewarding
 * passages that cover more of the question and keep its word pairs together, and leaning towards
 * the document and the numbered part the question names.
 */
export function rankPassages(index: CorpusIndex, query: AnalyzedQuery, limit = POOL): PassageHit[] {
  if (query.terms.length === 0) return [];
  const stats = index.stats();
  const avgLength = stats.tokens / Math.max(1, stats.passages);
  const candidates = index.passages(index.match(planMatch(query.terms, query.references), CANDIDATES));
  const weights = queryWeights(query, stats);
  const docBoost = documentBoosts(index, query);

  const hits: PassageHit[] = [];
  for (const passage of candidates) {
    const tf = new Map<number, number>();
    for (const id of passage.body) if (weights.byTerm.has(id)) tf.set(id, (tf.get(id) ?? 0) + 1);
    for (const id of passage.head) if (weights.byTerm.has(id)) tf.set(id, (tf.get(id) ?? 0) + 1.5);
    const norm = 1 - B + (B * passage.body.length) / (avgLength || 1);
    let score = 0;
    for (const [id, f] of tf) for (const { weight } of weights.byTerm.get(id)!) score += (weight * (f * (K1 + 1))) / (f + K1 * norm);
    const coverage = weights.cover(tf.keys());
    const phrase = countPairs(passage.body, query.bigrams);
    // A question naming "pilier 1" or "mesure 9" is about that part of a document.
    const part = query.references.some(({ ids: [w, n] }) => follows(passage.head, w, n)) ? PART_BOOST : 1;
    const boost = (docBoost.get(passage.file) ?? 1) * part;
    hits.push({ passage, score: boost * (score * (0.25 + coverage * coverage) + phrase * 0.8), coverage });
  }
  hits.sort((a, b) => b.score - a.score || a.passage.id - b.passage.id);
  return hits.slice(0, limit);
}

export const PASSAGE_FEATURES = ['score', 'coverage', 'rank', 'bestSentence', 'heading', 'typedSentence', 'typedAfterSentence', 'length'] as const;

/**
 * What the second stage weighs for each first-stage hit: besides its score and coverage, whether one
 * sentence gathers the question (not words scattered over the passage), whether its heading names
 * the topic, and whether a sentence holding the kind of value asked for (a date for "quand") covers
 * the question — or follows one that does.
 */
export function passageFeatures(index: CorpusIndex, query: AnalyzedQuery, hits: readonly PassageHit[], weights: QueryWeights = queryWeights(query, index.stats())): number[][] {
  const wanted = ANSWERING_SPANS[query.answerType];
  const top = hits[0]?.score || 1;
  return hits.map((h, rank) => {
    const units = index.units(h.passage.id);
    const body = h.passage.body;
    let best = 0;
    let typed = 0;
    let typedAfter = 0;
    let previous = 0;
    for (const u of units) {
      const c = weights.cover(body.slice(u.tokens[0], u.tokens[1]));
      best = Math.max(best, c);
      if (wanted !== 0 && (u.flags & wanted) !== 0) {
        typed = Math.max(typed, c);
        typedAfter = Math.max(typedAfter, previous);
      }
      previous = c;
    }
    return [h.score / top, h.coverage, 1 / (rank + 1), best, weights.cover(h.passage.head), typed, typedAfter, Math.log1p(body.length)];
  });
}

/** Second stage: re-orders the first stage's pool by the learned ranker. */
export function rerankPassages(index: CorpusIndex, query: AnalyzedQuery, hits: readonly PassageHit[], ranker: LinearModel): PassageHit[] {
  const features = passageFeatures(index, query, hits);
  return hits
    .map((hit, i) => ({ hit, s: linearScore(ranker, features[i]!), i }))
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .map((x) => x.hit);
}

/** Whether `b` follows `a` in the sequence, at most one token apart ("proposition n°16"). */
function follows(sequence: readonly number[], a: number, b: number): boolean {
  for (let i = 0; i < sequence.length; i++) if (sequence[i] === a && (sequence[i + 1] === b || sequence[i + 2] === b)) return true;
  return false;
}

/** How many of the question's adjacent word pairs the sequence keeps together. */
export function countPairs(sequence: readonly number[], pairs: readonly [number, number][]): number {
  let n = 0;
  for (const [a, b] of pairs) {
    for (let i = 0; i + 1 < sequence.length; i++) {
      if (sequence[i] === a && sequence[i + 1] === b) {
        n++;
        break;
      }
    }
  }
  return n;
}

/** Words of the question that name one or two documents ("Ségur", "CFE-CGC", "rapport") favour them. */
function documentBoosts(index: CorpusIndex, query: AnalyzedQuery): Map<string, number> {
  const boosts = new Map<string, number>();
  const own = query.terms.filter((t) => t.origin === 'query').map((t) => t.stem);
  for (const docs of index.documentsNamedBy(own).values()) {
    if (docs.length > 2) continue;
    for (const file of docs) boosts.set(file, Math.min(1.6, (boosts.get(file) ?? 1) * 1.3));
  }
  return boosts;
}
