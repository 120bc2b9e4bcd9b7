/**
 * `npm run bench -- --scale N`: Jalon on a synthetic corpus of about N MB, beside plain FTS5 on the
 * same files, in one run. The corpus is the shipped documents' lines recombined into ~100 KB
 * documents (runs of consecutive lines from random places, so headings and paragraphs keep their
 * shape); it is written once under the system's temp directory and reused. Figures only.
 *
 * - `jalon index` on an empty store: wall time and peak memory of the whole process;
 * - start-up: `jalon --help`, and commands on the existing store (`ask`, `search`, `measure find`),
 *   whole processes, medians of 5;
 * - questions: `jalon ask --jsonl` over the dev questions in one process (per-question p50/p95 and
 *   peak memory), against a bm25 query on plain FTS5 over 120-word windows of the same files;
 * - store size against the text size.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const scaleArg = process.argv.indexOf('--scale');
const megabytes = Number(process.argv[scaleArg + 1] ?? 5);
if (scaleArg < 0 || !Number.isFinite(megabytes) || megabytes <= 0) throw new Error('usage: npm run bench -- --scale <megabytes>');
const questionsPath = resolve(root, '../shared/eval/questions.dev.jsonl');
if (!existsSync(questionsPath)) throw new Error(`question set missing: ${questionsPath} (the scale bench replays the dev questions)`);
if (!existsSync(join(root, 'dist/cli.js'))) throw new Error('dist/ missing: run npm run build first');
const questions = readFileSync(questionsPath, 'utf8')
  .trim()
  .split('\n')
  .map((l, i) => ({ id: String(i), question: (JSON.parse(l) as { question: string }).question }));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;
const fmt = (x: number, unit = 'ms') => `${x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : Math.round(x)} ${unit}`;

// ── The corpus ────────────────────────────────────────────────────────────────────────────────
const work = join(tmpdir(), `jalon-scale-${megabytes}mb`);
const seedsDir = join(work, 'seeds');
function generate(): void {
  const marker = join(work, 'generated');
  if (existsSync(marker)) return;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(seedsDir, { recursive: true });
  const sources = readdirSync(join(root, 'seeds'))
    .filter((f) => f.endsWith('.txt'))
    .map((f) => readFileSync(join(root, 'seeds', f), 'utf8').split('\n'));
  // A small deterministic generator: the same N gives the same corpus.
  let seed = 42;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const target = megabytes * 1_000_000;
  let written = 0;
  for (let n = 1; written < target; n++) {
    const lines: string[] = [];
    let size = 0;
    while (size < 100_000) {
      const source = sources[Math.floor(random() * sources.length)]!;
      const from = Math.floor(random() * source.length);
      const run = source.slice(from, from + 20 + Math.floor(random() * 60));
      lines.push(...run, '');
      size += run.reduce((s, l) => s + Buffer.byteLength(l) + 1, 1);
    }
    writeFileSync(join(seedsDir, `doc-${String(n).padStart(5, '0')}.txt`), lines.join('\n'));
    written += size;
  }
  writeFileSync(marker, String(written));
}
const t0 = performance.now();
generate();
const files = readdirSync(seedsDir);
const textBytes = files.reduce((s, f) => s + statSync(join(seedsDir, f)).size, 0);
console.log(`# scale: ${files.length} documents, ${fmt(textBytes / 1e6, 'MB')} of text (${fmt(performance.now() - t0)} to generate or find)`);

// ── Whole commands ──────────────────────────────────────────────────────────────────────────
const dbPath = join(work, 'jalon.db');
const report = join(work, 'report.jsonl');
// The shipped knowledge, but a catalogue of no documents: the synthetic ones are indexed under their names.
const knowledgeDir = join(work, 'knowledge');
if (!existsSync(knowledgeDir)) {
  mkdirSync(knowledgeDir);
  for (const entry of readdirSync(join(root, 'knowledge'))) if (entry !== 'sources.yml') symlinkSync(join(root, 'knowledge', entry), join(knowledgeDir, entry));
  writeFileSync(join(knowledgeDir, 'sources.yml'), '[]\n');
}
const env: NodeJS.ProcessEnv = { ...process.env, JALON_SEEDS_DIR: seedsDir, JALON_KNOWLEDGE_DIR: knowledgeDir, JALON_DB: dbPath, LOG_LEVEL: 'error', JALON_BENCH_REPORT: report };
delete env.SLACK_BOT_TOKEN;
function measured(args: string[], input?: string): { wallMs: number; maxRssMb: number; stdout: string } {
  rmSync(report, { force: true });
  const t = performance.now();
  const run = spawnSync(process.execPath, [join(root, 'bench/measured-cli.mjs'), ...args], { env, input, encoding: 'utf8', maxBuffer: 1 << 30 });
  const wallMs = performance.now() - t;
  if (run.status !== 0) throw new Error(`jalon ${args.join(' ')} failed: ${run.stderr}`);
  const line = JSON.parse(readFileSync(report, 'utf8').trim().split('\n').at(-1)!) as { maxRssMb: number };
  return { wallMs, maxRssMb: line.maxRssMb, stdout: run.stdout };
}
const wall = (args: string[]) => {
  const t = performance.now();
  const run = spawnSync(process.execPath, [join(root, 'bin/jalon.js'), ...args], { env, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`jalon ${args.join(' ')} failed: ${run.stderr}`);
  return performance.now() - t;
};

for (const f of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) rmSync(f, { force: true });
const index = measured(['index']);
const storeBytes = statSync(dbPath).size + (existsSync(`${dbPath}-wal`) ? statSync(`${dbPath}-wal`).size : 0);

// Plain FTS5 over 120-word windows of the same files, in its own store.
const baselinePath = join(work, 'baseline.db');
rmSync(baselinePath, { force: true });
const baseline = new Database(baselinePath);
const tb = performance.now();
baseline.exec("CREATE VIRTUAL TABLE w USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')");
const insert = baseline.prepare('INSERT INTO w (body) VALUES (?)');
for (const file of files) {
  const words = readFileSync(join(seedsDir, file), 'utf8').split(/\s+/);
  baseline.transaction(() => {
    for (let i = 0; i < words.length; i += 120) insert.run(words.slice(i, i + 120).join(' '));
  })();
}
const baselineIndexMs = performance.now() - tb;
const baselineSearch = baseline.prepare('SELECT rowid FROM w WHERE w MATCH ? ORDER BY bm25(w) LIMIT 5');
const baselineQuery = (q: string) => (q.toLowerCase().match(/[\p{L}\d]{3,}/gu) ?? []).map((w) => `"${w}"`).join(' OR ');
const baselineTimes: number[] = [];
for (let round = 0; round < 3; round++) {
  for (const { question } of questions) {
    const m = baselineQuery(question);
    if (!m) continue;
    const t = performance.now();
    baselineSearch.all(m);
    baselineTimes.push(performance.now() - t);
  }
}
baseline.close();

// Start-up, whole processes: --help, then commands on the existing store.
const starts = (args: string[]) => median(Array.from({ length: 5 }, () => wall(args)));
wall(['--help']);
const help = starts(['--help']);
// An empty question opens everything a question needs, then has nothing to search: start-up alone.
const ready = starts(['ask', '']);
const ask = starts(['ask', 'Qui pilote la maison médicale de garde ?']);
const search = starts(['search', 'maisons médicales de garde']);
const find = starts(['measure', 'find', 'CPTS']);

// Questions in one process, three rounds (the first warms the caches).
const batch = [...questions, ...questions, ...questions].map((q, i) => JSON.stringify({ id: String(i), question: q.question })).join('\n');
const asked = measured(['ask', '--jsonl'], batch);
const askTimes = asked.stdout
  .trim()
  .split('\n')
  .map((l) => (JSON.parse(l) as { ms: number }).ms)
  .slice(questions.length);

const rows: [string, string, string][] = [
  ['jalon index (empty store): wall, peak memory', `${fmt(index.wallMs / 1000, 's')}, ${fmt(index.maxRssMb, 'MB')}`, `plain FTS5 windows: ${fmt(baselineIndexMs / 1000, 's')}`],
  ['store / text', `${(storeBytes / textBytes).toFixed(2)}× (${fmt(storeBytes / 1e6, 'MB')})`, `plain FTS5: ${(statSync(baselinePath).size / textBytes).toFixed(2)}×`],
  ['jalon --help (whole process, median of 5)', fmt(help), ''],
  ['start-up: jalon ask "" (opens all a question needs), beyond --help', fmt(ready - help), ''],
  ['jalon ask "…" / search / measure find, cold, beyond --help', `${fmt(ask - help)} / ${fmt(search - help)} / ${fmt(find - help)}`, ''],
  [`ask, ${questions.length} questions × 2 after a warm-up round: p50 / p95`, `${fmt(median(askTimes))} / ${fmt(pct(askTimes, 95))}`, `plain FTS5 bm25: ${fmt(median(baselineTimes))} / ${fmt(pct(baselineTimes, 95))}`],
  ['ask --jsonl process: peak memory', fmt(asked.maxRssMb, 'MB'), ''],
];
for (const [what, value, base] of rows) console.log(`${what.padEnd(62)} ${value.padStart(24)}   ${base}`);
