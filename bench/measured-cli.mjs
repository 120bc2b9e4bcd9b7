// Runs one `jalon` command in this process (the built CLI in dist/) and, when it ends, writes its
// wall time and peak memory as one JSON line to the file named by JALON_BENCH_REPORT: the scale
// bench measures whole commands without a platform tool.
import { appendFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const started = performance.now();
const report = process.env.JALON_BENCH_REPORT;
process.on('exit', () => {
  if (!report) return;
  const line = { command: process.argv.slice(2).join(' '), wallMs: performance.now() - started, maxRssMb: process.resourceUsage().maxRSS / 1024 };
  appendFileSync(report, `${JSON.stringify(line)}\n`);
});
const { main } = await import('../dist/cli.js');
await main(['node', 'jalon', ...process.argv.slice(2)]);
