/**
 * Figures for the measure database (never pass/fail): `npx tsx bench/measures.bench.ts`.
 * - load: knowledge/measures → a fresh store (YAML, validation, periods, SQL), and a reload that
 *   changes nothing;
 * - find: p50/p95 of fuzzy lookups against a naive full-scan filter (every query word contained in
 *   the folded title);
 * - scale: the real catalogue copied until it holds ≥ 50k milestones (≥ 100×), written to a temp
 *   file; then, in a fresh connection, "open + list --scope" against a naive baseline that reads
 *   every measure and filters in memory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { readStoredMeasures } from '../src/db/measure-store.js';
import { openDatabase } from '../src/db/open-database.js';
import { loadGlossary } from '../src/knowledge/load-glossary.js';
import { loadMeasureFiles } from '../src/knowledge/load-measure-files.js';
import { createMeasures } from '../src/measures/create-measures.js';
import { isoDay } from '../src/measures/derive-status.js';
import { parseScope } from '../src/measures/list-measures.js';
import { compileMeasureKnowledge, loadMeasures, syncMeasures } from '../src/measures/load-measures.js';
import type { MeasureKnowledgeState } from '../src/measures/measure-record.js';
import { toMeasure } from '../src/measures/measure-json.js';
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
row('reload, nothing changed (files hashed, YAML not parsed), median', ms(median(reloads)));

// ── Find ────────────────────────────────────────────────────────────────────────────────────
const measures = createMeasures(db, { now });
const [indexMs] = time(() => measures.find('index warm-up'));
row('build lookup index (first find)', ms(indexMs));
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

// ── Scale ───────────────────────────────────────────────────────────────────────────────────
const base = compileMeasureKnowledge(loadMeasureFiles(measuresDir), glossary);
const baseMilestones = base.measures.reduce((n, m) => n + m.milestones.length, 0);
const factor = Math.max(100, Math.ceil(50_000 / Math.max(1, baseMilestones)));
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
  row(`scale ${factor}×: write ${r.measures} measures, ${r.milestones} milestones`, ms(seedMs));
  bigDb.close();
}
for (const scopeText of ['chantier:3', 'pilier:2', 'programme:segur']) {
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
        const hit = all.filter((m) =>
          scope.kind === 'programme' ? m.programme === scope.id : scope.kind === 'chantier' ? m.chantier === scope.number : m.pilier === scope.number,
        );
        conn.close();
        return hit;
      })[0],
    );
  }
  row(`scale: open + list --scope ${scopeText} (${count} measures), median`, ms(median(scoped)), `read all + filter ${ms(median(naive))}`);
}
{
  const conn = openDatabase(file);
  const bigMeasures = createMeasures(conn, { now });
  const [bigIndexMs] = time(() => bigMeasures.find('warm-up'));
  const times = queries.slice(0, 200).map((q) => time(() => bigMeasures.find(q, 5))[0]);
  row('scale: build lookup index', ms(bigIndexMs));
  row('scale: find p50', ms(median(times)));
  conn.close();
}
rmSync(dir, { recursive: true, force: true });

const w0 = Math.max(...rows.map((r) => r[0].length));
const w1 = Math.max(...rows.map((r) => r[1].length));
process.stdout.write(`measures bench (node ${process.version}, median of ${RUNS} runs unless said)\n`);
for (const [a, b, c] of rows) process.stdout.write(`  ${a.padEnd(w0)}  ${b.padStart(w1)}  ${c}\n`);
