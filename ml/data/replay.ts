import { IMAGE_PIXELS, NUM_CLASSES, inkFromBytes, inkImage } from '../../common/digit.ts';
import type { Examples } from '../../common/personal/examples.ts';
import { centreLikeMnist } from '../../common/preprocess.ts';
import { createRandom, shuffle } from '../../common/random.ts';
import type { MnistSplit } from './mnist.ts';

/**
 * The replay set's digits: `perClass` of each digit drawn at random (seeded) from MNIST's training
 * images, passed through the shared preprocessing exactly as the game passes a drawing, so replay
 * rows and the player's rows look alike to the model. Blank images (none in MNIST) are skipped.
 */
export function pickReplay(train: MnistSplit, perClass: number, seed: number): Examples {
  const { width, height, data, count } = train.images;
  const order = Array.from({ length: count }, (_, i) => i);
  shuffle(createRandom(seed), order);
  const taken = new Array<number>(NUM_CLASSES).fill(0);
  const images = new Float32Array(perClass * NUM_CLASSES * IMAGE_PIXELS);
  const labels = new Uint8Array(perClass * NUM_CLASSES);
  const source = new Float32Array(width * height);
  let n = 0;
  for (const index of order) {
    const label = train.labels[index] ?? 0;
    if ((taken[label] ?? 0) >= perClass) continue;
    inkFromBytes(data.subarray(index * source.length, (index + 1) * source.length), source);
    const result = centreLikeMnist(inkImage(width, height, source));
    if (result.blank) continue;
    images.set(result.pixels, n * IMAGE_PIXELS);
    labels[n++] = label;
    taken[label] = (taken[label] ?? 0) + 1;
    if (n === labels.length) break;
  }
  if (n < labels.length) throw new Error(`MNIST training set has too few digits for ${perClass} of each: ${taken.join(', ')}`);
  return { images, labels };
}
