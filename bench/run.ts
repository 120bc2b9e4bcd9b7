/**
 * `npm run bench`: every bench/*.bench.ts, each in its own process so one's warm caches do not
 * flatter the next. Figures only: nothing here passes or fails.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = resolve(fileURLToPath(new URL('.', import.meta.url)));
const args = process.argv.slice(2);
// `npm run bench -- --scale 50`: the synthetic-corpus bench alone, at about 50 MB.
const scaled = args.includes('--scale');
const only = scaled ? 'scale' : args[0];
const benches = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts') && (scaled || f !== 'scale.bench.ts') && (!only || f.includes(only)))
  .sort();
for (const file of benches) {
  console.log(`\n== ${file}`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(here, file), ...args], { stdio: 'inherit' });
  if (run.status !== 0) process.exitCode = 1;
}
