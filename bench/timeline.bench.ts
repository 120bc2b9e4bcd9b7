/**
 * Figures for timeline pictures and the App Home dashboard (never pass/fail):
 * `npx tsx bench/timeline.bench.ts` (or `npm run bench timeline`). On the shipped measure database
 * as of Monday 7 October 2019:
 * - the picture of the largest chantier (most milestones), in process: read + build the timeline,
 *   lay it out as SVG (Vega, from a Vega-Lite specification compiled once), rasterise it (resvg)
 *   — against the text digest of the same chantier (read + build + render as text), a simple
 *   baseline in the same run; the first picture (libraries loading) apart; whether every run gave
 *   the same bytes; and the CPU time the process spent, which other jobs on a shared machine do
 *   not inflate as much as the wall time;
 * - a synthetic chantier of 2,000 projects (10,000 milestones): rows are capped at 40, so the cost
 *   is bounded whatever the scope's size (here every kept row is overdue: 200 days-late labels);
 * - the App Home: dashboard (one read, every scope) + Block Kit view, against a naive baseline that
 *   reads the store once per scope.
 */
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { loadDashboard } from '../src/dashboard/load-dashboard.js';
import { openDatabase } from '../src/db/open-database.js';
import { buildDigest, type DigestMeasure } from '../src/digest/build-digest.js';
import { digestFromSource, loadDigestSource } from '../src/digest/load-digest-source.js';
import { renderDigestText } from '../src/digest/render-digest-text.js';
import type { Milestone, Scope } from '../src/domain/types.js';
import { loadGlossary } from '../src/knowledge/load-glossary.js';
import { loadMeasures } from '../src/measures/load-measures.js';
import { buildHomeView } from '../src/slack/blocks/build-home-view.js';
import { buildTimeline } from '../src/timeline/build-timeline.js';
import { loadTimeline } from '../src/timeline/load-timeline.js';
import { renderTimelinePng, renderTimelineSvg } from '../src/timeline/render-timeline-png.js';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const NOW = new Date('2019-10-07T07:00:00Z');
const TZ = 'Europe/Paris';
const RUNS = 9;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;
/** CPU time of this process during the last `time` call: on a shared machine, what an idle one would wait. */
let lastCpu = 0;
async function time<T>(fn: () => T | Promise<T>): Promise<[number, T]> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await fn();
  const elapsed = performance.now() - t0;
  const c = process.cpuUsage(c0);
  lastCpu = (c.user + c.system) / 1000;
  return [elapsed, value];
}
const rows: [string, string, string][] = [];
const row = (what: string, value: string, baseline = '') => void rows.push([what, value, baseline]);

const db = openDatabase(':memory:');
loadMeasures(db, join(root, 'knowledge/measures'), { glossary: loadGlossary(join(root, 'knowledge/glossary.yml')) });

// The largest chantier: the most milestones.
const all = loadDigestSource(db, { scope: null, now: NOW, since: NOW, timeZone: TZ });
const sizes = new Map<number, number>();
for (const m of all.measures) if (m.chantier !== null) sizes.set(m.chantier, (sizes.get(m.chantier) ?? 0) + m.milestones.length);
const [largest, milestones] = [...sizes].sort((a, b) => b[1] - a[1])[0]!;
const scope: Scope = { kind: 'chantier', number: largest };
const target = { kind: 'scope' as const, scope };
const settings = { now: NOW, timeZone: TZ, horizonDays: 14 };

// ── The picture of the largest chantier ────────────────────────────────────────────────────
const [first] = await time(async () => renderTimelinePng(loadTimeline(db, target, settings)));
const whole: number[] = [];
const wholeCpu: number[] = [];
const data: number[] = [];
const svg: number[] = [];
const text: number[] = [];
const hashes = new Set<string>();
let size = '';
for (let i = 0; i < RUNS; i++) {
  const [total, picture] = await time(async () => renderTimelinePng(loadTimeline(db, target, settings)));
  whole.push(total);
  wholeCpu.push(lastCpu);
  hashes.add(createHash('sha256').update(picture.png).digest('hex'));
  size = `${picture.width} × ${picture.height} px, ${Math.round(picture.png.length / 1024)} KB`;
  const [dataMs, timeline] = await time(() => loadTimeline(db, target, settings));
  data.push(dataMs);
  svg.push((await time(() => renderTimelineSvg(timeline)))[0]);
  text.push(
    (
      await time(() => {
        const source = loadDigestSource(db, { scope, now: NOW, since: new Date(NOW.getTime() - 7 * 86_400_000), timeZone: TZ });
        return renderDigestText(digestFromSource(source, scope, { timeZone: TZ, horizonDays: 14 }));
      })
    )[0],
  );
}
row(`picture of chantier ${largest} (${milestones} milestones; ${size}), first in process (libraries load)`, ms(first));
row(`picture of chantier ${largest}, read + build + SVG + PNG, median`, ms(median(whole)), `text digest of the same chantier ${ms(median(text))}`);
row('  the same, CPU time of the process (median)', ms(median(wholeCpu)));
row('  of which read + build the timeline', ms(median(data)));
row('  of which lay out as SVG (Vega; the specification compiled once per process)', ms(median(svg)));
row(`same bytes in all ${RUNS} runs`, hashes.size === 1 ? 'yes' : `no (${hashes.size} different)`);

// ── A synthetic chantier of 2,000 projects ─────────────────────────────────────────────────
const day = (i: number) => new Date(Date.UTC(2018, 0, 1) + ((i * 37) % 2200) * 86_400_000).toISOString().slice(0, 10);
const synthetic: DigestMeasure[] = Array.from({ length: 2000 }, (_, i) => ({
  id: `MS-C42-P${i + 1}`,
  programme: 'ma-sante-2022',
  chantier: 42,
  pilier: null,
  title: `Projet synthétique numéro ${i + 1} du chantier d’essai`,
  groupTitle: 'SYNTHÉTIQUE',
  pilots: [],
  milestones: Array.from({ length: 5 }, (_, j): Milestone => {
    const due = day(i * 5 + j);
    return { id: `MS-C42-P${i + 1}-J${j + 1}`, label: due, due, from: due, to: due, text: 'Jalon', status: (i + j) % 3 === 0 ? 'done' : 'planned', kind: 'planned', source: { file: 's', lines: [1, 1] } };
  }),
}));
const big: number[] = [];
for (let i = 0; i < 5; i++) {
  big.push(
    (
      await time(async () => {
        const digest = buildDigest({ scope: { kind: 'chantier', number: 42 }, scopeKey: 'chantier:42', measures: synthetic, history: [], now: NOW, since: NOW, timeZone: TZ, horizonDays: 14 });
        return renderTimelinePng(buildTimeline(digest, synthetic));
      })
    )[0],
  );
}
row('picture of a synthetic chantier (2,000 projects, 10,000 milestones; 40 rows drawn), median', ms(median(big)));

// ── App Home ───────────────────────────────────────────────────────────────────────────────
const home: number[] = [];
const naive: number[] = [];
let blocks = 0;
for (let i = 0; i < RUNS; i++) {
  const [homeMs, view] = await time(() => buildHomeView({ userId: 'U1', isAdmin: true, subscriptions: { shown: [], unchecked: 0 }, dashboard: loadDashboard(db, { now: NOW, timeZone: TZ }) }));
  home.push(homeMs);
  blocks = view.blocks.length;
  naive.push(
    (
      await time(() => {
        const scopes: Scope[] = [...new Set(all.measures.map((m) => m.programme))].map((id) => ({ kind: 'programme', id }));
        for (const m of all.measures) {
          if (m.chantier !== null && !scopes.some((s) => s.kind === 'chantier' && s.number === m.chantier)) scopes.push({ kind: 'chantier', number: m.chantier });
          if (m.pilier !== null && !scopes.some((s) => s.kind === 'pilier' && s.number === m.pilier)) scopes.push({ kind: 'pilier', number: m.pilier });
        }
        for (const s of scopes) digestFromSource(loadDigestSource(db, { scope: s, now: NOW, since: NOW, timeZone: TZ }), s, { timeZone: TZ, horizonDays: 3650 });
      })
    )[0],
  );
}
row(`App Home: dashboard of every programme, chantier and pilier + view (${blocks} blocks), median`, ms(median(home)), `one read per scope ${ms(median(naive))}`);

const width = Math.max(...rows.map((r) => r[0].length));
for (const [what, value, baseline] of rows) console.log(`${what.padEnd(width)}  ${value.padStart(9)}${baseline ? `   baseline: ${baseline}` : ''}`);
db.close();
