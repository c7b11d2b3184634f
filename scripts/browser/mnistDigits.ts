import { join } from 'node:path';
import { IMAGE_PIXELS, inkFromBytes, NUM_CLASSES } from '../../common/digit.ts';
import { asImages, asLabels, readIdxFile } from '../../ml/data/idx.ts';

/** CI sets MNIST_DIR relative to the repo; unset means MNIST is not available here. */
export const MNIST_DIR = process.env.MNIST_DIR ?? null;

export interface LabelledDigit {
  /** index in the MNIST test set */
  readonly index: number;
  readonly label: number;
  /** 28x28, 0..1, ink = 1 */
  readonly pixels: Float32Array;
}

/** Test-set images by index, in the order given. */
export async function mnistTestDigitsAt(indices: readonly number[], dir: string): Promise<LabelledDigit[]> {
  const images = asImages(await readIdxFile(join(dir, 't10k-images-idx3-ubyte.gz')), 't10k-images');
  const labels = asLabels(await readIdxFile(join(dir, 't10k-labels-idx1-ubyte.gz')), 't10k-labels', NUM_CLASSES);
  return indices.map((index) => {
    const label = labels[index];
    if (label === undefined || index < 0) throw new RangeError(`no MNIST test image #${index}`);
    const bytes = images.data.subarray(index * IMAGE_PIXELS, (index + 1) * IMAGE_PIXELS);
    return { index, label, pixels: inkFromBytes(bytes) };
  });
}

/** The first `perClass` test-set images of each digit, in label order: a fixed, reproducible sample. */
export async function mnistTestDigits(perClass: number, dir: string): Promise<LabelledDigit[]> {
  const images = asImages(await readIdxFile(join(dir, 't10k-images-idx3-ubyte.gz')), 't10k-images');
  const labels = asLabels(await readIdxFile(join(dir, 't10k-labels-idx1-ubyte.gz')), 't10k-labels', NUM_CLASSES);
  const picked: LabelledDigit[] = [];
  for (let label = 0; label < NUM_CLASSES; label++) {
    for (let index = 0, found = 0; index < images.count && found < perClass; index++) {
      if (labels[index] !== label) continue;
      const bytes = images.data.subarray(index * IMAGE_PIXELS, (index + 1) * IMAGE_PIXELS);
      picked.push({ index, label, pixels: inkFromBytes(bytes) });
      found++;
    }
  }
  return picked;
}
