import { IMAGE_PIXELS } from '../digit.ts';
import { SHAPE_KINDS, randomShape } from '../pen/nonDigitShapes.ts';
import { penImage } from '../pen/penImage.ts';
import type { Random } from '../random.ts';

/**
 * Ink that is no digit (taps, dashes, ticks, scribbles, blobs: the shapes the shipped model learnt
 * its "not a digit" answer from, common/pen/nonDigitShapes.ts), drawn and normalised as a drawing
 * is. Teaching reads them for the "not a digit" prototype (./prototypes.ts): without one, the
 * prototypes of the player's digits pull a dash or a scribble toward the digit it most resembles.
 */

/** `count` images, n x 784 row-major, the kinds in turn; a shape that normalises to nothing is drawn again. */
export function nonDigitImages(count: number, random: Random): Float32Array {
  const images = new Float32Array(count * IMAGE_PIXELS);
  for (let i = 0, tries = 0; i < count; tries++) {
    if (tries > 100 * count) throw new Error(`drawing ${count} shapes that are no digit left ${count - i} blank`);
    const kind = SHAPE_KINDS[tries % SHAPE_KINDS.length] ?? 'dash';
    const image = penImage(randomShape(kind, random), { scale: 1, dx: 0, dy: 0 });
    if (image === null) continue;
    images.set(image, i * IMAGE_PIXELS);
    i++;
  }
  return images;
}
