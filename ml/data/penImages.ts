import { IMAGE_PIXELS, IMAGE_SIZE } from '../../common/digit.ts';
import { DEFAULT_BRUSH, type Brush } from '../../common/ink/brush.ts';
import { asInkImage, createGrid } from '../../common/ink/grid.ts';
import { drawPath, fitPath, pathPrefix, type PathPlacement, type PenStrokes } from '../../common/pen/penPath.ts';
import { centreLikeMnist } from '../../common/preprocess.ts';

/**
 * Pen paths turned into what the model sees: drawn on the game's 28x28 grid with its brush
 * (common/pen/penPath.ts), then normalised by the one MNIST-style preprocessing. A path that leaves
 * no ink reads as blank and gives null.
 */

/** How evaluation draws a pen path: its longer side 20 cells (the size MNIST digits are fitted to), centred, the game's brush. */
export const STANDARD_SIZE = 20;

export function standardPlacement(strokes: PenStrokes): PathPlacement {
  return fitPath(strokes, STANDARD_SIZE, IMAGE_SIZE / 2, IMAGE_SIZE / 2);
}

/** Draws `strokes` (placed by `placement`) and normalises them; null when nothing was inked. */
export function penImage(strokes: PenStrokes, placement: PathPlacement, brush: Brush = DEFAULT_BRUSH): Float32Array | null {
  const grid = createGrid(IMAGE_SIZE, IMAGE_SIZE);
  drawPath(grid, strokes, placement, brush);
  const result = centreLikeMnist(asInkImage(grid));
  return result.blank ? null : result.pixels;
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
