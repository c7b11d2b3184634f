import { clamp, unitFor, type Rect } from '../../../shell/layout/rect.ts';

/** The menu's layout, as plain rectangles in CSS pixels (pure, tested in Node). */

export interface MenuLayout {
  readonly unit: number;
  readonly title: Rect;
  readonly subtitle: Rect;
  /** one per menu entry, in reading order: top to bottom, and left to right in two columns */
  readonly buttons: readonly Rect[];
  /** best score and recent games */
  readonly scores: Rect;
  /** a message (ignored query parameters, a model that could not load), above the credits */
  readonly footer: Rect;
  /** where the digits the networks learn from come from, at the bottom */
  readonly credits: Rect;
  /** one line on a wide screen, two on a phone (the line would shrink below legible) */
  readonly creditLines: 1 | 2;
}

export function computeMenuLayout(width: number, height: number, entries: number): MenuLayout {
  const unit = unitFor(width, height);
  const titleHeight = unit * 4;
  const subtitleHeight = unit * 2;
  const scoresHeight = unit * 7;
  const creditLines = width - 4 * unit >= unit * 40 ? 1 : 2;
  const creditsHeight = unit * 1.6 * creditLines;
  const footerHeight = unit * 2;
  const room = height - unit * 2 - (unit * 1.2 + footerHeight + creditsHeight);
  const fixed = titleHeight + subtitleHeight + scoresHeight;
  const minGap = unit * 1.9;
  const columnGap = unit * 2;
  // A menu too long for one column of touch targets on a wide, short screen reads in two, row by row.
  const twoFit = (width - 4 * unit - columnGap) / 2 >= unit * 18;
  const columns = fixed + unit * 2.4 + entries * (44 + minGap) > room && twoFit ? 2 : 1;
  const rows = Math.ceil(entries / columns);
  const columnWidth = Math.min((width - 4 * unit - (columns - 1) * columnGap) / columns, unit * 30);
  const blockWidth = columns * columnWidth + (columns - 1) * columnGap;
  const left = (width - blockWidth) / 2;
  // A long menu on a short screen closes up: first the space above the buttons, then the buttons and
  // the gaps (each keeps room for its one-line note), never below a touch target.
  let buttonHeight = clamp(unit * 4, 48, 68);
  let gap = unit * 2.4;
  let lead = 2 * gap;
  if (fixed + lead + rows * (buttonHeight + gap) > room) lead = gap;
  const perRow = (room - fixed - lead) / Math.max(1, rows);
  if (perRow < buttonHeight + gap) {
    const scale = Math.max(0, (perRow - 44 - minGap) / (buttonHeight - 44 + gap - minGap));
    buttonHeight = 44 + (buttonHeight - 44) * Math.min(1, scale);
    gap = minGap + (gap - minGap) * Math.min(1, scale);
  }
  const block = fixed + lead + rows * (buttonHeight + gap);
  let y = Math.max(unit * 2, (height - block) / 2);
  const title = { x: left, y, width: blockWidth, height: titleHeight };
  y += titleHeight;
  const subtitle = { x: left, y, width: blockWidth, height: subtitleHeight };
  y += subtitleHeight + lead;
  const buttons: Rect[] = [];
  for (let i = 0; i < entries; i++) {
    const row = Math.floor(i / columns);
    const column = i % columns;
    buttons.push({ x: left + column * (columnWidth + columnGap), y: y + row * (buttonHeight + gap), width: columnWidth, height: buttonHeight });
  }
  y += rows * (buttonHeight + gap);
  const scores = { x: left, y, width: blockWidth, height: scoresHeight };
  const credits = { x: left, y: height - unit * 0.6 - creditsHeight, width: blockWidth, height: creditsHeight };
  const footer = { x: left, y: credits.y - unit * 0.6 - footerHeight, width: blockWidth, height: footerHeight };
  return { unit, title, subtitle, buttons, scores, footer, credits, creditLines };
}
