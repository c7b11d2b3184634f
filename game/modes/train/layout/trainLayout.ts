import { buttonHeightFor, splitStrip, unitFor, type Rect } from '../../../shell/layout/rect.ts';

/**
 * The Train room's rectangles in CSS pixels (pure, tested in Node). Landscape: the grid and its
 * buttons on the left; the network's guess, its first filters and the two curves on the right.
 * Portrait (a phone): the grid with the guess beside it, the buttons, the filters, then the curves
 * one above the other (side by side on a short phone).
 */

export type TrainButton = 'pause' | 'restart' | 'speed' | 'keep' | 'menu';
export const TRAIN_BUTTONS: readonly TrainButton[] = ['pause', 'restart', 'speed', 'keep', 'menu'];

export interface TrainLayout {
  readonly orientation: 'landscape' | 'portrait';
  readonly unit: number;
  readonly title: Rect;
  /** steps, time, digits seen, backend; or what it is waiting for */
  readonly status: Rect;
  readonly grid: Rect;
  readonly buttons: Readonly<Record<TrainButton, Rect>>;
  /** the big digit, its confidence and a bar per digit */
  readonly guess: Rect;
  /** the caption over the filters */
  readonly filtersTitle: Rect;
  /** one square tile per first-layer filter, left to right */
  readonly filters: readonly Rect[];
  readonly accuracyChart: Rect;
  readonly lossChart: Rect;
  /** the message line */
  readonly footer: Rect;
}

/** The grid never shrinks below a drawable size on the smallest phone. */
const MIN_GRID = 180;

export function computeTrainLayout(width: number, height: number, filterCount: number): TrainLayout {
  const unit = unitFor(width, height);
  const margin = unit * 1.5;
  const gap = unit * 1.25;
  const titleHeight = unit * 2.6;
  const statusHeight = unit * 1.9;
  const footerHeight = unit * 2.4;
  const buttonHeight = buttonHeightFor(unit);
  const contentWidth = Math.min(width - 2 * margin, unit * 72);
  const left = (width - contentWidth) / 2;
  const title = { x: left, y: margin, width: contentWidth, height: titleHeight };
  const status = { x: left, y: margin + titleHeight, width: contentWidth, height: statusHeight };
  const top = margin + titleHeight + statusHeight + gap * 0.6;
  const bottom = height - margin - footerHeight;
  const footer = { x: left, y: bottom + gap * 0.3, width: contentWidth, height: footerHeight };
  const buttonsHeight = 2 * buttonHeight + gap * 0.5;

  if (width >= height * 1.05) {
    const side = Math.max(MIN_GRID, Math.min(bottom - top - gap - buttonsHeight, contentWidth * 0.42));
    const grid = { x: left, y: top, width: side, height: side };
    const buttons = buttonRows({ x: left, y: top + side + gap, width: side, height: buttonsHeight }, gap * 0.5);
    const rightX = left + side + gap * 1.5;
    const rightWidth = left + contentWidth - rightX;
    const columnBottom = top + side + gap + buttonsHeight;
    const guess = { x: rightX, y: top, width: rightWidth, height: Math.max(unit * 6, side * 0.3) };
    const strip = filterStrip(rightX, guess.y + guess.height + gap, rightWidth, unit, filterCount, unit * 6);
    const chartsTop = strip.bottom + gap;
    const chartWidth = (rightWidth - gap) / 2;
    const chartHeight = Math.max(unit * 8, columnBottom - chartsTop);
    return {
      orientation: 'landscape', unit, title, status, grid, buttons, guess, footer,
      filtersTitle: strip.title,
      filters: strip.tiles,
      accuracyChart: { x: rightX, y: chartsTop, width: chartWidth, height: chartHeight },
      lossChart: { x: rightX + chartWidth + gap, y: chartsTop, width: chartWidth, height: chartHeight },
    };
  }

  const side = Math.max(MIN_GRID, Math.min(contentWidth * 0.62, (bottom - top) * 0.4));
  const grid = { x: left, y: top, width: side, height: side };
  const guess = { x: left + side + gap, y: top, width: contentWidth - side - gap, height: side };
  const buttons = buttonRows({ x: left, y: top + side + gap, width: contentWidth, height: buttonsHeight }, gap * 0.5);
  const strip = filterStrip(left, top + side + gap + buttonsHeight + gap, contentWidth, unit, filterCount, unit * 5);
  const chartsTop = strip.bottom + gap;
  const stacked = (bottom - chartsTop - gap) / 2;
  // a short phone puts the curves side by side rather than squash each into a strip
  const [accuracyChart, lossChart] = stacked >= unit * 11
    ? [{ x: left, y: chartsTop, width: contentWidth, height: stacked }, { x: left, y: chartsTop + stacked + gap, width: contentWidth, height: stacked }]
    : [{ x: left, y: chartsTop, width: (contentWidth - gap) / 2, height: bottom - chartsTop }, { x: left + (contentWidth + gap) / 2, y: chartsTop, width: (contentWidth - gap) / 2, height: bottom - chartsTop }];
  return {
    orientation: 'portrait', unit, title, status, grid, buttons, guess, footer,
    filtersTitle: strip.title,
    filters: strip.tiles,
    accuracyChart,
    lossChart,
  };
}

/** Pause, Restart and Speed on the first row; Keep and Menu on the second. */
function buttonRows(area: Rect, gap: number): Record<TrainButton, Rect> {
  const rowHeight = (area.height - gap) / 2;
  const [pause, restart, speed] = splitStrip({ x: area.x, y: area.y, width: area.width, height: rowHeight }, 3, gap);
  const [keep, menu] = splitStrip({ x: area.x, y: area.y + rowHeight + gap, width: area.width, height: rowHeight }, 2, gap);
  if (pause === undefined || restart === undefined || speed === undefined || keep === undefined || menu === undefined) throw new Error('splitStrip gave too few buttons');
  return { pause, restart, speed, keep, menu };
}

/** A caption, then `count` square tiles in a row, each at most `maxTile` wide. */
function filterStrip(x: number, y: number, width: number, unit: number, count: number, maxTile: number): { title: Rect; tiles: Rect[]; bottom: number } {
  const title = { x, y, width, height: unit * 1.8 };
  const tileGap = unit * 0.6;
  const tile = Math.max(8, Math.min(maxTile, (width - (count - 1) * tileGap) / Math.max(1, count)));
  const tilesTop = y + title.height + unit * 0.4;
  const tiles = Array.from({ length: count }, (_, i) => ({ x: x + i * (tile + tileGap), y: tilesTop, width: tile, height: tile }));
  return { title, tiles, bottom: tilesTop + tile };
}
