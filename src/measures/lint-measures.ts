import { foldText } from '../search/normalize.js';
import { STATUS_FR } from '../domain/types.js';
import type { StoredMeasure } from './measure-record.js';
import { toMeasure } from './measure-json.js';

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

/**
 * Words by which a line reports something achieved (participles and their agreements, laws
 * passed): "Textes publiés", "Arrêté publié", "Accord signé", "PPL adoptée", "Mesure en PLFSS 2021".
 * "engagé", "en cours", "lancement" report work going on, not done.
 */
const ACHIEVED =
  /\b(?:publie|signe|adopte|promulgue|vote|installe|lance|cree|delegue|diffuse|inscrit|effectue|realise|ouvert|designe|remis|valide|finalise|deploye|attribue|notifie|transmis|generalise|obtenu|ajoute|conforte|stabilise|entre en vigueur)(?:e|s|es)?\b|\b(?:a eu lieu|s'est tenu|date d'effet|en p?lfss \d{4}|dans (?:la )?loi|delegation d|envoi d|promulgation|signature|ouverture d|annonce d)/;

/** The achievement a text reports ("publiés"), or null. */
export function achievementIn(text: string): string | null {
  return ACHIEVED.exec(foldText(text).replace(/[’]/g, "'"))?.[0] ?? null;
}
const key = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * Data problems of the measure database, for `jalon measure lint`: date labels the period parser
 * cannot read (kept as text, with no date — never invented), inconsistent dates, dangling group
 * or parent references, duplicates, records that left knowledge/ but keep people's statuses, and
 * every record whose status derived from the documents no cited line explains (done without a
 * line saying so, a milestone reported done whose line reports nothing achieved, or the reverse).
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
    // The status derived from the documents alone, as of their date, and the line that explains it.
    const derived = toMeasure({ ...m, set: null, milestones: m.milestones.map((ms) => ({ ...ms, set: null, dueSet: null })) }, m.programme.asOf);
    const completing = m.milestones.find((ms) => ms.completes && ms.seedDone);
    if (derived.status === 'done' && !(completing && achievementIn(completing.text))) {
      add('warning', 'statut calculé « fait » sans ligne citée qui dise la mesure achevée');
    }
    if (derived.status === 'planned' && m.statusText && achievementIn(m.statusText)) {
      add('warning', `statut calculé « ${STATUS_FR.planned} », mais la ligne citée dit « ${achievementIn(m.statusText)} » (jalon à ajouter ?)`);
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
      // The status the document gives must be what its cited line says.
      // A dated item of a progress report, dated when the report was written, reports an event.
      const datedEvent = ms.kind === 'calendar' && ms.from !== null && ms.from <= m.programme.asOf;
      if (ms.seedDone && ms.kind !== 'past' && !datedEvent && !achievementIn(ms.text)) {
        add('warning', 'rapporté fait, mais la ligne citée ne dit rien d’achevé', ms.id, ms.lines);
      }
      // A target set in the future ("Plan d’actions finalisé : fin T2-2021") says what is to be achieved.
      const future = ms.to !== null && ms.to > m.programme.asOf && ms.kind !== 'progress';
      if (!ms.seedDone && !future && (ms.kind === 'progress' || ms.kind === 'calendar') && achievementIn(ms.text)) {
        add('warning', `la ligne citée dit « ${achievementIn(ms.text)} », mais le jalon n’est pas fait`, ms.id, ms.lines);
      }
      if (ms.completes && !ms.seedDone) add('error', 'achève la mesure (completes) mais n’est pas rapporté fait', ms.id, ms.lines);
      const msKey = `${key(ms.label ?? '')}|${key(ms.text)}`;
      const first = seen.get(msKey);
      if (first) add('warning', `même jalon que ${first}`, ms.id, ms.lines);
      else seen.set(msKey, ms.id);
    }
  }
  return issues;
}
