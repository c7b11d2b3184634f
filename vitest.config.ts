import { defineConfig } from 'vitest/config';
import { resolveMnistDir } from './ml/data/mnist.ts';

// Training and browser tests are slow on a 2-core machine; files run one at a time so they
// do not fight over the cores and their timings stay meaningful.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    // MNIST_DIR if set, else the per-user cache that test/support/ensureMnist.ts fills and verifies.
    env: { MNIST_DIR: resolveMnistDir({}) },
    globalSetup: ['test/support/ensureMnist.ts'],
  },
});
