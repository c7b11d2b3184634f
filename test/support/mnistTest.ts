import { join } from 'node:path';
import { NUM_CLASSES } from '../../common/digit.ts';
import { asImages, asLabels, readIdxFile, type IdxImages } from '../../ml/idx.ts';
import { MNIST_FILES, type MnistFile } from '../../ml/mnist.ts';

/** The directory holding the original MNIST .gz files; tests that need real digits fail loudly without it. */
export function mnistDir(): string {
  const dir = process.env['MNIST_DIR'];
  if (!dir) throw new Error('MNIST_DIR is not set: point it at the directory holding the MNIST .gz files');
  return dir;
}

async function loadSplit(imagesFile: MnistFile, labelsFile: MnistFile): Promise<{ images: IdxImages; labels: Uint8Array }> {
  const dir = mnistDir();
  const images = asImages(await readIdxFile(join(dir, imagesFile)), imagesFile);
  const labels = asLabels(await readIdxFile(join(dir, labelsFile)), labelsFile, NUM_CLASSES);
  return { images, labels };
}

/** The MNIST test split from `MNIST_DIR`. */
export async function loadMnistTest(): Promise<{ images: IdxImages; labels: Uint8Array }> {
  return loadSplit(MNIST_FILES.testImages, MNIST_FILES.testLabels);
}

/** The MNIST training split (60k) from `MNIST_DIR`. */
export async function loadMnistTrain(): Promise<{ images: IdxImages; labels: Uint8Array }> {
  return loadSplit(MNIST_FILES.trainImages, MNIST_FILES.trainLabels);
}
