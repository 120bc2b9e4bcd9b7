import type { StoredMeasure } from './measure-record.js';

export interface LintIssue {
  level: 'error' | 'warning';
  /** Measure or milestone id. */
  id: string;
  /** Where to look in the seed document: "file:from-to". */
  source: string;
  /** What is wrong, in French, for curators. */
  message: string;
}

const where = (file: string, lines: readonly [number, number]) => `${file}:${lines[0]}-${lines[1]}`;
const key = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * Data problems of the measure database, for `jalon measure lint`: date labels the period parser
 * cannot read (kept as text, with no date — never invented), inconsistent dates, dangling group
 * or parent references, duplicates, and records that left knowledge/ but keep people's statuses.
 * Pure: works on what the store holds (retired records included).
 */
export function lintMeasures(measures: readonly StoredMeasure[]): LintIssue[] {
  const issues: LintIssue[] = [];
  const ids = new Set(measures.map((m) => m.id));
  const titles = new Map<string, string>();
  for (const m of measures) {
    const file = m.programme.source;
    const add = (level: LintIssue['level'], message: string, id = m.id, lines = m.lines) =>
      issues.push({ level, id, source: where(file, lines), message });
    if (m.retired) {
      add('warning', 'ne figure plus dans knowledge/ ; conservée (masquée) car des statuts y ont été posés');
      continue;
    }
    for (const [name, d] of [['début', m.start], ['fin', m.end]] as const) {
      if (d && d.from === null) add('warning', `date de ${name} illisible : « ${d.label} » (gardée sans date)`);
    }
    if (m.start?.from && m.end?.to && m.start.from > m.end.to) {
      add('warning', `début « ${m.start.label} » après la fin « ${m.end.label} »`);
    }
    if (m.groupId === null) add('warning', 'sans groupe (chantier, pilier, objectif ou thème)');
    else if (m.groupTitle === null) add('error', `groupe inconnu : ${m.groupId}`);
    if (m.parentId !== null && !ids.has(m.parentId)) add('error', `projet parent inconnu : ${m.parentId}`);
    const titleKey = `${m.programmeId} ${key(m.title)}`;
    const twin = titles.get(titleKey);
    if (twin) add('warning', `même titre que ${twin}`);
    else titles.set(titleKey, m.id);
    const pilots = m.pilots.map(key);
    const dupPilots = pilots.filter((p, i) => pilots.indexOf(p) !== i);
    if (dupPilots.length) add('warning', `pilote en double : ${[...new Set(dupPilots)].join(', ')}`);
    const seen = new Map<string, string>();
    for (const ms of m.milestones) {
      if (ms.label !== null && ms.from === null) add('warning', `date illisible : « ${ms.label} » (gardée sans date)`, ms.id, ms.lines);
      // Progress items carry their measure's whole calendar as label: only dated items can clash.
      if (ms.seedDone && ms.kind !== 'progress' && ms.from !== null && ms.from > m.programme.asOf) {
        add('warning', `rapporté fait au ${m.programme.asOf} mais daté « ${ms.label} »`, ms.id, ms.lines);
      }
      const msKey = `${key(ms.label ?? '')}|${key(ms.text)}`;
      const first = seen.get(msKey);
      if (first) add('warning', `même jalon que ${first}`, ms.id, ms.lines);
      else seen.set(msKey, ms.id);
    }
  }
  return issues;
}
