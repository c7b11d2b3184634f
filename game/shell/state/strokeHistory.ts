import type { Grid } from '../../../common/ink/grid.ts';

/**
 * Undo and redo per stroke, as data. Before each change (a pen or eraser stroke, a clear) the grid's
 * cells are copied onto the undo stack; undo swaps the grid with the top copy and keeps the current
 * cells for redo; a new change drops the redo side, as in every editor. Whole copies are simple and
 * exact (strokes overlap, ink combines by max, the eraser by min, so per-stroke deltas would not
 * invert); memory stays bounded because the stack keeps only the last `limit` copies: for the
 * 28x28 grid 64 copies are 200 KB, for the Number mode's 112x28 grid 800 KB.
 */
export interface StrokeHistory {
  readonly limit: number;
  /** oldest first */
  readonly undo: Float32Array[];
  /** the most recently undone last */
  readonly redo: Float32Array[];
}

export const HISTORY_LIMIT = 64;

export function createHistory(limit = HISTORY_LIMIT): StrokeHistory {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`history limit must be a positive integer, got ${limit}`);
  return { limit, undo: [], redo: [] };
}

/** Call before a change to `grid`: remembers the cells as they are, forgets what was undone. */
export function recordChange(history: StrokeHistory, grid: Grid): void {
  recordSnapshot(history, grid.cells.slice());
}

/** As recordChange, with cells copied earlier (a gesture is recorded only once it changed the grid). */
export function recordSnapshot(history: StrokeHistory, cells: Float32Array): void {
  history.undo.push(cells);
  if (history.undo.length > history.limit) history.undo.shift();
  history.redo.length = 0;
}

/** Undoes the last change; false (grid untouched) when there is none. */
export function undo(history: StrokeHistory, grid: Grid): boolean {
  return swap(history.undo, history.redo, grid);
}

/** Redoes the last undone change; false (grid untouched) when there is none. */
export function redo(history: StrokeHistory, grid: Grid): boolean {
  return swap(history.redo, history.undo, grid);
}

/** A fresh start (a new challenge round): nothing to undo or redo. */
export function forgetHistory(history: StrokeHistory): void {
  history.undo.length = 0;
  history.redo.length = 0;
}

export function canUndo(history: StrokeHistory): boolean {
  return history.undo.length > 0;
}

export function canRedo(history: StrokeHistory): boolean {
  return history.redo.length > 0;
}

function swap(from: Float32Array[], to: Float32Array[], grid: Grid): boolean {
  const cells = from.pop();
  if (cells === undefined) return false;
  to.push(grid.cells.slice());
  grid.cells.set(cells);
  grid.version++;
  return true;
}
