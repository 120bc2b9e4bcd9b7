import type { StatusChange } from '../domain/types.js';
import type { PersonStatus } from '../measures/measure-record.js';

/**
 * The store keeps only the latest status a person set. Replaying an earlier day (--as-of,
 * JALON_NOW) must not show a status set after it: such a status is replaced by the last one the
 * history records for that target up to `now`, or by none. These two functions do that; pure.
 */

/** The last person-made change (not origin "seed") of each target up to `now`. */
export function lastPersonChanges(history: readonly StatusChange[], now: Date): Map<string, StatusChange> {
  const nowIso = now.toISOString();
  const last = new Map<string, StatusChange>();
  for (const change of history) {
    if (change.origin === 'seed' || change.at > nowIso) continue;
    const prev = last.get(change.targetId);
    if (!prev || change.at > prev.at || (change.at === prev.at && change.id > prev.id)) last.set(change.targetId, change);
  }
  return last;
}

/** A target's person-set status as it stood at `nowIso`. */
export function personStatusAsOf(targetId: string, set: PersonStatus | null, last: ReadonlyMap<string, StatusChange>, nowIso: string): PersonStatus | null {
  if (!set || set.at <= nowIso) return set;
  const change = last.get(targetId);
  return change ? { status: change.newStatus, by: change.who, at: change.at } : null;
}
