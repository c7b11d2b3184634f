import { MNIST_FILES, ensureMnistFile, resolveMnistDir } from '../../ml/data/mnist.ts';

/**
 * Vitest global setup: the tests read real MNIST from MNIST_DIR, which vitest.config.ts sets to the
 * same place `npm run train` would use. Here every file is verified, and downloaded on a fresh
 * machine, once before any test runs, so a missing or corrupt file fails fast with one clear message.
 */
export default async function ensureMnist(): Promise<void> {
  const dir = resolveMnistDir({});
  for (const file of Object.values(MNIST_FILES)) {
    await ensureMnistFile(dir, file, { log: (line) => { console.log(`MNIST: ${line}`); } });
  }
}
