import type { Db } from '../db/open-database.js';
import { readProgrammes } from '../db/measure-store.js';
import { readScopeGroups } from '../db/scope-store.js';
import { JalonError } from '../domain/errors.js';
import type { Scope } from '../domain/types.js';
import { formatScope } from './list-measures.js';
import { resolveProgramme } from './resolve-programme.js';

/** "chantier:1 à chantier:10" for a run of consecutive numbers, else the keys one by one. */
function describeRun(kind: string, numbers: number[]): string {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const consecutive = sorted.every((n, i) => i === 0 || n === sorted[i - 1]! + 1);
  if (consecutive && sorted.length > 2) return `${kind}:${sorted[0]} à ${kind}:${sorted.at(-1)}`;
  return sorted.map((n) => `${kind}:${n}`).join(', ');
}

/**
 * The scope as the store knows it: a programme by its id ("programme:ms" → "programme:ma-sante-2022"),
 * a chantier or pilier that exists. Anything else is a not_found error listing the valid scopes
 * (CLI exit code 2). A scope that exists but has no milestone is valid: it has nothing to show.
 */
export function validateScope(db: Db, scope: Scope): Scope {
  if (scope.kind === 'programme') {
    try {
      return { kind: 'programme', id: resolveProgramme(db, scope.id).id };
    } catch (error) {
      throw unknownScope(db, scope, error);
    }
  }
  const groups = readScopeGroups(db);
  if (groups.some((g) => g.kind === scope.kind && g.number === scope.number)) return scope;
  throw unknownScope(db, scope);
}

function unknownScope(db: Db, scope: Scope, cause?: unknown): JalonError {
  const groups = readScopeGroups(db);
  const valid = [
    describeRun('chantier', groups.filter((g) => g.kind === 'chantier').map((g) => g.number)),
    describeRun('pilier', groups.filter((g) => g.kind === 'pilier').map((g) => g.number)),
    ...readProgrammes(db).map((p) => `programme:${p.id}`),
  ].filter(Boolean);
  const typed = formatScope(scope);
  const error = new JalonError('not_found', `unknown scope ${typed}`, `Portée inconnue : ${typed}. Portées valides : ${valid.join(', ')}.`, { exitCode: 2 });
  if (cause !== undefined) error.cause = cause;
  return error;
}
