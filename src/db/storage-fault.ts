import { basename } from 'node:path';
import { JalonError } from '../domain/errors.js';

/**
 * Why the store cannot take a write: another process holds the write lock (`busy`, worth a retry),
 * the file or its disk is read-only, the disk is full, an I/O error, the file was deleted or
 * replaced while Jalon had it open (`missing` / `replaced`), or it is not a valid database.
 */
export type StorageCause = 'busy' | 'readonly' | 'full' | 'io' | 'missing' | 'replaced' | 'corrupt';

export interface StorageFault {
  cause: StorageCause;
  /** The store file. */
  path: string;
  /** English, for logs and admins: the cause and the file. */
  detail: string;
}

/** The cause of a thrown SQLite error, or null when it is not a storage fault (a bug, bad input). */
export function causeOf(error: unknown): StorageCause | null {
  const code = (error as { code?: unknown })?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return null;
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'busy';
  if (code.startsWith('SQLITE_READONLY')) return 'readonly';
  if (code === 'SQLITE_FULL') return 'full';
  if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN')) return 'io';
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return 'corrupt';
  return null;
}

const DETAIL: Record<StorageCause, string> = {
  busy: 'the database is locked by another process',
  readonly: 'the file or its disk is read-only',
  full: 'the disk is full',
  io: 'disk I/O error',
  missing: 'the file was deleted while Jalon had it open',
  replaced: 'the file was replaced by another while Jalon had it open',
  corrupt: 'the file is not a valid database',
};

const FRENCH: Record<StorageCause, string> = {
  busy: 'la base est occupée par un autre traitement',
  readonly: 'la base est en lecture seule',
  full: 'le disque est plein',
  io: 'erreur d’accès au disque',
  missing: 'le fichier de la base a été supprimé',
  replaced: 'le fichier de la base a été remplacé',
  corrupt: 'le fichier de la base est illisible',
};

export function storageFault(cause: StorageCause, path: string): StorageFault {
  return { cause, path, detail: `${DETAIL[cause]} (${path})` };
}

/** The fault behind a thrown SQLite error, or null when it is something else. */
export function storageFaultOf(error: unknown, path: string): StorageFault | null {
  const cause = causeOf(error);
  return cause ? storageFault(cause, path) : null;
}

/** The cause in French, naming the file (its name only: users need not see server paths). */
export function frenchCause(fault: StorageFault): string {
  return `${FRENCH[fault.cause]} (${basename(fault.path)})`;
}

/**
 * The error a refused write becomes: logs get the cause and the path; the person reads that their
 * change was not recorded, and why.
 */
export function changeNotRecorded(fault: StorageFault): JalonError {
  const retry = fault.cause === 'busy' ? ' Réessayez dans un instant.' : ' Les administrateurs de Jalon sont prévenus.';
  return new JalonError('storage', `write refused: ${fault.detail}`, `Votre modification n’a pas été enregistrée : ${frenchCause(fault)}.${retry}`);
}
