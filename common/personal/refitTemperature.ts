import type * as tfjs from '@tensorflow/tfjs';
import { bakeTemperature, fitTemperature } from '../temperature.ts';
import type { HeadSplit } from './headModel.ts';

/**
 * Teaching with label smoothing pulls a sharp, calibrated base toward answering ~0.9 for digits it
 * is sure of, and the game's challenge needs 0.9: after teaching, clean digits the base read at 99 %
 * fell below it. One temperature refitted on digits the teaching did not learn from (each held-out
 * digit of the player as read by its fold's model, and replay digits outside the pool as read by
 * the taught model) gives the taught model honest confidences again. It never changes which digit
 * wins. When those digits hold no error, the likelihood grows without end as the temperature falls:
 * the refit stops at MIN_TEMPERATURE (at most 4 times sharper) rather than make every reading ~1.
 */

const MIN_TEMPERATURE = 0.25;

/** The temperature for `probabilities` (row-major, one row per label) and baking it into the head's last layer. */
export function refitTemperature(tf: typeof tfjs, head: HeadSplit['head'], probabilities: Float32Array, labels: ArrayLike<number>): number {
  if (labels.length === 0) return 1;
  const temperature = Math.max(MIN_TEMPERATURE, fitTemperature(probabilities, labels));
  bakeTemperature(tf, head[head.length - 1], temperature, 'refitting the temperature of a head');
  return temperature;
}
