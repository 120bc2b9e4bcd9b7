import { readGroups, readProgrammes } from '../db/measure-store.js';
import type { Db } from '../db/open-database.js';
import { JalonError } from '../domain/errors.js';
import type { Scope } from '../domain/types.js';
import { resolveProgramme } from './resolve-programme.js';

/** "chantier:1 à chantier:10": consecutive numbers of one kind as a range. */
function ranges(kind: string, numbers: readonly number[]): string[] {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    const [a, b] = [sorted[i]!, sorted[j]!];
    out.push(b - a >= 2 ? `${kind}:${a} à ${kind}:${b}` : a === b ? `${kind}:${a}` : `${kind}:${a}, ${kind}:${b}`);
    i = j + 1;
  }
  return out;
}

/** The scopes the store holds, as people type them: "chantier:1 à chantier:10, pilier:1 à pilier:5, programme:segur, …". */
export function validScopes(db: Db): string {
  const groups = readGroups(db);
  const numbers = (kind: 'chantier' | 'pilier') => groups.filter((g) => g.kind === kind).map((g) => g.number);
  const parts = [...ranges('chantier', numbers('chantier')), ...ranges('pilier', numbers('pilier')), ...readProgrammes(db).map((p) => `programme:${p.id}`)];
  return parts.join(', ') || 'aucune';
}

/**
 * A scope that exists in the store, its programme named by id ("programme:ms" →
 * "programme:ma-sante-2022"). An unknown chantier, pilier or programme is an error that lists the
 * valid scopes (exit code 2 in the CLI): an unknown scope must never read as "nothing late".
 */
export function checkScope(db: Db, scope: Scope): Scope {
  if (scope.kind === 'programme') {
    try {
      return { kind: 'programme', id: resolveProgramme(db, scope.id).id };
    } catch {
      // Unknown: said below with every valid scope, not only the programmes.
    }
  } else if (readGroups(db).some((g) => g.kind === scope.kind && g.number === scope.number)) {
    return scope;
  }
  const typed = scope.kind === 'programme' ? `programme:${scope.id}` : `${scope.kind}:${scope.number}`;
  throw new JalonError('not_found', `unknown scope ${typed}`, `Portée inconnue : ${typed}. Portées valides : ${validScopes(db)}.`, { exitCode: 2 });
}
