import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/** Test files that replace a module (vi.mock) need a module registry of their own. */
const MOCKING = ['test/measures/load-measures-skip.test.ts'];

export default defineConfig({
  test: {
    setupFiles: ['test/setup.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 20_000,
    pool: 'forks',
    // Most test time is waiting on processes and sockets: one worker per core, never fewer than two.
    maxWorkers: Math.max(2, availableParallelism()),
    projects: [
      // Files share their worker's modules (importing the app once per worker, not once per file):
      // every test builds its own stores, servers and clocks.
      { extends: true, test: { name: 'shared', include: ['test/**/*.test.ts'], exclude: MOCKING, isolate: false } },
      { extends: true, test: { name: 'isolated', include: MOCKING } },
    ],
  },
});
