import { buttonHeightFor, clamp, unitFor, type Rect } from './rect.ts';

/**
 * Layouts of the menu and the challenge summary, as plain rectangles in CSS pixels (pure, tested in
 * Node, like layout.ts). The challenge itself reuses the free-draw layout so the grid does not move.
 */

export interface MenuLayout {
  readonly unit: number;
  readonly title: Rect;
  readonly subtitle: Rect;
  /** one per menu entry, in reading order: top to bottom, and left to right in two columns */
  readonly buttons: readonly Rect[];
  /** best score and recent games */
  readonly scores: Rect;
  readonly footer: Rect;
}

export interface SummaryLayout {
  readonly unit: number;
  readonly title: Rect;
  /** total, best and the rounds won */
  readonly score: Rect;
  /** one card per round: thumbnail on top, text below */
  readonly cards: readonly Rect[];
  readonly playAgain: Rect;
  readonly back: Rect;
}

/** A card is this much taller than wide: a square thumbnail plus three lines of text. */
const CARD_ASPECT = 1.55;
const MAX_CARD_WIDTH = 170;

export function computeMenuLayout(width: number, height: number, entries: number): MenuLayout {
  const unit = unitFor(width, height);
  const titleHeight = unit * 4;
  const subtitleHeight = unit * 2;
  const scoresHeight = unit * 7;
  const room = height - unit * 2 - unit * 3;
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
  const footer = { x: left, y: height - unit * 3, width: blockWidth, height: unit * 2 };
  return { unit, title, subtitle, buttons, scores, footer };
}

export function computeSummaryLayout(width: number, height: number, count: number): SummaryLayout {
  const unit = unitFor(width, height);
  const margin = unit * 1.5;
  const gap = unit;
  const contentWidth = Math.min(width - 2 * margin, unit * 64);
  const left = (width - contentWidth) / 2;
  const titleHeight = unit * 3;
  const scoreHeight = unit * 2.4;
  const buttonHeight = buttonHeightFor(unit);
  const cardsTop = margin + titleHeight + scoreHeight + gap;
  const cardsBottom = height - margin - buttonHeight - gap;
  const area = { width: contentWidth, height: Math.max(unit * 8, cardsBottom - cardsTop) };

  const { columns, cardWidth } = bestColumns(count, area.width, area.height, gap);
  const rows = Math.ceil(count / columns);
  const cardHeight = cardWidth * CARD_ASPECT;
  const gridWidth = columns * cardWidth + (columns - 1) * gap;
  const gridLeft = left + (contentWidth - gridWidth) / 2;
  const gridTop = cardsTop + Math.max(0, (area.height - (rows * cardHeight + (rows - 1) * gap)) / 2);
  const cards: Rect[] = [];
  for (let i = 0; i < count; i++) {
    const column = i % columns;
    const row = Math.floor(i / columns);
    // the last row is centred when it is not full
    const inRow = row === rows - 1 ? count - row * columns : columns;
    const rowLeft = gridLeft + ((columns - inRow) * (cardWidth + gap)) / 2;
    cards.push({
      x: rowLeft + column * (cardWidth + gap),
      y: gridTop + row * (cardHeight + gap),
      width: cardWidth,
      height: cardHeight,
    });
  }

  const buttonWidth = Math.min(unit * 14, (contentWidth - gap) / 2);
  const buttonsLeft = left + (contentWidth - 2 * buttonWidth - gap) / 2;
  const buttonY = height - margin - buttonHeight;
  return {
    unit,
    title: { x: left, y: margin, width: contentWidth, height: titleHeight },
    score: { x: left, y: margin + titleHeight, width: contentWidth, height: scoreHeight },
    cards,
    playAgain: { x: buttonsLeft, y: buttonY, width: buttonWidth, height: buttonHeight },
    back: { x: buttonsLeft + buttonWidth + gap, y: buttonY, width: buttonWidth, height: buttonHeight },
  };
}

/**
 * The column count that gives the largest cards while all rows fit, cards capped at a comfortable
 * size; among equally large cards, the fewest rows (counting down, a tie keeps the wider grid).
 */
function bestColumns(
  count: number,
  width: number,
  height: number,
  gap: number,
): { columns: number; cardWidth: number } {
  let best = { columns: 1, cardWidth: 0 };
  for (let columns = Math.max(1, count); columns >= 1; columns--) {
    const rows = Math.ceil(count / columns);
    const byWidth = (width - (columns - 1) * gap) / columns;
    const byHeight = (height - (rows - 1) * gap) / rows / CARD_ASPECT;
    const cardWidth = Math.min(byWidth, byHeight, MAX_CARD_WIDTH);
    if (cardWidth > best.cardWidth + 0.5) best = { columns, cardWidth };
  }
  return { columns: best.columns, cardWidth: Math.max(24, best.cardWidth) };
}
