import { readProgrammes } from '../db/measure-store.js';
import type { Db } from '../db/open-database.js';
import { JalonError } from '../domain/errors.js';
import type { ProgrammeRecord } from './measure-record.js';

/**
 * The programme a person named by id or code ("segur", "MS"; any case). An unknown one is a
 * not_found error listing the programmes there are: lists, digests and subscriptions say the same.
 */
export function resolveProgramme(db: Db, typed: string): ProgrammeRecord {
  const programmes = readProgrammes(db);
  const wanted = typed.toLowerCase();
  const found = programmes.find((p) => p.id === wanted || p.code.toLowerCase() === wanted);
  if (found) return found;
  throw new JalonError(
    'not_found',
    `unknown programme ${typed}`,
    `Programme inconnu : ${typed}. Programmes : ${programmes.map((p) => p.id).join(', ') || 'aucun'}.`,
  );
}
