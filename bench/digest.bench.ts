/**
 * Figures for digests (never pass/fail): `npx tsx bench/digest.bench.ts` (or `npm run bench digest`).
 * A synthetic store of 100,000 milestones (10,000 measures: Ma santé 2022's 10 chantiers, Ségur's
 * 4 piliers, two programmes without groups; 30 % reported done; 5,000 person-made status changes)
 * is written to a temp file. Then, in a fresh connection, the digests of every scope (18: each
 * chantier, pilier and programme) as of Monday 7 October 2019:
 * - jalon: one read of the store (4 queries + the window's history) shared by all scopes, then a
 *   pure build and Block Kit render per scope;
 * - naive baseline: per scope, listMeasures for that scope, then each measure's history read on
 *   its own (readStatusHistory, the N+1 pattern), filtered to the window.
 * Also: one scope alone (what a single subscription's post costs), and a scheduler tick with 200
 * subscriptions and nothing due (what every minute costs).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { appendStatusHistory, readStatusHistory, withWriteLock, writePersonStatus } from '../src/db/measure-store.js';
import { openDatabase } from '../src/db/open-database.js';
import { addSubscription } from '../src/db/slack-store.js';
import { buildDigest } from '../src/digest/build-digest.js';
import { digestFromSource, loadDigestSource } from '../src/digest/load-digest-source.js';
import { createDigestPoster } from '../src/digest/post-digests.js';
import { renderDigestBlocks } from '../src/digest/render-digest-blocks.js';
import { localDay } from '../src/digest/zoned-time.js';
import { STATUSES, type Scope, type StatusChange } from '../src/domain/types.js';
import { silentLogger } from '../src/log.js';
import { formatScope, listMeasures } from '../src/measures/list-measures.js';
import { syncMeasures } from '../src/measures/load-measures.js';
import type { MeasureKnowledgeState, MeasureRecord } from '../src/measures/measure-record.js';

const TZ = 'Europe/Paris';
const NOW = new Date('2019-10-07T07:00:00Z');
const SINCE = new Date('2019-09-30T07:00:00Z');
const MEASURES = 10_000;
const PER_MEASURE = 10;
const CHANGES = 5_000;
const RUNS = 5;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;
function time<T>(fn: () => T): [number, T] {
  const t0 = performance.now();
  const value = fn();
  return [performance.now() - t0, value];
}

/** A deterministic pseudo-random sequence (no Math.random: figures must be repeatable). */
let seed = 42;
const rand = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const day = (from: string, spanDays: number) => new Date(Date.parse(`${from}T00:00:00Z`) + Math.floor(rand() * spanDays) * 86_400_000).toISOString().slice(0, 10);

function syntheticState(): MeasureKnowledgeState {
  const programmes = [
    { id: 'ma-sante-2022', code: 'MS', title: 'Ma santé 2022', source: 'ms.txt', asOf: '2019-09-30', position: 0 },
    { id: 'segur', code: 'SEGUR', title: 'Ségur de la santé', source: 'segur.txt', asOf: '2020-12-15', position: 1 },
    { id: 'stss', code: 'STSS', title: 'STSS', source: 'stss.txt', asOf: '2018-01-31', position: 2 },
    { id: 'cfe-cgc', code: 'CFE', title: 'CFE-CGC', source: 'cfe.txt', asOf: '2020-06-01', position: 3 },
  ];
  const groups: MeasureKnowledgeState['groups'] = [];
  for (let c = 1; c <= 10; c++) groups.push({ id: `MS-C${c}`, programmeId: 'ma-sante-2022', kind: 'chantier', number: c, title: `CHANTIER ${c}`, steering: null, pilots: [], lines: [1, 2], position: c });
  for (let p = 1; p <= 4; p++) groups.push({ id: `SEGUR-P${p}`, programmeId: 'segur', kind: 'pilier', number: p, title: `PILIER ${p}`, steering: null, pilots: [], lines: [1, 2], position: 10 + p });
  const measures: MeasureRecord[] = [];
  for (let i = 0; i < MEASURES; i++) {
    const slot = i % 16; // 10 chantiers, 4 piliers, 2 programmes without groups
    const [programmeId, groupId, chantier, pilier, prefix] =
      slot < 10 ? ['ma-sante-2022', `MS-C${slot + 1}`, slot + 1, null, `MS-C${slot + 1}-P`] : slot < 14 ? ['segur', `SEGUR-P${slot - 9}`, null, slot - 9, 'SEGUR-M'] : slot === 14 ? ['stss', null, null, null, 'STSS-M'] : ['cfe-cgc', null, null, null, 'CFE-P'];
    const id = `${prefix}${i}`;
    measures.push({
      id,
      programmeId,
      groupId,
      chantier,
      pilier,
      parentId: null,
      kind: 'measure',
      number: i,
      title: `Mesure synthétique n° ${i} pour la transformation du système de santé`,
      description: null,
      pilotsText: null,
      arrangements: null,
      legalVehicle: null,
      financialStakes: null,
      statusText: null,
      start: null,
      end: null,
      deliverables: [],
      lines: [1, 2],
      position: i,
      pilots: ['DGOS', 'CNAM', `Pilote ${i % 97}`],
      aliases: [],
      milestones: Array.from({ length: PER_MEASURE }, (_, j) => {
        const due = day('2018-06-01', 4 * 365);
        return {
          id: `${id}-J${j + 1}`,
          measureId: id,
          position: j,
          kind: 'planned' as const,
          label: due,
          from: due,
          to: due,
          text: `Jalon ${j + 1} de la mesure ${i} : publication, concertation et déploiement sur les territoires`,
          due,
          ...((done) => ({ seedDone: done, doneOn: done ? programmes.find((p) => p.id === programmeId)!.asOf : null }))(rand() < 0.3),
          completes: false,
          lines: [1, 1] as [number, number],
        };
      }),
    });
  }
  return { programmes, groups, measures };
}

const dir = mkdtempSync(join(tmpdir(), 'jalon-digest-bench-'));
const file = join(dir, 'jalon.db');
{
  const db = openDatabase(file);
  const state = syntheticState();
  const [buildMs] = time(() => syncMeasures(db, state));
  // Person-made changes over 2019, a third of them in the digest's week.
  withWriteLock(db, () => {
    for (let k = 0; k < CHANGES; k++) {
      const m = state.measures[Math.floor(rand() * MEASURES)]!;
      const ms = m.milestones[Math.floor(rand() * PER_MEASURE)]!;
      const at = k % 3 === 0 ? new Date(SINCE.getTime() + rand() * 7 * 86_400_000) : new Date(Date.parse('2019-01-01T00:00:00Z') + rand() * 270 * 86_400_000);
      const status = STATUSES[Math.floor(rand() * STATUSES.length)]!;
      writePersonStatus(db, { kind: 'milestone', id: ms.id }, { status, by: 'Bench', at: at.toISOString() });
      appendStatusHistory(db, { targetId: ms.id, targetKind: 'milestone', measureId: m.id, oldStatus: null, newStatus: status, who: 'Bench', at: at.toISOString(), comment: 'bench', origin: 'cli' });
    }
  });
  for (let s = 0; s < 200; s++) addSubscription(db, { channel: `C${String(s).padStart(6, '0')}`, scope: s % 2 ? `chantier:${(s % 10) + 1}` : `pilier:${(s % 4) + 1}`, createdBy: 'bench', createdAt: '2019-01-01T00:00:00.000Z' });
  process.stdout.write(`synthetic store: ${MEASURES} measures, ${MEASURES * PER_MEASURE} milestones, ${CHANGES} changes, written in ${ms(buildMs)}\n`);
  db.close();
}

const scopes: Scope[] = [
  ...Array.from({ length: 10 }, (_, i): Scope => ({ kind: 'chantier', number: i + 1 })),
  ...Array.from({ length: 4 }, (_, i): Scope => ({ kind: 'pilier', number: i + 1 })),
  ...['ma-sante-2022', 'segur', 'stss', 'cfe-cgc'].map((id): Scope => ({ kind: 'programme', id })),
];
const rows: [string, string, string][] = [];
const options = { timeZone: TZ, horizonDays: 14 };

// ── All scopes ──────────────────────────────────────────────────────────────────────────────
const fast: number[] = [];
const naive: number[] = [];
let check = '';
let naiveCheck = '';
for (let r = 0; r < RUNS; r++) {
  const conn = openDatabase(file);
  fast.push(
    time(() => {
      const source = loadDigestSource(conn, { scope: null, now: NOW, since: SINCE, timeZone: TZ });
      const digests = scopes.map((scope) => digestFromSource(source, scope, options));
      for (const d of digests) renderDigestBlocks(d);
      check = digests.map((d) => `${d.stats.overdue}/${d.stats.upcoming}/${d.changed.length}/${d.done.length}`).join(' ');
    })[0],
  );
  conn.close();
  const conn2 = openDatabase(file);
  naive.push(
    time(() => {
      const digests = scopes.map((scope) => {
        const measures = listMeasures(conn2, scope, localDay(NOW, TZ));
        const history: StatusChange[] = measures.flatMap((m) => readStatusHistory(conn2, { measureId: m.id }));
        const digest = buildDigest({ scope, scopeKey: formatScope(scope), measures, history, now: NOW, since: SINCE, ...options });
        renderDigestBlocks(digest);
        return digest;
      });
      naiveCheck = digests.map((d) => `${d.stats.overdue}/${d.stats.upcoming}/${d.changed.length}/${d.done.length}`).join(' ');
    })[0],
  );
  conn2.close();
}
// The naive path does not rewind statuses set after NOW; the synthetic changes all precede the
// week's end, so both must agree.
if (check !== naiveCheck) process.stdout.write(`warning: digests differ\n  jalon ${check}\n  naive ${naiveCheck}\n`);
row(`all ${scopes.length} scopes' digests, built + rendered (100k milestones), median`, ms(median(fast)), `naive per-scope + N+1 history ${ms(median(naive))} (×${(median(naive) / median(fast)).toFixed(1)})`);

// ── One scope ───────────────────────────────────────────────────────────────────────────────
{
  const conn = openDatabase(file);
  const one: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    one.push(
      time(() => {
        const scope: Scope = { kind: 'chantier', number: 3 };
        renderDigestBlocks(digestFromSource(loadDigestSource(conn, { scope, now: NOW, since: SINCE, timeZone: TZ }), scope, options));
      })[0],
    );
  }
  row('one scope (chantier:3, 10k milestones), read + build + render, median', ms(median(one)), '');
  conn.close();
}

// ── A tick with nothing due ─────────────────────────────────────────────────────────────────
{
  const conn = openDatabase(file);
  let now = new Date('2019-10-09T10:00:00Z'); // a Wednesday: nothing due, last Monday's runs skipped once
  const poster = createDigestPoster({
    db: conn,
    slack: { chat: { postMessage: async () => ({ ok: true, ts: '1' }) }, conversations: { open: async () => ({ ok: true }) } },
    settings: { timezone: TZ, cron: '0 9 * * 1', horizonDays: 14, graceHours: 10, skipEmpty: false, admins: [] },
    now: () => now,
    sleep: async () => {},
    logger: silentLogger,
  });
  await poster.postDue();
  const ticks: number[] = [];
  for (let r = 0; r < 20; r++) {
    now = new Date(now.getTime() + 60_000);
    const t0 = performance.now();
    await poster.postDue();
    ticks.push(performance.now() - t0);
  }
  row('scheduler tick, 200 subscriptions, nothing due, median of 20', ms(median(ticks)), '');
  conn.close();
}
if (process.env.KEEP_BENCH_DB) process.stdout.write(`kept ${file}\n`);
else rmSync(dir, { recursive: true, force: true });

function row(what: string, value: string, baseline: string) {
  rows.push([what, value, baseline]);
}
const w0 = Math.max(...rows.map((r) => r[0].length));
const w1 = Math.max(...rows.map((r) => r[1].length));
process.stdout.write(`digest bench (node ${process.version}, median of ${RUNS} runs unless said; fresh connection each run)\n`);
for (const [a, b, c] of rows) process.stdout.write(`  ${a.padEnd(w0)}  ${b.padStart(w1)}  ${c}\n`);
