import { readStoredMeasures, type MeasureFilter } from '../db/measure-store.js';
import type { Db } from '../db/open-database.js';
import { JalonError } from '../domain/errors.js';
import type { Measure, Scope } from '../domain/types.js';
import { foldText } from '../search/normalize.js';
import { toMeasure } from './measure-json.js';
import { checkScope } from './check-scope.js';

const SCOPE_HELP = 'Exemples : chantier:3, pilier:2, programme:segur';

/**
 * Reads a scope as people type it: "chantier:3", "Chantier 3", "pilier:2", "programme:ségur",
 * "programme:MS". Programme names are folded (lowercase, no accents); which exist is checked when
 * the scope is used. Pure.
 */
export function parseScope(text: string): Scope {
  // foldText, not foldKey: programme ids keep their hyphens ("programme:ma-sante-2022").
  const m = /^(chantier|pilier|programme|program)\s*[:= ]\s*(\S+)$/.exec(foldText(text).trim().replace(/\s+/g, ' '));
  if (m) {
    const kind = m[1]!;
    const value = m[2]!;
    if (kind === 'programme' || kind === 'program') return { kind: 'programme', id: value };
    if (/^\d+$/.test(value) && Number(value) > 0) return { kind: kind as 'chantier' | 'pilier', number: Number(value) };
  }
  throw new JalonError('invalid_input', `invalid scope "${text}"`, `Portée invalide : « ${text} ». ${SCOPE_HELP}`, { exitCode: 2 });
}

/** A scope in the form parseScope reads back. */
export const formatScope = (scope: Scope): string =>
  scope.kind === 'programme' ? `programme:${scope.id}` : `${scope.kind}:${scope.number}`;

function filterOf(db: Db, typed: Scope | null): MeasureFilter {
  if (!typed) return {};
  const scope = checkScope(db, typed);
  if (scope.kind === 'programme') return { programme: scope.id };
  return scope.kind === 'chantier' ? { chantier: scope.number } : { pilier: scope.number };
}

/**
 * The measures of a scope (all without one) in catalogue order, statuses derived for `today`.
 * Reads only that scope's rows (indexed), so it stays fast on a large store. An unknown scope is
 * an error listing the valid ones.
 */
export function listMeasures(db: Db, scope: Scope | null, today: string): Measure[] {
  return readStoredMeasures(db, filterOf(db, scope)).map((m) => toMeasure(m, today));
}
