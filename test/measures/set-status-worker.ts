/**
 * A second process for the concurrency test: from `startAt` (epoch ms, so that both processes
 * start together), sets the status of MS-C3-P1 `n` times, alternating, as `who`.
 * Run as: node --import tsx set-status-worker.ts <dbPath> <who> <n> <startAt>
 */
import { openDatabase } from '../../src/db/open-database.js';
import { setStatus } from '../../src/measures/set-status.js';

const NOW = new Date('2021-03-01T09:00:00Z');
const [dbPath, who, n, startAt] = process.argv.slice(2) as [string, string, string, string];
const db = openDatabase(dbPath);
const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
sleep(Math.max(0, Number(startAt) - Date.now()));
const statuses = ['en cours', 'bloqué', 'fait'];
for (let i = 0; i < Number(n); i++) {
  setStatus(db, { kind: 'measure', id: 'MS-C3-P1' }, { status: statuses[i % statuses.length]!, who, comment: `${who} #${i}`, origin: 'cli' }, NOW);
  // Like people, leave the other process a chance between two changes.
  sleep(1);
}
db.close();
