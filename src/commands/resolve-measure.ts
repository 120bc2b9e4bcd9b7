import { JalonError } from '../domain/errors.js';
import type { Measure, Milestone } from '../domain/types.js';
import type { Measures } from '../measures/create-measures.js';
import { hasClearWinner, SCORE_NAME } from '../measures/find-measures.js';

export type Resolution =
  /**
   * `guess`: not what was typed but the only fuzzy hit — shown as "Vouliez-vous dire …", never acted
   * on. `milestone`: the reference was that milestone's exact ID.
   */
  | { kind: 'one'; measure: Measure; guess: boolean; milestone?: Milestone }
  | { kind: 'many'; measures: Measure[] }
  | { kind: 'none'; suggestions: string[] };

export interface ResolveOptions {
  /**
   * For commands that change data: only an exact ID (measure or milestone), a unique ID suffix or an
   * exact title or alias is a match; anything else is offered as choices (even a single candidate),
   * so that a button confirms it before a status changes.
   */
  strict?: boolean;
  /** Candidates looked up. */
  k?: number;
}

const isNotFound = (error: unknown) => error instanceof JalonError && error.code === 'not_found';

/** "SEGUR-M99", "MS-C3-P44": typed as an ID, so a fuzzy match on its words would be a wrong guess. */
const looksLikeId = (typed: string) => /^[A-Z0-9]+(?:-[A-Z0-9]+)+$/i.test(typed) && /\d/.test(typed);

function attempt<T>(get: () => T): T | null {
  try {
    return get();
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/**
 * What a typed reference names: an exact measure or milestone ID (then its measure), a unique
 * partial ID ("C3-P4", "M25"), the documents' numbering ("mesure 26", "segur 26"), a unique exact
 * title or alias ("SAS"). Otherwise the lookup's candidates: in strict mode always as choices; else
 * the first one when it wins by a margin (returned as a guess), and choices when none does — never
 * one confident wrong card. An ID-like reference that names nothing gets the nearest IDs as
 * suggestions, not word matches.
 */
export function resolveMeasure(measures: Measures, ref: string, options: ResolveOptions = {}): Resolution {
  const typed = ref.trim();
  if (!typed) return { kind: 'none', suggestions: [] };
  // get() also answers a milestone ID with its measure: say which milestone was named.
  const byId = attempt(() => measures.get(typed));
  if (byId) {
    const asId = typed.toUpperCase().replace(/[\s_]+/g, '-');
    const milestone = byId.milestones.find((m) => m.id === asId);
    return milestone ? { kind: 'one', measure: byId, guess: false, milestone } : { kind: 'one', measure: byId, guess: false };
  }
  if (looksLikeId(typed)) return { kind: 'none', suggestions: measures.suggest(typed, 3) };

  const found = measures.find(typed, options.k ?? 8);
  if (found.length === 0) return { kind: 'none', suggestions: measures.suggest(typed, 3) };
  const certain = found.filter((m) => (m.score ?? 0) >= SCORE_NAME);
  if (certain.length === 1) return { kind: 'one', measure: certain[0]!, guess: false };
  if (certain.length > 1) return { kind: 'many', measures: certain };
  const scores = found.map((m) => ({ score: m.score ?? 0 }));
  if (!options.strict && hasClearWinner(scores)) return { kind: 'one', measure: found[0]!, guess: true };
  // The choices: the first hit and those it does not clearly beat (a strict command whose first
  // hit wins by a margin asks about that one alone).
  return { kind: 'many', measures: found.filter((_, i) => i === 0 || !hasClearWinner([scores[0]!, scores[i]!])) };
}
