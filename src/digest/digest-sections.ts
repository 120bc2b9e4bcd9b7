import { STATUS_FR } from '../domain/types.js';
import type { Digest } from './build-digest.js';
import { formatDayShort } from './format-day-fr.js';
import { localDay } from './zoned-time.js';

export type SectionKey = 'overdue' | 'upcoming' | 'changed' | 'done';

/** A piece of an item's detail: raw words, or a person as the history records them (a Slack user id…). */
export type DetailPart = string | { person: string };

/** One item of a section, in words, before any surface styles it. Texts are raw (unescaped). */
export interface SectionItem {
  measureId: string;
  measureTitle: string;
  pilots: string[];
  /** Milestone (or measure) ID. */
  id: string;
  text: string;
  /** Words and persons: each surface writes them its own way (see detailText). */
  detail: DetailPart[];
  /** A person's comment on a change, if any. */
  comment: string | null;
}

export interface DigestSection {
  key: SectionKey;
  emoji: string;
  title: string;
  /** How many items the section has in all. */
  total: number;
  /** The first items (up to the limit asked), most important first. */
  items: SectionItem[];
}

export interface MeasureGroup {
  measureId: string;
  measureTitle: string;
  pilots: string[];
  items: SectionItem[];
}

const MAX_TEXT = 140;
const MAX_LABEL = 60;
const MAX_COMMENT = 200;

/** Cuts a raw text to `max` characters with "…" (before escaping, so no entity is split). */
export const shorten = (text: string, max: number): string => {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : `${t.slice(0, max - 1).trimEnd()}…`;
};

const dueWords = (label: string | null, due: string) => `échéance ${label ? shorten(label, MAX_LABEL) : formatDayShort(due)}`;
const byWhom = (who: string, origin: string): DetailPart[] => (origin === 'seed' ? ["d'après le document"] : ['par ', { person: shorten(who, 60) }]);

/**
 * An item's detail as one string: `text` writes the words (escapes them for mrkdwn), `person` the
 * persons — a mention in Slack (personLabel), the recorded name in a terminal.
 */
export function detailText(detail: readonly DetailPart[], style: { text: (raw: string) => string; person: (who: string) => string }): string {
  return detail.map((part) => (typeof part === 'string' ? style.text(part) : style.person(part.person))).join('');
}

/**
 * The digest's non-empty sections, in reading order: overdue, upcoming, changed, done, each with
 * its first `limit` items put in words (a big scope has thousands; only a few are shown). Pure.
 */
export function digestSections(digest: Digest, limit = Infinity): DigestSection[] {
  const day = (instant: string) => formatDayShort(localDay(new Date(instant), digest.timeZone));
  const first = <T>(items: readonly T[]) => (limit >= items.length ? items : items.slice(0, limit));
  const base = (m: { measureId: string; measureTitle: string; pilots: string[]; id: string; text: string }) => ({
    measureId: m.measureId,
    measureTitle: m.measureTitle,
    pilots: m.pilots,
    id: m.id,
    text: shorten(m.text, MAX_TEXT),
  });
  const sections: DigestSection[] = [
    {
      key: 'overdue',
      emoji: '🔴',
      title: 'En retard',
      total: digest.overdue.length,
      items: first(digest.overdue).map((m) => ({
        ...base(m),
        detail: [`${dueWords(m.label, m.due!)} · ${m.daysLate} j de retard`],
        comment: null,
      })),
    },
    {
      key: 'upcoming',
      emoji: '🗓️',
      title: `À échéance sous ${digest.horizonDays} jours`,
      total: digest.upcoming.length,
      items: first(digest.upcoming).map((m) => ({
        ...base(m),
        detail: [`${dueWords(m.label, m.due!)} · ${m.daysLeft === 0 ? "aujourd'hui" : `dans ${m.daysLeft} j`}`],
        comment: null,
      })),
    },
    {
      key: 'changed',
      emoji: '🔄',
      title: 'Changements de statut',
      total: digest.changed.length,
      items: first(digest.changed).map((c) => ({
        measureId: c.measureId,
        measureTitle: c.measureTitle,
        pilots: c.pilots,
        id: c.targetId,
        text: shorten(c.targetText, MAX_TEXT),
        detail: [`${c.oldStatus ? STATUS_FR[c.oldStatus] : '—'} → ${STATUS_FR[c.newStatus]} · `, ...byWhom(c.who, c.origin), `, le ${day(c.at)}`],
        comment: c.comment ? shorten(c.comment, MAX_COMMENT) : null,
      })),
    },
    {
      key: 'done',
      emoji: '✅',
      title: 'Faits depuis le dernier point',
      total: digest.done.length,
      items: first(digest.done).map((m) => ({
        ...base(m),
        detail: [`fait le ${day(m.doneAt)} · `, ...byWhom(m.doneBy, m.origin)],
        comment: null,
      })),
    },
  ];
  return sections.filter((s) => s.total > 0);
}

/** Items grouped by measure (the project), groups in the order of their first item. */
export function groupByMeasure(items: readonly SectionItem[]): MeasureGroup[] {
  const groups = new Map<string, MeasureGroup>();
  for (const item of items) {
    let group = groups.get(item.measureId);
    if (!group) {
      group = { measureId: item.measureId, measureTitle: item.measureTitle, pilots: item.pilots, items: [] };
      groups.set(item.measureId, group);
    }
    group.items.push(item);
  }
  return [...groups.values()];
}

/**
 * The /mesure command that lists a whole section, for "+N autres — …" (the Slack app's verbs:
 * retards, prochains); null for changes and completions, which no command lists by scope.
 */
export function sectionCommand(key: SectionKey, scopeKey: string | null): string | null {
  const scope = scopeKey ? ` ${scopeKey}` : '';
  return key === 'overdue' ? `/mesure retards${scope}` : key === 'upcoming' ? `/mesure prochains${scope}` : null;
}
