import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 20_000,
    pool: 'forks',
    // Most test time is waiting on processes and sockets: one worker per core, never fewer than two.
    maxWorkers: Math.max(2, availableParallelism()),
  },
});
