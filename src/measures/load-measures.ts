import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  applySyncPlan,
  countMeasureRows,
  readExistingForSync,
  readKnowledgeHash,
  readMeasureMeta,
  withWriteLock,
  writeMeasureMeta,
  type ExistingMeasure,
  type ExistingMilestone,
  type SyncPlan,
} from '../db/measure-store.js';
import type { Db } from '../db/open-database.js';
import { MONTHS } from '../domain/months.js';
import { parsePeriod, PERIOD_RULES_URL } from '../domain/parse-period.js';
import type { DateLabel, StatusChange } from '../domain/types.js';
import { loadGlossary, type GlossaryEntry } from '../knowledge/load-glossary.js';
import { loadMeasureFiles, type MeasureKnowledge } from '../knowledge/load-measure-files.js';
import type { MeasureEntry } from '../knowledge/measure-schema.js';
import { silentLogger, type Logger } from '../log.js';
import { tokenize } from '../search/normalize.js';
import { seedStatus } from './derive-status.js';
import { measureSearchDoc } from './measure-search-doc.js';
import type { GroupRecord, MeasureKnowledgeState, MeasureRecord, PersonDue, PersonStatus, ProgrammeRecord } from './measure-record.js';

export interface MeasureLoadReport {
  /** False when knowledge/ gave exactly what the store already held: nothing was written. */
  changed: boolean;
  programmes: number;
  measures: number;
  milestones: number;
  /** Left knowledge/ but kept (hidden), because people had set statuses on them. */
  retired: string[];
  /** Left knowledge/ and deleted (nobody had touched them). */
  removed: string[];
  ms: number;
}

export interface LoadMeasuresOptions {
  /** Acronyms whose expansion occurs in a title become lookup aliases of that measure. */
  glossary?: readonly GlossaryEntry[];
  /** Instead of `glossary`: its file, parsed only when the knowledge must be compiled again. */
  glossaryPath?: string;
  logger?: Logger;
  /** Identifies the period parser's rules (default: a hash of its code); another value reads every label again. */
  periodRules?: string;
}

/** Bump when compileMeasureKnowledge changes what it derives from the same files. */
const COMPILE_VERSION = 2;

/**
 * knowledge/measures/ → the store. Idempotent: loading the same files twice writes nothing the
 * second time, and a load only ever rewrites curated fields; statuses people set and the history
 * persist. A missing directory loads nothing (a knowledge/ without measures is valid).
 *
 * Cheap when nothing changed (every CLI command opens Jalon): when the files (by size and
 * modification time, then by content), the glossary, the compiler and the period parser are those
 * of the last load, YAML is not even parsed, and stored dates are not read again.
 */
export function loadMeasures(db: Db, dir: string, options: LoadMeasuresOptions = {}): MeasureLoadReport {
  const t0 = performance.now();
  const nothing = { changed: false, retired: [], removed: [] };
  if (!existsSync(join(dir, 'programmes.yml'))) {
    (options.logger ?? silentLogger).info('no measure knowledge', { dir });
    return { ...nothing, programmes: 0, measures: 0, milestones: 0, ms: performance.now() - t0 };
  }
  // Size and modification time first: an unchanged knowledge/ is neither read nor hashed.
  const names = readdirSync(dir)
    .filter((name) => name.endsWith('.yml'))
    .sort();
  const glossaryFile = options.glossary ? null : (options.glossaryPath ?? null);
  const compiler = { version: COMPILE_VERSION, periods: options.periodRules ?? periodRulesFingerprint() };
  const glossaryStamp = glossaryFile ? statStamp(glossaryFile) : hashOf(options.glossary ?? []);
  const stamp = hashOf({ compiler, glossary: glossaryStamp, files: names.map((name) => statStamp(join(dir, name))) });
  if (readMeasureMeta(db, 'input_stamp') === stamp) return { ...nothing, ...countMeasureRows(db), ms: performance.now() - t0 };
  const files = names.map((name) => [name, readFileSync(join(dir, name), 'utf8')]);
  const glossary = glossaryFile ? loadGlossary(glossaryFile) : (options.glossary ?? []);
  const inputHash = hashOf({ compiler, glossary, files });
  let report: Omit<MeasureLoadReport, 'ms'> = { ...nothing, ...countMeasureRows(db) };
  if (readMeasureMeta(db, 'input_hash') !== inputHash) {
    const state = compileMeasureKnowledge(loadMeasureFiles(dir), glossary);
    report = syncMeasures(db, state, options.logger);
    writeMeasureMeta(db, 'input_hash', inputHash);
  }
  writeMeasureMeta(db, 'input_stamp', stamp);
  return { ...report, ms: performance.now() - t0 };
}

function statStamp(path: string): [string, number, number] {
  const s = statSync(path);
  return [path, s.size, Math.floor(s.mtimeMs)];
}

let periodRules: string | undefined;
/**
 * The period parser's own code, hashed: stored dates were read by it, so when its rules change
 * the next load reads every label again (and only then: dates are not re-parsed at each open).
 */
function periodRulesFingerprint(): string {
  periodRules ??= hashOf([readFileSync(new URL(PERIOD_RULES_URL), 'utf8'), MONTHS]);
  return periodRules;
}

/** Writes a compiled state to the store (skipped when it is what the store already holds). */
export function syncMeasures(db: Db, state: MeasureKnowledgeState, logger: Logger = silentLogger): MeasureLoadReport {
  const t0 = performance.now();
  const hashes = new Map(state.measures.map((m) => [m.id, hashOf(m)]));
  const hash = hashOf({ programmes: state.programmes, groups: state.groups, measures: [...hashes] });
  const counts = {
    programmes: state.programmes.length,
    measures: state.measures.length,
    milestones: state.measures.reduce((n, m) => n + m.milestones.length, 0),
  };
  const result = withWriteLock(db, () => {
    if (readKnowledgeHash(db) === hash) return { changed: false, retired: [], removed: [] };
    const plan = planSync(readExistingForSync(db), state, { hash, hashes });
    applySyncPlan(db, plan);
    return { changed: true, retired: plan.retire, removed: plan.remove };
  });
  if (result.changed) logger.info('measures loaded', { ...counts, retired: result.retired.length, removed: result.removed.length });
  return { ...result, ...counts, ms: performance.now() - t0 };
}

const hashOf = (value: unknown) => createHash('sha1').update(JSON.stringify(value)).digest('base64url');

/**
 * Validated knowledge → the records the store holds: IDs of milestones from file order, date
 * labels read by parsePeriod (an unreadable one keeps its text, with no dates), chantier / pilier
 * from the group (a sub-project's from its parent), acronyms from the glossary. Pure.
 */
export function compileMeasureKnowledge(knowledge: MeasureKnowledge, glossary: readonly GlossaryEntry[] = []): MeasureKnowledgeState {
  const programmes: ProgrammeRecord[] = knowledge.programmes.map((p, i) => ({
    id: p.id,
    code: p.code,
    title: p.title,
    source: p.source,
    asOf: p.asOf,
    position: i,
  }));
  const asOfById = new Map(programmes.map((p) => [p.id, p.asOf]));
  const groups: GroupRecord[] = [];
  const entries: { programmeId: string; entry: MeasureEntry }[] = [];
  for (const { data } of knowledge.files) {
    for (const g of data.groups) {
      groups.push({
        id: g.id,
        programmeId: data.programme,
        kind: g.kind,
        number: g.number,
        title: g.title,
        steering: g.steering ?? null,
        pilots: g.pilots,
        lines: g.lines,
        position: groups.length,
      });
    }
    for (const entry of data.measures) entries.push({ programmeId: data.programme, entry });
  }
  const groupById = new Map(groups.map((g) => [g.id, g]));
  const entryById = new Map(entries.map(({ entry }) => [entry.id, entry]));
  const acronyms = glossaryMatchers(glossary);

  const measures: MeasureRecord[] = entries.map(({ programmeId, entry }, position) => {
    const docDate = asOfById.get(programmeId)!;
    const groupId = entry.group ?? (entry.parent ? entryById.get(entry.parent)?.group : undefined) ?? null;
    const group = groupId ? groupById.get(groupId) : undefined;
    const dateLabel = (label: string | undefined): DateLabel | null => {
      if (label === undefined) return null;
      const period = parsePeriod(label, { docDate });
      return { label, from: period?.from ?? null, to: period?.to ?? null };
    };
    return {
      id: entry.id,
      programmeId,
      groupId,
      chantier: group?.kind === 'chantier' ? group.number : null,
      pilier: group?.kind === 'pilier' ? group.number : null,
      parentId: entry.parent ?? null,
      kind: entry.kind,
      number: entry.number ?? null,
      title: entry.title,
      description: entry.description ?? null,
      pilotsText: entry.pilotsText ?? null,
      arrangements: entry.arrangements ?? null,
      legalVehicle: entry.legalVehicle ?? null,
      financialStakes: entry.financialStakes ?? null,
      statusText: entry.statusText ?? null,
      start: dateLabel(entry.start),
      end: dateLabel(entry.end),
      deliverables: entry.deliverables,
      lines: entry.lines,
      position,
      pilots: entry.pilots,
      aliases: aliasesOf(entry, acronyms),
      milestones: entry.milestones.map((m, i) => {
        const period = m.label === undefined ? null : parsePeriod(m.label, { docDate });
        // "Échéances passées" are past by definition, whatever the flag says.
        const seedDone = m.done || m.kind === 'past';
        return {
          id: `${entry.id}-J${i + 1}`,
          measureId: entry.id,
          position: i,
          kind: m.kind,
          label: m.label ?? null,
          from: period?.from ?? null,
          to: period?.to ?? null,
          due: period?.due ?? null,
          text: m.text,
          seedDone,
          doneOn: seedDone ? achievedOn(m, docDate) : null,
          completes: m.completes,
          lines: m.lines,
        };
      }),
    };
  });
  return { programmes, groups, measures };
}

/**
 * The day from which a milestone the document reports achieved is done: the date it prints for
 * the achievement when that date is not after the document ("Arrêté publié le 08/09", a past item
 * labelled "Juillet 2019"), else the document's date. A progress item's label is its measure's
 * calendar, not when the item happened: only its text can date it.
 */
function achievedOn(m: { label?: string | undefined; text: string; kind: string }, docDate: string): string {
  const candidates = m.kind === 'progress' ? [m.text] : [m.label, m.text];
  for (const text of candidates) {
    const period = text === undefined ? null : parsePeriod(text, { docDate });
    if (period && period.to <= docDate) return period.to;
  }
  return docDate;
}

type AcronymMatcher = { acronym: string; words: string };

function glossaryMatchers(glossary: readonly GlossaryEntry[]): AcronymMatcher[] {
  return glossary.flatMap((g) => {
    const words = tokenize(g.expansion).join(' ');
    // One- or two-word expansions ("appel à projets") would tag too many titles.
    return words.split(' ').length >= 2 ? [{ acronym: g.acronym, words: ` ${words} ` }] : [];
  });
}

/** Curated aliases, then acronyms of the glossary whose expansion the title spells out. */
function aliasesOf(entry: MeasureEntry, acronyms: readonly AcronymMatcher[]): MeasureRecord['aliases'] {
  const out: MeasureRecord['aliases'] = [];
  const seen = new Set<string>();
  const add = (alias: string, kind: 'alias' | 'acronym') => {
    const key = tokenize(alias).join(' ');
    if (!key || seen.has(key)) return;
    seen.add(key);
    out.push({ alias, kind });
  };
  for (const alias of entry.aliases) add(alias, 'alias');
  for (const p of entry.printedAs) add(p.text, 'alias');
  const title = ` ${tokenize(entry.title).join(' ')} `;
  for (const { acronym, words } of acronyms) if (title.includes(words)) add(acronym, 'acronym');
  return out;
}

/**
 * What a load writes, given what the store holds. Person-set milestone statuses and the history
 * follow their milestone when a curator inserts or moves one (matched by text, then by ID when the
 * text was edited in place): IDs are positional, so it may have a new one. A milestone that matches
 * none of the new ones is dropped (its history set aside). A measure that left knowledge/ is
 * deleted, or retired when people touched it. A change of what the documents report is appended
 * to the history as origin "seed". Pure.
 */
export function planSync(
  existing: ReadonlyMap<string, ExistingMeasure>,
  state: MeasureKnowledgeState,
  { hash, hashes }: { hash: string; hashes: Map<string, string> },
): SyncPlan {
  const carried = new Map<string, PersonStatus>();
  const carriedDue = new Map<string, PersonDue>();
  const renamed = new Map<string, string>();
  const dropped: string[] = [];
  const seedHistory: Omit<StatusChange, 'id'>[] = [];
  const unchanged = new Set<string>();
  const fresh = new Set<string>();
  const programmes = new Map(state.programmes.map((p) => [p.id, p]));
  for (const measure of state.measures) {
    const before = existing.get(measure.id);
    if (!before) fresh.add(measure.id);
    else if (!before.retired && before.hash === hashes.get(measure.id)) {
      // Same curated record: its rows, person-set statuses included, stay as they are.
      unchanged.add(measure.id);
      continue;
    }
    const programme = programmes.get(measure.programmeId)!;
    const old = before?.milestones ?? [];
    const matches = matchMilestones(old, measure.milestones);
    measure.milestones.forEach((m, i) => {
      const before = matches[i];
      if (before?.set) carried.set(m.id, before.set);
      if (before?.dueSet) carriedDue.set(m.id, before.dueSet);
      if (before && before.id !== m.id) renamed.set(before.id, m.id);
      if (before ? before.seedDone !== m.seedDone : m.seedDone) {
        seedHistory.push({
          targetId: m.id,
          targetKind: 'milestone',
          measureId: measure.id,
          oldStatus: before ? seedStatus(before.seedDone) : null,
          newStatus: seedStatus(m.seedDone),
          who: programme.source,
          at: `${m.doneOn ?? programme.asOf}T00:00:00.000Z`,
          comment: `lignes ${m.lines[0]}–${m.lines[1]}`,
          origin: 'seed',
        });
      }
    });
    const continued = new Set(matches);
    for (const o of old) if (!continued.has(o)) dropped.push(o.id);
  }
  const kept = new Set(state.measures.map((m) => m.id));
  const gone = [...existing.values()].filter((m) => !kept.has(m.id));
  const searchDocs = new Map(state.measures.filter((m) => !unchanged.has(m.id)).map((m) => [m.id, measureSearchDoc(m)]));
  return {
    state,
    hashes,
    unchanged,
    fresh,
    carried,
    carriedDue,
    renamed,
    dropped,
    retire: gone.filter((m) => m.touched).map((m) => m.id),
    remove: gone.filter((m) => !m.touched).map((m) => m.id),
    seedHistory,
    searchDocs,
    hash,
  };
}

/** For each new milestone, the old one it continues (or undefined): same id and text, same text, same id. */
function matchMilestones(old: readonly ExistingMilestone[], next: readonly { id: string; text: string }[]): (ExistingMilestone | undefined)[] {
  const out: (ExistingMilestone | undefined)[] = next.map(() => undefined);
  if (old.length === 0) return out;
  const used = new Set<ExistingMilestone>();
  const pass = (fits: (o: ExistingMilestone, n: { id: string; text: string }) => boolean) => {
    next.forEach((n, i) => {
      if (out[i]) return;
      const found = old.find((o) => !used.has(o) && fits(o, n));
      if (found) {
        used.add(found);
        out[i] = found;
      }
    });
  };
  pass((o, n) => o.id === n.id && o.text === n.text);
  pass((o, n) => o.text === n.text);
  pass((o, n) => o.id === n.id);
  return out;
}
