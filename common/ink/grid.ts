import { inkImage, type InkImage } from '../digit.ts';

/**
 * The drawing surface: width x height cells, row-major (index = gy * width + gx), each 0..1 with
 * 1 = full ink, the convention of common/digit.ts. Generic in size so a wider grid (several digits
 * side by side) works the same way as the 28x28 one.
 *
 * `version` goes up on every change, so views and the live classifier can tell cheaply whether
 * what they last drew or classified is stale.
 */
export interface Grid {
  readonly width: number;
  readonly height: number;
  readonly cells: Float32Array;
  version: number;
}

export function createGrid(width: number, height: number): Grid {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new RangeError(`grid size must be positive integers, got ${width}x${height}`);
  }
  return { width, height, cells: new Float32Array(width * height), version: 0 };
}

export function clearGrid(grid: Grid): void {
  grid.cells.fill(0);
  grid.version++;
}

export function isBlank(grid: Grid): boolean {
  return grid.cells.every((v) => v === 0);
}

/** Ink at a cell; 0 outside the grid. */
export function inkAt(grid: Grid, gx: number, gy: number): number {
  if (gx < 0 || gy < 0 || gx >= grid.width || gy >= grid.height) return 0;
  return grid.cells[gy * grid.width + gx] ?? 0;
}

/**
 * Raises a cell to `value` if that is more ink than it has: ink only ever accumulates, so a new
 * stroke's soft edge never fades an earlier stroke's core. Out-of-grid cells are ignored.
 * Does not bump `version`; callers bump it once per stroke.
 */
export function raiseInk(grid: Grid, gx: number, gy: number, value: number): boolean {
  if (gx < 0 || gy < 0 || gx >= grid.width || gy >= grid.height) return false;
  const i = gy * grid.width + gx;
  const ink = Math.min(1, value);
  if (ink <= (grid.cells[i] ?? 0)) return false;
  grid.cells[i] = ink;
  return true;
}

/** The grid as an image for common/preprocess.ts; shares the cells, no copy. */
export function asInkImage(grid: Grid): InkImage {
  return inkImage(grid.width, grid.height, grid.cells);
}
