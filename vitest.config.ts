import { defineConfig } from 'vitest/config';
import { resolveMnistDir } from './ml/data/mnist.ts';

// Most suites keep one core busy (tfjs on one WASM thread, a Chromium page), so two files at a time
// use a 2-core machine fully; no test asserts a timing (speed lives in npm run bench).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: true,
    maxWorkers: 2,
    // MNIST_DIR if set, else the per-user cache that test/support/ensureMnist.ts fills and verifies.
    env: { MNIST_DIR: resolveMnistDir({}) },
    globalSetup: ['test/support/ensureMnist.ts'],
  },
});
