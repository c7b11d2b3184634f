import { join } from 'node:path';
import { NUM_CLASSES } from '../../common/digit.ts';
import { asImages, asLabels, readIdxFile, type IdxImages } from '../../ml/idx.ts';
import { MNIST_FILES } from '../../ml/mnist.ts';

/** The MNIST test split from `MNIST_DIR`; tests that need real digits fail loudly without it. */
export async function loadMnistTest(): Promise<{ images: IdxImages; labels: Uint8Array }> {
  const dir = process.env['MNIST_DIR'];
  if (!dir) throw new Error('MNIST_DIR is not set: point it at the directory holding the MNIST .gz files');
  const images = asImages(await readIdxFile(join(dir, MNIST_FILES.testImages)), MNIST_FILES.testImages);
  const labels = asLabels(await readIdxFile(join(dir, MNIST_FILES.testLabels)), MNIST_FILES.testLabels, NUM_CLASSES);
  return { images, labels };
}
