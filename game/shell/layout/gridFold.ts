import type { GridPoint } from '../../../common/ink/brush.ts';
import type { Rect } from './rect.ts';

/**
 * A wide grid shown as `lines` strips stacked top to bottom, `gap` CSS pixels apart, the way a long
 * number is written on two lines of paper: the Number mode's 112 x 28 grid on a phone is two lines
 * of 56 x 28 with cells twice as large as one line allows. The grid itself stays one row of cells
 * (the reading goes left to right, line after line); only the screen mapping folds. Pure.
 */
export interface GridFold {
  /** how many lines the grid's columns are shared out over; it divides the grid's width */
  readonly lines: number;
  /** between two lines, CSS px (room for the labels over the second line's digits) */
  readonly gap: number;
}

export const UNFOLDED: GridFold = Object.freeze({ lines: 1, gap: 0 });

/** The columns `line` holds: [from, to). */
export function lineColumns(gridWidth: number, fold: GridFold, line: number): { readonly from: number; readonly to: number } {
  const per = gridWidth / fold.lines;
  return { from: line * per, to: (line + 1) * per };
}

/** The screen rectangle of `line` inside `cells`, the area all the lines and gaps take. */
export function lineRect(cells: Rect, fold: GridFold, line: number): Rect {
  const height = (cells.height - (fold.lines - 1) * fold.gap) / fold.lines;
  return { x: cells.x, y: cells.y + line * (height + fold.gap), width: cells.width, height };
}

/**
 * A screen point as continuous grid coordinates and the line it falls on: the nearest line (a point
 * in a gap belongs to the closer one). Outside its line's columns or rows the point lies off the
 * grid, where the brush clips it.
 */
export function pointOnFold(x: number, y: number, cells: Rect, gridWidth: number, gridHeight: number, fold: GridFold): { readonly point: GridPoint; readonly line: number } {
  const lineHeight = (cells.height - (fold.lines - 1) * fold.gap) / fold.lines;
  const line = Math.min(fold.lines - 1, Math.max(0, Math.floor((y - cells.y + fold.gap / 2) / (lineHeight + fold.gap))));
  const rect = lineRect(cells, fold, line);
  const columns = gridWidth / fold.lines;
  return {
    point: { gx: line * columns + ((x - rect.x) / rect.width) * columns, gy: ((y - rect.y) / rect.height) * gridHeight },
    line,
  };
}

/** Where grid coordinates (`gx` within 0..gridWidth) are on screen: the inverse of pointOnFold. */
export function screenOfCell(gx: number, gy: number, cells: Rect, gridWidth: number, gridHeight: number, fold: GridFold): { readonly x: number; readonly y: number } {
  const columns = gridWidth / fold.lines;
  const line = Math.min(fold.lines - 1, Math.max(0, Math.floor(gx / columns)));
  const rect = lineRect(cells, fold, line);
  return { x: rect.x + ((gx - line * columns) / columns) * rect.width, y: rect.y + (gy / gridHeight) * rect.height };
}
