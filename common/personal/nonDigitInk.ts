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
  nonDigitDrawer(random)(images, 0, count);
  return images;
}

/**
 * The same stream a part at a time: each call draws the next `count` shapes into `images` from
 * image `from` on, so teaching draws its shapes chunk by chunk instead of all in one frame.
 */
export function nonDigitDrawer(random: Random): (images: Float32Array, from: number, count: number) => void {
  let tries = 0;
  return (images, from, count) => {
    const start = tries;
    for (let i = 0; i < count; tries++) {
      if (tries - start > 100 * count) throw new Error(`drawing ${count} shapes that are no digit left ${count - i} blank`);
      const kind = SHAPE_KINDS[tries % SHAPE_KINDS.length] ?? 'dash';
      const image = penImage(randomShape(kind, random), { scale: 1, dx: 0, dy: 0 });
      if (image === null) continue;
      images.set(image, (from + i) * IMAGE_PIXELS);
      i++;
    }
  };
}
