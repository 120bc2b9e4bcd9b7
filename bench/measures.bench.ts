/**
 * Figures for the measure database (never pass/fail): `npx tsx bench/measures.bench.ts`.
 * - load: knowledge/measures → a fresh store (YAML, validation, periods, SQL), and a reload that
 *   changes nothing;
 * - find: p50/p95 of fuzzy lookups against a naive full-scan filter (every query word contained in
 *   the folded title);
 * - export: every measure as XLSX and as CSV (sheet built from the store, file written in memory);
 * - scale: the real catalogue copied until it holds 100,000 measures (≈147k milestones), written to
 *   a temp file by this bench; then find (p50/p95, in process) against a title LIKE scan, show,
 *   "open + list --scope" against reading every measure, a scope's digest, and a whole
 *   `jalon measure find` process against `jalon --help` (dist/: run `npm run build` first).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { readStoredMeasures } from '../src/db/measure-store.js';
import { digestFromSource, loadDigestSource } from '../src/digest/load-digest-source.js';
import { openDatabase } from '../src/db/open-database.js';
import { loadGlossary } from '../src/knowledge/load-glossary.js';
import { loadMeasureFiles } from '../src/knowledge/load-measure-files.js';
import { createMeasures } from '../src/measures/create-measures.js';
import { isoDay } from '../src/measures/derive-status.js';
import { parseScope } from '../src/measures/list-measures.js';
import { compileMeasureKnowledge, loadMeasures, syncMeasures } from '../src/measures/load-measures.js';
import type { MeasureKnowledgeState } from '../src/measures/measure-record.js';
import { toMeasure } from '../src/measures/measure-json.js';
import { writeMeasureSheet } from '../src/measures/measure-spreadsheet.js';
import { foldText } from '../src/search/normalize.js';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const measuresDir = join(root, 'knowledge/measures');
const glossary = loadGlossary(join(root, 'knowledge/glossary.yml'));
const now = () => new Date('2020-12-16T09:00:00Z');
const RUNS = 7;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;
const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 1)} ms`;
function time<T>(fn: () => T): [number, T] {
  const t0 = performance.now();
  const value = fn();
  return [performance.now() - t0, value];
}
const rows: [string, string, string][] = [];
const row = (what: string, value: string, baseline = '') => {
  rows.push([what, value, baseline]);
};

// ── Load ────────────────────────────────────────────────────────────────────────────────────
const loads: number[] = [];
const reloads: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const db = openDatabase(':memory:');
  loads.push(time(() => loadMeasures(db, measuresDir, { glossary }))[0]);
  reloads.push(time(() => loadMeasures(db, measuresDir, { glossary }))[0]);
  db.close();
}
const db = openDatabase(':memory:');
const report = loadMeasures(db, measuresDir, { glossary });
row(`load knowledge (${report.measures} measures, ${report.milestones} milestones), first run`, ms(loads[0]!));
row('load knowledge, median', ms(median(loads)));
row('reload, nothing changed (files stat-ed, not read), median', ms(median(reloads)));

// ── Find ────────────────────────────────────────────────────────────────────────────────────
const measures = createMeasures(db, { now });
const [indexMs] = time(() => measures.find('index warm-up'));
row('first find (statements prepared)', ms(indexMs));
const catalogue = readStoredMeasures(db);
// Queries people type: two or three title words (one of them mistyped), acronyms, pilots, ids.
const queries = catalogue.flatMap((m, i) => {
  const words = m.title.split(/\s+/).filter((w) => w.length > 4);
  const typo = (w: string) => (w.length > 5 ? w.slice(0, 2) + w.slice(3) : w);
  const out = [words.slice(0, 3).join(' ')];
  if (words.length > 2) out.push(`${typo(words[1]!)} ${words[2]}`);
  if (m.aliases[0]) out.push(m.aliases[0].alias);
  if (m.pilots[i % Math.max(1, m.pilots.length)]) out.push(m.pilots[i % m.pilots.length]!);
  out.push(m.id.replace(/^[A-Z]+-/, ''));
  return out.filter(Boolean);
});
const findTimes: number[] = [];
const naiveTimes: number[] = [];
const folded = catalogue.map((m) => ({ id: m.id, text: foldText(`${m.title} ${m.aliases.map((a) => a.alias).join(' ')} ${m.pilots.join(' ')}`) }));
for (let rep = 0; rep < 3; rep++) {
  for (const q of queries) {
    findTimes.push(time(() => measures.find(q, 5))[0]);
    naiveTimes.push(
      time(() => {
        const words = foldText(q).split(/\s+/);
        return folded.filter((m) => words.every((w) => m.text.includes(w))).slice(0, 5);
      })[0],
    );
  }
}
row(`find p50 (${queries.length} queries × 3)`, ms(median(findTimes)), `naive scan ${ms(median(naiveTimes))}`);
row('find p95', ms(pct(findTimes, 95)), `naive scan ${ms(pct(naiveTimes, 95))}`);

// ── Export ──────────────────────────────────────────────────────────────────────────────────
{
  const all = createMeasures(db, { now });
  for (const format of ['xlsx', 'csv'] as const) {
    await writeMeasureSheet(all.sheet(null), format); // loads exceljs once
    const times: number[] = [];
    let rowsOut = 0;
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const sheet = all.sheet(null);
      await writeMeasureSheet(sheet, format);
      times.push(performance.now() - t0);
      rowsOut = sheet.sheets.reduce((n, x) => n + x.rows.length, 0);
    }
    row(`export every measure as ${format.toUpperCase()} (${rowsOut} rows), median`, ms(median(times)));
  }
}

// ── Scale: 100k measures ────────────────────────────────────────────────────────────────────
// The real catalogue copied until it holds 100,000 measures (≈147k milestones), written to a temp
// file by this bench; then, in fresh connections, each command against a simple baseline.
const base = compileMeasureKnowledge(loadMeasureFiles(measuresDir), glossary);
const factor = Math.ceil(100_000 / base.measures.length);
const copyId = (id: string, k: number) => (k === 0 ? id : `${id}X${k}`);
const big: MeasureKnowledgeState = {
  programmes: base.programmes,
  groups: base.groups,
  measures: Array.from({ length: factor }, (_, k) =>
    base.measures.map((m) => ({
      ...m,
      id: copyId(m.id, k),
      parentId: m.parentId === null ? null : copyId(m.parentId, k),
      position: k * base.measures.length + m.position,
      milestones: m.milestones.map((ms) => ({ ...ms, id: `${copyId(m.id, k)}-J${ms.position + 1}`, measureId: copyId(m.id, k) })),
    })),
  ).flat(),
};
const dir = mkdtempSync(join(tmpdir(), 'jalon-bench-'));
const file = join(dir, 'big.db');
{
  const bigDb = openDatabase(file);
  const [seedMs, r] = time(() => syncMeasures(bigDb, big));
  row(`scale ${factor}×: write ${r.measures} measures, ${r.milestones} milestones (once)`, ms(seedMs));
  bigDb.close();
}
{
  const conn = openDatabase(file);
  const bigMeasures = createMeasures(conn, { now });
  const sample = [...queries.slice(0, 150), 'CPTS', 'hopitaux de proximite', 'mesure 26', 'pilier 4', 'financement de la psychiatire'];
  bigMeasures.find('warm-up', 5);
  const times: number[] = [];
  const naive: number[] = [];
  // Baseline: what a plain SQL lookup does without an index — every query word LIKE'd over titles.
  const like = conn.prepare("SELECT id FROM measures WHERE retired = 0 AND title LIKE '%' || ? || '%' LIMIT 5");
  for (let rep = 0; rep < 2; rep++) {
    for (const q of sample) {
      times.push(time(() => bigMeasures.find(q, 5))[0]);
      naive.push(time(() => like.all(foldText(q).split(/\s+/).sort((x, y) => y.length - x.length)[0] ?? ''))[0]);
    }
  }
  row(`scale: find p50 (${sample.length} queries × 2, in process)`, ms(median(times)), `title LIKE scan ${ms(median(naive))}`);
  row('scale: find p95', ms(pct(times, 95)), `title LIKE scan ${ms(pct(naive, 95))}`);
  const shows = sample.slice(0, 40).map(() => time(() => bigMeasures.get('SEGUR-M26X200'))[0]);
  row('scale: show one measure (get), median', ms(median(shows)));
  conn.close();
}
for (const scopeText of ['chantier:3', 'pilier:2']) {
  const scoped: number[] = [];
  const naive: number[] = [];
  let count = 0;
  const scope = parseScope(scopeText);
  for (let i = 0; i < 5; i++) {
    scoped.push(
      time(() => {
        const conn = openDatabase(file);
        count = createMeasures(conn, { now }).list(scope).length;
        conn.close();
      })[0],
    );
    naive.push(
      time(() => {
        const conn = openDatabase(file);
        const today = isoDay(now());
        const all = readStoredMeasures(conn).map((m) => toMeasure(m, today));
        const hit = all.filter((m) => (scope.kind === 'chantier' ? m.chantier === scope.number : scope.kind === 'pilier' && m.pilier === scope.number));
        conn.close();
        return hit;
      })[0],
    );
  }
  row(`scale: open + list --scope ${scopeText} (${count} measures), median`, ms(median(scoped)), `read all + filter ${ms(median(naive))}`);
}
{
  const digests: number[] = [];
  for (let i = 0; i < 5; i++) {
    digests.push(
      time(() => {
        const conn = openDatabase(file);
        const scope = parseScope('chantier:3');
        const at = now();
        digestFromSource(loadDigestSource(conn, { scope, now: at, since: new Date(at.getTime() - 7 * 86_400_000), timeZone: 'Europe/Paris' }), scope, { timeZone: 'Europe/Paris', horizonDays: 14 });
        conn.close();
      })[0],
    );
  }
  row('scale: open + digest --scope chantier:3, median', ms(median(digests)));
}
// Whole processes, as a person runs them (dist/ from `npm run build`): the knowledge directory is
// empty, so the store written above is what the command reads.
{
  const emptyKnowledge = join(dir, 'knowledge');
  mkdirSync(emptyKnowledge);
  const env = { ...process.env, JALON_DB: file, JALON_KNOWLEDGE_DIR: emptyKnowledge, LOG_LEVEL: 'silent', JALON_NOW: '2020-12-16' };
  const run = (args: string[]) => time(() => execFileSync(process.execPath, [join(root, 'bin/jalon.js'), ...args], { env, stdio: 'pipe' }))[0];
  const find: number[] = [];
  const help: number[] = [];
  run(['measure', 'find', 'CPTS']);
  for (let i = 0; i < 7; i++) {
    help.push(run(['--help']));
    find.push(run(['measure', 'find', 'CPTS', '--json']));
  }
  row('scale: `jalon measure find CPTS` whole process, median', ms(median(find)), `jalon --help ${ms(median(help))}`);
}
rmSync(dir, { recursive: true, force: true });

const w0 = Math.max(...rows.map((r) => r[0].length));
const w1 = Math.max(...rows.map((r) => r[1].length));
process.stdout.write(`measures bench (node ${process.version}, median of ${RUNS} runs unless said)\n`);
for (const [a, b, c] of rows) process.stdout.write(`  ${a.padEnd(w0)}  ${b.padStart(w1)}  ${c}\n`);
