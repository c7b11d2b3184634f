import { NUM_CLASSES } from '../digit.ts';
import { shuffle, type Random } from '../random.ts';

/**
 * The rotating hold-out behind the player's before/after figure. Every digit is held out exactly
 * once: fold f's model learns from the digits not in fold f and reads those in it, so all n digits
 * are measured by a model that never saw them, even when the player saved one of each. Folds are
 * dealt per digit class in turn (a shuffled deck dealt round the table), so each fold holds about
 * as many of every class as the others and fold sizes differ by at most one.
 */

/** fold index of each example, 0..folds-1; with fewer examples than folds some folds are empty */
export function assignFolds(labels: Uint8Array, folds: number, random: Random): Uint8Array {
  if (!Number.isInteger(folds) || folds < 1 || folds > 255) throw new RangeError(`folds must be an integer in 1..255, got ${folds}`);
  const fold = new Uint8Array(labels.length);
  let dealt = 0;
  for (let digit = 0; digit < NUM_CLASSES; digit++) {
    const indices: number[] = [];
    labels.forEach((label, i) => {
      if (label === digit) indices.push(i);
    });
    shuffle(random, indices);
    for (const i of indices) fold[i] = dealt++ % folds;
  }
  return fold;
}

/** The indices of the examples in fold `f` (`inside`) or in every other fold. */
export function foldIndices(fold: Uint8Array, f: number, inside: boolean): Uint32Array {
  const picked: number[] = [];
  fold.forEach((g, i) => {
    if ((g === f) === inside) picked.push(i);
  });
  return Uint32Array.from(picked);
}
