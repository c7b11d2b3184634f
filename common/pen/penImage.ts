import { IMAGE_SIZE } from '../digit.ts';
import { DEFAULT_BRUSH, type Brush } from '../ink/brush.ts';
import { asInkImage, createGrid } from '../ink/grid.ts';
import { centreLikeMnist } from '../preprocess.ts';
import { drawPath, type PathPlacement, type PenStrokes } from './penPath.ts';

/**
 * A pen path turned into what the model sees: drawn on the game's 28x28 grid with its brush
 * (./penPath.ts), then normalised by the one MNIST-style preprocessing. Here in common/ because
 * teaching in the page draws ink that is no digit too (../personal/nonDigitInk.ts).
 */

/** Draws `strokes` (placed by `placement`) and normalises them; null when nothing was inked. */
export function penImage(strokes: PenStrokes, placement: PathPlacement, brush: Brush = DEFAULT_BRUSH): Float32Array | null {
  const grid = createGrid(IMAGE_SIZE, IMAGE_SIZE);
  drawPath(grid, strokes, placement, brush);
  const result = centreLikeMnist(asInkImage(grid));
  return result.blank ? null : result.pixels;
}
