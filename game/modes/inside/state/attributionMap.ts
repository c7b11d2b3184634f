import { centreLikeMnist, pullBack } from '../../../../common/preprocess.ts';
import { asInkImage, type Grid } from '../../../../common/ink/grid.ts';

/**
 * "Why this digit?" on the player's cells: gradient x input. `inputGradient` is d(score)/d(pixel)
 * for the 28x28 image the model saw (game/modes/inside/platform/insideNetwork.ts computes it); carried back
 * through the one normalisation (common/preprocess.ts) it becomes d(score)/d(cell), and times the
 * cell's ink it is how much that ink moved the score: positive pushed the guess up, negative down.
 * Null for a blank grid. Cells without ink get 0: removing ink is all a player can do to them.
 */
export function gridAttribution(grid: Grid, inputGradient: Float32Array): Float32Array | null {
  const image = asInkImage(grid);
  const frame = centreLikeMnist(image);
  if (frame.blank) return null;
  const perCell = pullBack(inputGradient, grid.width, grid.height, frame);
  for (let i = 0; i < perCell.length; i++) {
    const ink = grid.cells[i] ?? 0;
    perCell[i] = ink === 0 ? 0 : (perCell[i] ?? 0) * ink;
  }
  return perCell;
}

/** The `count` inked cells with the largest attribution, largest first (for the removal test and hints). */
export function topCells(attribution: Float32Array, count: number): number[] {
  const cells: number[] = [];
  for (let i = 0; i < attribution.length; i++) if ((attribution[i] ?? 0) > 0) cells.push(i);
  cells.sort((a, b) => (attribution[b] ?? 0) - (attribution[a] ?? 0));
  return cells.slice(0, count);
}
