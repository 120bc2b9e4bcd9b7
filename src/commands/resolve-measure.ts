import { JalonError } from '../domain/errors.js';
import type { Measure } from '../domain/types.js';
import type { Measures } from '../measures/create-measures.js';
import { foldKey as fold } from '../search/normalize.js';

export type Resolution =
  | { kind: 'one'; measure: Measure }
  | { kind: 'many'; measures: Measure[] }
  | { kind: 'none'; suggestions: string[] };

const isNotFound = (error: unknown) => error instanceof JalonError && error.code === 'not_found';

/**
 * What a typed reference names: an exact ID (or a milestone's measure), else a unique ID suffix
 * ("C3-P4"), else a unique exact title or alias ("SAS"), else the fuzzy lookup's candidates.
 */
export function resolveMeasure(measures: Measures, ref: string, k = 8): Resolution {
  const typed = ref.trim();
  if (!typed) return { kind: 'none', suggestions: [] };
  for (const get of [() => measures.get(typed), () => measures.getMilestone(typed).measure]) {
    try {
      return { kind: 'one', measure: get() };
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
  const found = measures.find(typed, k);
  if (found.length === 0) return { kind: 'none', suggestions: measures.suggest(typed, 3) };
  if (found.length === 1) return { kind: 'one', measure: found[0]! };
  const key = fold(typed);
  const suffix = `-${typed.toUpperCase().replace(/[\s_]+/g, '-')}`;
  const bySuffix = /\d/.test(typed) ? found.filter((m) => m.id.endsWith(suffix)) : [];
  if (bySuffix.length === 1) return { kind: 'one', measure: bySuffix[0]! };
  const exact = found.filter((m) => fold(m.title) === key || m.aliases.some((a) => fold(a) === key));
  if (exact.length === 1) return { kind: 'one', measure: exact[0]! };
  return { kind: 'many', measures: exact.length > 1 ? exact : found };
}
