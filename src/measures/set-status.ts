import { appendStatusHistory, measureIdOfMilestone, readStoredMeasures, withWriteLock, writePersonStatus } from '../db/measure-store.js';
import type { Db } from '../db/open-database.js';
import { JalonError } from '../domain/errors.js';
import type { Status, StatusChange } from '../domain/types.js';
import { isoDay } from './derive-status.js';
import { toMeasure } from './measure-json.js';
import { parseStatus } from './parse-status.js';

export interface SetStatusInput {
  /** English id or French word ("en cours"); anything else is refused with the valid list. */
  status: string;
  who: string;
  comment?: string | null | undefined;
  origin: 'slack' | 'cli';
}

export interface StatusTarget {
  kind: 'measure' | 'milestone';
  id: string;
}

/**
 * Nothing to do: the target already shows that status and no comment came with it. Nothing is
 * written (no person status, no history row, `id` 0). It is a StatusChange with old = new so that
 * callers typed with StatusChange (Measures.setStatus) keep working; those that announce changes
 * test `isUnchanged` first.
 */
export interface UnchangedStatus extends StatusChange {
  unchanged: true;
  id: 0;
  oldStatus: Status;
}

export type SetStatusResult = StatusChange | UnchangedStatus;

/** True when setStatus wrote nothing: the status was already the one asked for. */
export function isUnchanged(change: StatusChange): change is UnchangedStatus {
  return 'unchanged' in change && change.unchanged === true;
}

const MAX_WHO = 100;
const MAX_COMMENT = 2000;

/**
 * A person sets the status of a measure or milestone. Read, write and history append happen in one
 * BEGIN IMMEDIATE transaction: a second process waits (busy timeout) instead of reading a status
 * about to change, so no update is lost, and each change is in the history exactly once, with
 * `oldStatus` = the status shown just before it. Setting the status it already shows, without a
 * comment, changes nothing and records nothing (an UnchangedStatus): the history lists changes.
 */
export function setStatus(db: Db, target: StatusTarget, input: SetStatusInput, now: Date): SetStatusResult {
  const status = parseStatus(input.status);
  const who = input.who.trim();
  if (!who || who.length > MAX_WHO) {
    throw new JalonError('invalid_input', 'invalid author', `Auteur invalide (1 à ${MAX_WHO} caractères).`);
  }
  const comment = input.comment?.trim() || null;
  if (comment && comment.length > MAX_COMMENT) {
    throw new JalonError('invalid_input', 'comment too long', `Commentaire trop long (${MAX_COMMENT} caractères au plus).`);
  }
  const at = now.toISOString();
  return withWriteLock(db, () => {
    const measureId = target.kind === 'measure' ? target.id : measureIdOfMilestone(db, target.id);
    const stored = measureId ? readStoredMeasures(db, { ids: [measureId] })[0] : undefined;
    const shown = stored ? toMeasure(stored, isoDay(now)) : undefined;
    const old = target.kind === 'measure' ? shown?.status : shown?.milestones.find((m) => m.id === target.id)?.status;
    if (!stored || old === undefined) {
      const what = target.kind === 'measure' ? 'Mesure' : 'Jalon';
      throw new JalonError('not_found', `no ${target.kind} ${target.id}`, `${what} introuvable : ${target.id}`);
    }
    const change = { targetId: target.id, targetKind: target.kind, measureId: stored.id, oldStatus: old, newStatus: status, who, at, comment, origin: input.origin };
    // Nothing to record: the same status again, with nothing to say about it.
    if (old === status && comment === null) return { unchanged: true, id: 0, ...change } satisfies UnchangedStatus;
    writePersonStatus(db, target, { status, by: who, at });
    return appendStatusHistory(db, change);
  });
}
