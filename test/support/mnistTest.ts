import { loadMnistSplit, type MnistSplit } from '../../ml/mnist.ts';

/** The directory holding the original MNIST .gz files; tests that need real digits fail loudly without it. */
export function mnistDir(): string {
  const dir = process.env['MNIST_DIR'];
  if (!dir) throw new Error('MNIST_DIR is not set: point it at the directory holding the MNIST .gz files');
  return dir;
}

/** The MNIST test split from `MNIST_DIR`. */
export async function loadMnistTest(): Promise<MnistSplit> {
  return loadMnistSplit('test', { dataDir: mnistDir(), mirrors: [] });
}

/** The MNIST training split (60k) from `MNIST_DIR`. */
export async function loadMnistTrain(): Promise<MnistSplit> {
  return loadMnistSplit('train', { dataDir: mnistDir(), mirrors: [] });
}
