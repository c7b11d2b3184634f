import { NUM_CLASSES } from '../digit.ts';

/**
 * How wide each digit is written, relative to its height, in MNIST's training set: the mean and
 * standard deviation of log(width / height) of the ink's bounding box (pixels >= 0.25), per class.
 *
 * Segmentation needs it because a classifier happily reads two squeezed, touching digits as one
 * confident digit ("79" as a wide 7); a piece much wider than its class is usually written is
 * evidence that it holds more than one digit. Measured once over the 60,000 training images.
 */
export const MNIST_LOG_ASPECT: readonly { readonly mean: number; readonly sd: number }[] = [
  { mean: -0.105, sd: 0.195 },
  { mean: -0.929, sd: 0.459 },
  { mean: -0.071, sd: 0.217 },
  { mean: -0.234, sd: 0.211 },
  { mean: -0.241, sd: 0.211 },
  { mean: -0.074, sd: 0.258 },
  { mean: -0.325, sd: 0.217 },
  { mean: -0.263, sd: 0.215 },
  { mean: -0.281, sd: 0.221 },
  { mean: -0.394, sd: 0.205 },
];

/**
 * How many standard deviations `aspect` (width / height) lies from how `digit` is usually written,
 * either way: too wide suggests two digits read as one, too narrow a sliver cut off a digit.
 */
export function aspectDeviation(digit: number, aspect: number): number {
  const stats = MNIST_LOG_ASPECT[digit];
  if (!stats || digit >= NUM_CLASSES || aspect <= 0) return 0;
  return (Math.log(aspect) - stats.mean) / stats.sd;
}
