import { storeFileFault, storeIsReadOnly, type Db } from '../db/open-database.js';
import { frenchCause, storageFault, type StorageCause, type StorageFault } from '../db/storage-fault.js';
import type { Logger } from '../log.js';
import { escapeMrkdwn } from './escape-mrkdwn.js';

export interface StoreGuard {
  /**
   * Null when the store may be written. When its file was deleted or replaced since it was opened
   * (or it opened read-only), the fault: writes on the connection are switched off for good
   * (SQLite would go on writing to the unlinked file) and the admins are told once.
   */
  check(): StorageFault | null;
  /** A write failed with this fault (read-only, disk full…): logged, admins told (once an hour per cause). */
  report(fault: StorageFault): void;
  /** Checks the file every few seconds, so a deletion is noticed without waiting for a write. */
  start(): void;
  stop(): void;
}

export interface StoreGuardOptions {
  db: Db;
  logger: Logger;
  /** Sends a DM to every admin (JALON_ADMINS); failures are the sender's to log. */
  tellAdmins: (text: string) => Promise<void>;
  everyMs?: number;
}

const CHECK_EVERY_MS = 5_000;
const TELL_AGAIN_MS = 3600_000;

/** The admins' notice for a fault, in French, naming the file and the cause. */
export function storeFaultNotice(fault: StorageFault): string {
  const lasting = fault.cause === 'missing' || fault.cause === 'replaced';
  const action = lasting
    ? 'Restaurez le fichier (ou remettez l’original en place), puis redémarrez Jalon : il refusera de repartir sur une base vide sans que vous le décidiez.'
    : 'Libérez de la place ou rendez le fichier modifiable : les enregistrements reprendront d’eux-mêmes.';
  return (
    `:warning: *Jalon ne peut plus enregistrer de modifications* : ${escapeMrkdwn(frenchCause(fault))}.\n` +
    `Fichier : \`${escapeMrkdwn(fault.path)}\`. Les questions reçoivent toujours une réponse ; chaque changement de statut est refusé avec un message. ${action}`
  );
}

/** Watches the store file and reports write faults, loudly but once. */
export function createStoreGuard(options: StoreGuardOptions): StoreGuard {
  const { db, logger } = options;
  let detached: StorageFault | null = storeIsReadOnly(db) ? storageFault('readonly', db.name) : null;
  const told = new Map<StorageCause, number>();
  let timer: NodeJS.Timeout | undefined;

  const tell = (fault: StorageFault) => {
    const last = told.get(fault.cause);
    const now = Date.now();
    if (last !== undefined && now - last < TELL_AGAIN_MS) return;
    told.set(fault.cause, now);
    logger.error('store cannot be written', { cause: fault.cause, detail: fault.detail });
    options.tellAdmins(storeFaultNotice(fault)).catch((error: unknown) => logger.warn('admins not told of the store fault', { error: (error as Error)?.message }));
  };

  const check = (): StorageFault | null => {
    if (detached) return detached;
    const fault = storeFileFault(db);
    if (!fault) return null;
    detached = fault;
    try {
      db.pragma('query_only = ON');
    } catch (error) {
      logger.error('could not switch the store to read-only', { error: (error as Error)?.message });
    }
    tell(fault);
    return fault;
  };

  return {
    check,
    report(fault) {
      if (fault.cause === 'busy') {
        logger.warn('store busy', { detail: fault.detail });
        return;
      }
      tell(fault);
    },
    start() {
      if (detached) tell(detached);
      timer ??= setInterval(check, options.everyMs ?? CHECK_EVERY_MS);
      timer.unref();
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
  };
}
