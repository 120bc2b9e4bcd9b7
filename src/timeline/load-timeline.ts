import type { Db } from '../db/open-database.js';
import { buildDigest, inScope, type Digest, type DigestMeasure } from '../digest/build-digest.js';
import { loadDigestSource, type DigestSource } from '../digest/load-digest-source.js';
import type { Measure, Scope } from '../domain/types.js';
import type { Measures } from '../measures/create-measures.js';
import { formatScope, parseScope } from '../measures/list-measures.js';
import { checkScope } from '../measures/check-scope.js';
import { buildTimeline, type Timeline, type TimelineOptions } from './build-timeline.js';

/** What a timeline is drawn of: a scope (null = every measure), or one measure with its sub-projects. */
export type TimelineTarget = { kind: 'scope'; scope: Scope | null } | { kind: 'measure'; measure: Measure; ids: string[] };

const SCOPE_WORD = /^\s*(chantier|pilier|programme|program)\b/i;

/** Whether a typed target names a scope ("chantier:3", "pilier 2"), not a measure. */
export const looksLikeScope = (typed: string): boolean => SCOPE_WORD.test(typed);

/**
 * Reads what a person typed after `frise` / `measure timeline`: a scope ("chantier:3", "pilier 2",
 * "programme:segur"), checked against the store (an unknown one lists the valid scopes), else a
 * measure ID (an unknown one suggests the nearest IDs). A project's picture includes its sub-projects.
 */
export function resolveTimelineTarget(db: Db, measures: Measures, typed: string): TimelineTarget {
  if (looksLikeScope(typed)) return { kind: 'scope', scope: checkScope(db, parseScope(typed)) };
  const measure = measures.get(typed);
  const children = measures.list(scopeOfMeasure(measure)).filter((m) => m.parent === measure.id);
  return { kind: 'measure', measure, ids: [measure.id, ...children.map((m) => m.id)] };
}

/** The narrowest scope holding a measure: what the store reads for its picture. */
function scopeOfMeasure(m: Pick<Measure, 'chantier' | 'pilier' | 'programme'>): Scope {
  if (m.chantier !== null) return { kind: 'chantier', number: m.chantier };
  if (m.pilier !== null) return { kind: 'pilier', number: m.pilier };
  return { kind: 'programme', id: m.programme };
}

export interface TimelineSettings {
  now: Date;
  timeZone: string;
  horizonDays: number;
  maxRows?: number;
}

/**
 * The timeline of a target as of `now`, with statuses as they stood then (the digest's rules and
 * reading: a replayed day shows that day).
 */
export function loadTimeline(db: Db, target: TimelineTarget, settings: TimelineSettings): Timeline {
  const scope = target.kind === 'scope' ? target.scope : scopeOfMeasure(target.measure);
  const source = loadDigestSource(db, { scope, now: settings.now, since: settings.now, timeZone: settings.timeZone });
  return timelineFromSource(source, target, settings);
}

/** The timeline of a target from a source already read (several pictures from one read). */
export function timelineFromSource(source: DigestSource, target: TimelineTarget, settings: Omit<TimelineSettings, 'now'>): Timeline {
  const options: TimelineOptions = settings.maxRows === undefined ? {} : { maxRows: settings.maxRows };
  if (target.kind === 'scope') {
    const measures = source.measures.filter((m) => inScope(m, target.scope));
    return buildTimeline(digestOf(source, target.scope, measures, settings), measures, options);
  }
  const wanted = new Set(target.ids);
  const measures = source.measures.filter((m) => wanted.has(m.id));
  const digest = digestOf(source, null, measures, settings);
  return buildTimeline(digest, measures, {
    ...options,
    rowsAre: target.ids.length === 1 ? 'milestones' : 'measures',
    title: `${target.measure.id} — ${target.measure.title}`,
    subject: target.measure.id,
  });
}

function digestOf(source: DigestSource, scope: Scope | null, measures: DigestMeasure[], settings: Omit<TimelineSettings, 'now'>): Digest {
  return buildDigest({
    scope,
    scopeKey: scope ? formatScope(scope) : null,
    measures,
    history: [],
    now: source.now,
    since: source.now,
    timeZone: settings.timeZone,
    horizonDays: settings.horizonDays,
    programmeTitles: source.programmeTitles,
  });
}
