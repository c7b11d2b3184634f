import { NUM_CLASSES } from '../../../../common/digit.ts';
import { buttonHeightFor, unitFor, type Rect } from '../../../shell/layout/rect.ts';

/** The My digits screen's buttons, left to right. */
export const MY_DIGITS_BUTTONS = ['teach', 'base', 'export', 'delete', 'clear'] as const;
export type MyDigitsButton = (typeof MY_DIGITS_BUTTONS)[number];

export interface MyDigitsLayout {
  readonly unit: number;
  readonly title: Rect;
  readonly menu: Rect;
  /** one row per digit 0..9: the digit's label on the left, thumbnails after it */
  readonly rows: readonly Rect[];
  /** the label column's width inside each row */
  readonly labelWidth: number;
  /** a thumbnail's edge and the step between two thumbnails, CSS px */
  readonly thumb: number;
  readonly thumbStep: number;
  /** thumbnails that fit in a row; more are summed up as "+k" */
  readonly perRow: number;
  readonly buttons: Readonly<Record<MyDigitsButton, Rect>>;
  readonly progress: Rect;
  /** three lines of text: the model, its held-out accuracy, the last action's outcome */
  readonly status: Rect;
}

/** Pure, like the other layouts: everything in CSS pixels for a width x height screen. */
export function computeMyDigitsLayout(width: number, height: number): MyDigitsLayout {
  const unit = unitFor(width, height);
  const margin = unit * 1.5;
  const gap = unit;
  const contentWidth = Math.min(width - 2 * margin, unit * 70);
  const left = (width - contentWidth) / 2;
  const titleHeight = unit * 2.6;
  const buttonHeight = buttonHeightFor(unit);
  const title = { x: left, y: margin, width: contentWidth, height: titleHeight };
  const menuWidth = unit * 7;
  const menu = { x: left + contentWidth - menuWidth, y: margin, width: menuWidth, height: titleHeight };

  const statusHeight = unit * 4.8;
  const progressHeight = unit * 0.8;
  const status = { x: left, y: height - margin - statusHeight, width: contentWidth, height: statusHeight };
  const progress = { x: left, y: status.y - gap * 0.5 - progressHeight, width: contentWidth, height: progressHeight };
  const buttonsY = progress.y - gap * 0.5 - buttonHeight;
  const buttonGap = unit * 0.8;
  const buttonWidth = (contentWidth - (MY_DIGITS_BUTTONS.length - 1) * buttonGap) / MY_DIGITS_BUTTONS.length;
  const buttons = Object.fromEntries(MY_DIGITS_BUTTONS.map((name, i) =>
    [name, { x: left + i * (buttonWidth + buttonGap), y: buttonsY, width: buttonWidth, height: buttonHeight }])) as Record<MyDigitsButton, Rect>;

  const galleryTop = title.y + titleHeight + gap;
  const rowHeight = Math.max(8, (buttonsY - gap - galleryTop) / NUM_CLASSES);
  const rows = Array.from({ length: NUM_CLASSES }, (_, d) => ({ x: left, y: galleryTop + d * rowHeight, width: contentWidth, height: rowHeight }));
  const labelWidth = unit * 3;
  const thumb = rowHeight * 0.88;
  const thumbStep = thumb + Math.max(2, rowHeight * 0.12);
  // the last slot stays free for the "+k" of a row that does not fit
  const perRow = Math.max(1, Math.floor((contentWidth - labelWidth) / thumbStep) - 1);
  return { unit, title, menu, rows, labelWidth, thumb, thumbStep, perRow, buttons, progress, status };
}

/** The thumbnail at `index` in `digit`'s row, or null past what the row shows. */
export function thumbRect(layout: MyDigitsLayout, digit: number, index: number): Rect | null {
  const row = layout.rows[digit];
  if (row === undefined || index < 0 || index >= layout.perRow) return null;
  const x = row.x + layout.labelWidth + index * layout.thumbStep;
  return { x, y: row.y + (row.height - layout.thumb) / 2, width: layout.thumb, height: layout.thumb };
}
