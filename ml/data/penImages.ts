import { IMAGE_PIXELS, IMAGE_SIZE } from '../../common/digit.ts';
import { penImage } from '../../common/pen/penImage.ts';
import { fitPath, pathPrefix, type PathPlacement, type PenStrokes } from '../../common/pen/penPath.ts';

/**
 * Pen paths placed as evaluation places them, then drawn and normalised as a drawing is
 * (common/pen/penImage.ts). A path that leaves no ink reads as blank and gives null.
 */

/** How evaluation draws a pen path: its longer side 20 cells (the size MNIST digits are fitted to), centred, the game's brush. */
export const STANDARD_SIZE = 20;

export function standardPlacement(strokes: PenStrokes): PathPlacement {
  return fitPath(strokes, STANDARD_SIZE, IMAGE_SIZE / 2, IMAGE_SIZE / 2);
}

/**
 * The first `fraction` of a path, drawn where the whole path would be: a player who has drawn half
 * a digit has drawn it at the digit's size.
 */
export function standardPenImage(strokes: PenStrokes, fraction = 1): Float32Array | null {
  const placement = standardPlacement(strokes);
  return penImage(fraction >= 1 ? strokes : pathPrefix(strokes, fraction), placement);
}

/** Rows of 784 values packed into one array, for one tensor. */
export function packImages(images: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(images.length * IMAGE_PIXELS);
  images.forEach((image, i) => { out.set(image, i * IMAGE_PIXELS); });
  return out;
}
