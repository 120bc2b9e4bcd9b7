import { readProgrammes, readStoredMeasures, type MeasureFilter } from '../db/measure-store.js';
import type { Db } from '../db/open-database.js';
import { JalonError } from '../domain/errors.js';
import type { Measure, Scope } from '../domain/types.js';
import { toMeasure } from './measure-json.js';

const SCOPE_HELP = 'Exemples : chantier:3, pilier:2, programme:segur';

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim();

/**
 * Reads a scope as people type it: "chantier:3", "Chantier 3", "pilier:2", "programme:ségur",
 * "programme:MS". Programme names are folded (lowercase, no accents); which exist is checked when
 * the scope is used. Pure.
 */
export function parseScope(text: string): Scope {
  const m = /^(chantier|pilier|programme|program)\s*[:= ]\s*(\S+)$/.exec(fold(text).replace(/\s+/g, ' '));
  if (m) {
    const kind = m[1]!;
    const value = m[2]!;
    if (kind === 'programme' || kind === 'program') return { kind: 'programme', id: value };
    if (/^\d+$/.test(value) && Number(value) > 0) return { kind: kind as 'chantier' | 'pilier', number: Number(value) };
  }
  throw new JalonError('invalid_input', `invalid scope "${text}"`, `Portée invalide : « ${text} ». ${SCOPE_HELP}`);
}

/** A scope in the form parseScope reads back. */
export const formatScope = (scope: Scope): string =>
  scope.kind === 'programme' ? `programme:${scope.id}` : `${scope.kind}:${scope.number}`;

function filterOf(scope: Scope | null): MeasureFilter {
  if (!scope) return {};
  if (scope.kind === 'programme') return { programme: scope.id };
  return scope.kind === 'chantier' ? { chantier: scope.number } : { pilier: scope.number };
}

/**
 * The measures of a scope (all without one) in catalogue order, statuses derived for `today`.
 * Reads only that scope's rows (indexed), so it stays fast on a large store.
 */
export function listMeasures(db: Db, scope: Scope | null, today: string): Measure[] {
  if (scope?.kind === 'programme') {
    const programmes = readProgrammes(db);
    const wanted = scope.id.toLowerCase();
    if (!programmes.some((p) => p.id === wanted || p.code.toLowerCase() === wanted)) {
      throw new JalonError(
        'not_found',
        `unknown programme ${scope.id}`,
        `Programme inconnu : ${scope.id}. Programmes : ${programmes.map((p) => p.id).join(', ') || 'aucun'}.`,
      );
    }
  }
  return readStoredMeasures(db, filterOf(scope)).map((m) => toMeasure(m, today));
}
