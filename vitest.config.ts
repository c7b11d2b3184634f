import { defineConfig } from 'vitest/config';

// Training and browser tests are slow on a 2-core machine; files run one at a time so they
// do not fight over the cores and their timings stay meaningful.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
