import { defineConfig } from 'vitest/config';
import { resolveMnistDir } from './ml/data/mnist.ts';

/**
 * Three tiers, each a vitest project (`npm run test:unit`, `test:models`, `test:e2e`; `npm test` runs
 * all three):
 *   unit    pure parts and tooling, no tfjs, model or MNIST: seconds
 *   models  tests that load tfjs, a model or MNIST, or run an ml/ CLI: minutes
 *   e2e     the game in a real Chromium (test/e2e/harness.ts): minutes
 * A test joins `models` by being listed here; everything else outside test/e2e/ is `unit`.
 */
const MODEL_TESTS = [
  'test/ml/{backend,cli,data,models,numbers,training,worker}/**/*.test.ts',
  'test/ml/keras/{layers,refusals,roundTrip}.test.ts',
  'test/common/inkCheck.test.ts',
  'test/common/personal/fineTune.test.ts',
  'test/common/preprocess.test.ts',
  'test/common/segmentation/segment.test.ts',
  'test/ml/eval/penRejection.test.ts',
  'test/game/modes/inside/attribution.test.ts',
  'test/game/modes/inside/platform/insideNetwork.test.ts',
  'test/game/shell/platform/classifier.test.ts',
  'test/game/shell/platform/coreNetwork.test.ts',
  'test/game/shell/platform/kernels/kernelNetwork.test.ts',
  'test/game/shell/platform/kernelReadsTaught.test.ts',
  'test/game/shell/reading/seedInk.test.ts',
];
/** MNIST_DIR if set, else the per-user cache that test/support/ensureMnist.ts fills and verifies */
const WITH_MNIST = { env: { MNIST_DIR: resolveMnistDir({}) }, globalSetup: ['test/support/ensureMnist.ts'] };

// Most suites keep one core busy (tfjs on one WASM thread, a Chromium page), so two files at a time
// use a 2-core machine fully; no test asserts a timing (speed lives in npm run bench).
export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: true,
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/e2e/**', 'test/fixtures/**', ...MODEL_TESTS] } },
      { extends: true, test: { name: 'models', include: MODEL_TESTS, ...WITH_MNIST } },
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], ...WITH_MNIST } },
    ],
  },
});
