import type { GridFold } from '../../../shell/layout/gridFold.ts';
import { buttonHeightFor, clamp, gridFramePad, toolsHeightFor, unitFor, type Rect } from '../../../shell/layout/rect.ts';

/**
 * Where the Number mode's parts go, as plain rectangles in CSS pixels (pure, tested in Node, like
 * layout.ts). The wide grid takes the whole content width, with square cells as large as the
 * height allows; a strip above it holds each digit's label, and the number read sits beside Reset
 * under it. On a tall narrow screen (a phone) one line of four digits would leave cells of 3 px and
 * half the screen empty: the grid is folded into the number of lines that gives the largest cells
 * (two on a phone), the labels of a lower line's digits in the gap above it.
 */
export interface NumberLayout {
  readonly unit: number;
  readonly title: Rect;
  readonly menu: Rect;
  /** room for the per-digit labels, right above the grid */
  readonly labels: Rect;
  /** the grid's frame (GridView's outer rect, every line and the gaps between them); its cells are square */
  readonly grid: Rect;
  /** the lines the grid is shown in */
  readonly fold: GridFold;
  /** edge of one cell */
  readonly cell: number;
  readonly reset: Rect;
  /** the number read, large */
  readonly number: Rect;
  /** the drawing tools (undo, redo, eraser, sound) under Reset and the number */
  readonly tools: Rect;
}

export function computeNumberLayout(width: number, height: number, columns: number, rows: number): NumberLayout {
  const unit = unitFor(width, height);
  const margin = unit * 1.5;
  const gap = unit * 1.25;
  const titleHeight = unit * 2.6;
  const labelsHeight = unit * 2;
  const buttonHeight = buttonHeightFor(unit);
  const numberHeight = clamp(unit * 6, buttonHeight, 110);
  const pad = gridFramePad(unit);

  const contentWidth = Math.max(1, width - 2 * margin);
  const gridTop = margin + titleHeight + gap + labelsHeight;
  const toolsHeight = toolsHeightFor(buttonHeight);
  const below = gap + numberHeight + gap * 0.5 + toolsHeight + margin;
  // between two lines: the lower line's frame and its digits' labels
  const foldGap = labelsHeight + 2 * pad;
  const cellFor = (lines: number): number =>
    Math.min((contentWidth - 2 * pad) / (columns / lines), (height - gridTop - below - 2 * pad - (lines - 1) * foldGap) / (rows * lines));
  // a line holds whole digits (a divisor of the columns that is a multiple of the rows)
  const choices = [1, 2, 4].filter((lines) => columns % lines === 0 && (columns / lines) % rows === 0);
  const lines = choices.reduce((best, lines) => (cellFor(lines) > cellFor(best) ? lines : best), 1);
  const fold = { lines, gap: lines === 1 ? 0 : foldGap };
  const cell = Math.max(1, cellFor(lines));
  const gridWidth = (columns / lines) * cell + 2 * pad;
  const gridHeight = rows * lines * cell + (lines - 1) * fold.gap + 2 * pad;
  const left = (width - gridWidth) / 2;
  // centre the whole column vertically when the screen is taller than it needs
  const used = gridTop + gridHeight + below;
  const top = Math.max(0, (height - used) / 2);

  const menuWidth = Math.min(unit * 7, gridWidth / 3);
  const rowY = top + gridTop + gridHeight + gap;
  const resetWidth = Math.min(unit * 9, gridWidth / 3);
  return {
    unit,
    cell,
    title: { x: left, y: top + margin, width: gridWidth - menuWidth - gap, height: titleHeight },
    menu: { x: left + gridWidth - menuWidth, y: top + margin, width: menuWidth, height: titleHeight },
    labels: { x: left, y: top + gridTop - labelsHeight, width: gridWidth, height: labelsHeight },
    grid: { x: left, y: top + gridTop, width: gridWidth, height: gridHeight },
    fold,
    reset: { x: left, y: rowY, width: resetWidth, height: buttonHeight },
    number: { x: left + resetWidth + gap, y: rowY, width: gridWidth - resetWidth - gap, height: numberHeight },
    tools: { x: left, y: rowY + numberHeight + gap * 0.5, width: Math.min(gridWidth, unit * 36), height: toolsHeight },
  };
}
