import { DEFAULT_TIME_ZONE, localDay } from '../digest/zoned-time.js';
import type { Status } from '../domain/types.js';

/**
 * "Today" as an ISO day, the local day in `timeZone` (JALON_TZ): a card, a list and a digest read
 * at 00:30 in Paris must all see the same day, and digests use the local day.
 */
export const isoDay = (now: Date, timeZone: string = DEFAULT_TIME_ZONE): string => localDay(now, timeZone);

/** The initial status the documents give a milestone: done when reported achieved, else planned. */
export const seedStatus = (seedDone: boolean): Status => (seedDone ? 'done' : 'planned');

export interface MilestoneFacts {
  /** What a person set last, if anyone did. */
  set: Status | null;
  /** Reported as achieved by the document. */
  seedDone: boolean;
  /** The day from which that report holds (the achievement date printed, else the document's date). */
  doneOn: string | null;
  /** The deadline; null when undated or when the label only says when it starts. */
  due: string | null;
}

/**
 * A milestone's shown status: the last one a person set; else "done" when the document reported
 * it achieved (from the day it says, else its own date: replaying an earlier day must not know the
 * future); else "late" once its deadline has passed (a milestone without one never is); else
 * "planned".
 */
export function milestoneStatus(m: MilestoneFacts, today: string): Status {
  if (m.set) return m.set;
  if (m.seedDone && m.doneOn !== null && today >= m.doneOn) return 'done';
  if (m.due !== null && m.due < today) return 'late';
  return 'planned';
}

/**
 * A measure's shown status: the last one a person set; else "done" when a milestone that achieves
 * the whole measure is done (the document, or a person, says so for the measure: texts published,
 * agreement signed…); else from its milestones' shown statuses (cancelled ones left out): any late
 * → late; any blocked → blocked; any done or in progress → in progress (what is done is recorded,
 * the measure goes on); else planned (also with no milestones at all).
 */
export function measureStatus(set: Status | null, milestones: readonly Status[], completed = false): Status {
  if (set) return set;
  if (completed) return 'done';
  const active = milestones.filter((s) => s !== 'cancelled');
  if (active.length === 0) return milestones.length > 0 ? 'cancelled' : 'planned';
  if (active.includes('late')) return 'late';
  if (active.includes('blocked')) return 'blocked';
  if (active.some((s) => s === 'done' || s === 'in_progress')) return 'in_progress';
  return 'planned';
}
