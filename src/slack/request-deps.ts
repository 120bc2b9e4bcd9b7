import { writeProbe, type Db } from '../db/open-database.js';
import { claimEvent } from '../db/slack-store.js';
import { changeNotRecorded, storageFaultOf, type StorageFault } from '../db/storage-fault.js';
import { JalonError } from '../domain/errors.js';
import type { Measures } from '../measures/create-measures.js';
import { abortableSleep } from '../abortable-sleep.js';
import type { SlackDeps } from './slack-deps.js';

/** How long a write waits, in short non-blocking steps, for another process's write lock. */
const BUSY_BUDGET_MS = 12_000;
const BUSY_STEP_MS = 100;
const BUSY_MAX_STEP_MS = 1_000;

export const ALREADY_APPLIED = 'Cette modification était déjà enregistrée : la demande est arrivée deux fois.';

/** The handler dependencies of one Slack request, and whether a write of it met the lock of another process. */
export interface RequestDeps {
  deps: SlackDeps;
  /** True when a status change of this request was refused because the store was busy (worth a retry). */
  sawBusy(): boolean;
  clearBusy(): void;
}

/**
 * Dependencies for handling one request: status changes go through the store guard (a store
 * deleted, replaced or read-only refuses them with a message naming the cause), and each is
 * committed together with a mark of the request that asked for it (`applied:<key>`, in the same
 * transaction), so a request run again after a crash, or replayed, never applies it twice.
 */
export function requestDeps(deps: SlackDeps, requestKey: string | undefined): RequestDeps {
  let busy = false;
  const { db, measures, store } = deps;
  const setStatus: Measures['setStatus'] = (id, input) => {
    const fault = store.check();
    if (fault) throw changeNotRecorded(fault);
    try {
      return db
        .transaction(() => {
          if (requestKey && !claimEvent(db, `applied:${requestKey}`, deps.now())) {
            throw new JalonError('conflict', `request ${requestKey} already applied`, ALREADY_APPLIED);
          }
          return measures.setStatus(id, input);
        })
        .immediate();
    } catch (error) {
      const storage = storageFaultOf(error, db.name);
      if (!storage) throw error;
      if (storage.cause === 'busy') busy = true;
      else store.report(storage);
      throw changeNotRecorded(storage);
    }
  };
  return {
    deps: { ...deps, measures: { ...measures, setStatus } },
    sawBusy: () => busy,
    clearBusy: () => {
      busy = false;
    },
  };
}

/**
 * Waits, without blocking the event loop, until no other process holds the store's write lock:
 * null then; the fault when the store cannot be written at all, or still `busy` after `budgetMs`.
 */
export async function untilWritable(db: Db, signal: AbortSignal, budgetMs = BUSY_BUDGET_MS): Promise<StorageFault | null> {
  const started = performance.now();
  for (let step = 0; ; step++) {
    const fault = writeProbe(db);
    if (fault === null || fault.cause !== 'busy' || performance.now() - started > budgetMs) return fault;
    await abortableSleep(Math.min(BUSY_STEP_MS * 2 ** step, BUSY_MAX_STEP_MS / 2), signal);
  }
}

/**
 * Runs a handler with `request`'s deps, and again once the lock is free when its change met
 * another process's write lock (the event loop stays free meanwhile), for up to about 12 s; then
 * the handler's own reply stands (it says the change was not recorded).
 */
export async function runWithStore<T>(request: RequestDeps, signal: AbortSignal, run: (deps: SlackDeps) => Promise<T>): Promise<T> {
  const started = performance.now();
  for (;;) {
    request.clearBusy();
    const result = await run(request.deps);
    const left = BUSY_BUDGET_MS - (performance.now() - started);
    if (!request.sawBusy() || left <= 0 || (await untilWritable(request.deps.db, signal, left)) !== null) return result;
  }
}

/**
 * A write of the Slack adapter itself (feedback): waits without blocking while the store is busy
 * (up to `budgetMs`), refuses at once when it cannot be written, and throws a JalonError saying
 * the write was not recorded, and why.
 */
export async function writeWithRetry<T>(deps: SlackDeps, write: () => T, budgetMs = BUSY_BUDGET_MS): Promise<T> {
  const started = performance.now();
  for (let step = 0; ; step++) {
    const fault = deps.store.check();
    if (fault) throw changeNotRecorded(fault);
    try {
      return write();
    } catch (error) {
      const storage = storageFaultOf(error, deps.db.name);
      if (!storage) throw error;
      if (storage.cause !== 'busy' || performance.now() - started > budgetMs) {
        deps.store.report(storage);
        throw changeNotRecorded(storage);
      }
    }
    await abortableSleep(Math.min(BUSY_STEP_MS * 2 ** step, BUSY_MAX_STEP_MS), deps.work.signal);
  }
}
