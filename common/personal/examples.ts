import { IMAGE_PIXELS, NUM_CLASSES } from '../digit.ts';

/**
 * Labelled digits as the model sees them: what fine-tuning learns from, what the replay asset holds
 * and what the player's saved digits become.
 */
export interface Examples {
  /** n x 784: the output of the shared preprocessing (common/preprocess.ts), 0..1, row-major 28x28 */
  readonly images: Float32Array;
  /** n labels, 0..9 */
  readonly labels: Uint8Array;
}

/** How many examples of each digit; length 10. */
export function countPerClass(labels: Uint8Array): number[] {
  const counts = new Array<number>(NUM_CLASSES).fill(0);
  for (const label of labels) counts[label] = (counts[label] ?? 0) + 1;
  return counts;
}

/** Throws when the images and labels disagree in count or a label is outside 0..9; `what` names the set. */
export function checkExamples(examples: Examples, what: string): void {
  const { images, labels } = examples;
  if (images.length !== labels.length * IMAGE_PIXELS) {
    throw new Error(`${what}: ${labels.length} labels need ${labels.length * IMAGE_PIXELS} pixel values, got ${images.length}`);
  }
  const bad = labels.findIndex((label) => label >= NUM_CLASSES);
  if (bad >= 0) throw new Error(`${what}: label ${labels[bad]} at index ${bad} is not a digit 0..9`);
}

/** The examples at `indices`, in that order. */
export function selectExamples(examples: Examples, indices: ArrayLike<number>): Examples {
  const images = new Float32Array(indices.length * IMAGE_PIXELS);
  const labels = new Uint8Array(indices.length);
  for (let i = 0; i < indices.length; i++) {
    const index = indices[i] ?? 0;
    images.set(examples.images.subarray(index * IMAGE_PIXELS, (index + 1) * IMAGE_PIXELS), i * IMAGE_PIXELS);
    labels[i] = examples.labels[index] ?? 0;
  }
  return { images, labels };
}

/** The first `k` examples of each digit, in their order: e.g. a player who taught only k of each. */
export function firstPerClass(examples: Examples, k: number): Examples {
  const counts = new Array<number>(NUM_CLASSES).fill(0);
  const picked: number[] = [];
  examples.labels.forEach((label, i) => {
    if ((counts[label] ?? 0) < k) {
      counts[label] = (counts[label] ?? 0) + 1;
      picked.push(i);
    }
  });
  return selectExamples(examples, picked);
}

/** Fewer digits than this in all: teaching refuses, saying how many more are needed. */
export const MIN_EXAMPLES = 10;

/** How many more examples teaching needs; 0 when there are enough. */
export function examplesNeeded(labels: Uint8Array): number {
  return Math.max(0, MIN_EXAMPLES - labels.length);
}
