import { NUM_CLASSES } from '../digit.ts';
import { shuffle, type Random } from '../random.ts';

export interface HoldOutSplit {
  /** indices of the examples fine-tuning learns from */
  readonly train: Uint32Array;
  /** indices of the examples it never sees, for an honest before/after figure */
  readonly heldOut: Uint32Array;
}

/**
 * Holds out floor(fraction * count) examples of each digit, chosen at random, so every digit the
 * player gave several of is measured, and a digit given once is still learnt from.
 */
export function splitHoldOut(labels: Uint8Array, fraction: number, random: Random): HoldOutSplit {
  const train: number[] = [];
  const heldOut: number[] = [];
  for (let digit = 0; digit < NUM_CLASSES; digit++) {
    const indices: number[] = [];
    labels.forEach((label, i) => {
      if (label === digit) indices.push(i);
    });
    shuffle(random, indices);
    const keep = Math.floor(fraction * indices.length);
    heldOut.push(...indices.slice(0, keep));
    train.push(...indices.slice(keep));
  }
  return { train: Uint32Array.from(train), heldOut: Uint32Array.from(heldOut) };
}
