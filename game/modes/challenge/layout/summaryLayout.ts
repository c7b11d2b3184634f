import { buttonHeightFor, unitFor, type Rect } from '../../../shell/layout/rect.ts';

/**
 * The challenge summary's layout, as plain rectangles in CSS pixels (pure, tested in Node). The
 * challenge itself reuses the free-draw layout so the grid does not move.
 */

export interface SummaryLayout {
  readonly unit: number;
  readonly title: Rect;
  /** total, best and the rounds won */
  readonly score: Rect;
  /** one card per round: thumbnail on top, text below */
  readonly cards: readonly Rect[];
  /** "I meant" 0-9, a row of ten (two of five on a narrow screen) above Play again; empty when not asked for */
  readonly digits: readonly Rect[];
  /** one line above the digit buttons: what the last one did ("Saved as a 4"); no height without them */
  readonly status: Rect;
  readonly playAgain: Rect;
  readonly back: Rect;
}

/** A card is this much taller than wide: a square thumbnail plus three lines of text. */
const CARD_ASPECT = 1.55;
const MAX_CARD_WIDTH = 170;
/** The digit buttons are touch targets: never smaller than this (CSS px). */
const MIN_DIGIT = 40;

/** `count` rounds; `digits`: room for the ten "I meant" buttons (a round has a drawing to correct). */
export function computeSummaryLayout(width: number, height: number, count: number, digits = false): SummaryLayout {
  const unit = unitFor(width, height);
  const margin = unit * 1.5;
  const gap = unit;
  const contentWidth = Math.min(width - 2 * margin, unit * 64);
  const left = (width - contentWidth) / 2;
  const titleHeight = unit * 3;
  const scoreHeight = unit * 2.4;
  const buttonHeight = buttonHeightFor(unit);
  const cardsTop = margin + titleHeight + scoreHeight + gap;
  const buttonY = height - margin - buttonHeight;
  const digitRects = digits ? digitRow(left, contentWidth, buttonY - gap, unit, buttonHeight) : [];
  const statusHeight = digits ? unit * 2 : 0;
  const status = { x: left, y: Math.min(buttonY, ...digitRects.map((rect) => rect.y)) - gap * 0.5 - statusHeight, width: contentWidth, height: statusHeight };
  const cardsBottom = status.y - gap * 0.5;
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
  return {
    unit,
    title: { x: left, y: margin, width: contentWidth, height: titleHeight },
    score: { x: left, y: margin + titleHeight, width: contentWidth, height: scoreHeight },
    cards,
    digits: digitRects,
    status,
    playAgain: { x: buttonsLeft, y: buttonY, width: buttonWidth, height: buttonHeight },
    back: { x: buttonsLeft + buttonWidth + gap, y: buttonY, width: buttonWidth, height: buttonHeight },
  };
}

/** Ten square-ish buttons ending at `bottom`, in one row, or two of five when one row would make them too small. */
function digitRow(left: number, width: number, bottom: number, unit: number, buttonHeight: number): Rect[] {
  const gap = unit * 0.5;
  const fit = (perRow: number): number => Math.min(unit * 4.5, buttonHeight, (width - (perRow - 1) * gap) / perRow);
  const perRow = fit(10) >= MIN_DIGIT ? 10 : 5;
  const side = Math.max(MIN_DIGIT, fit(perRow));
  const rows = 10 / perRow;
  const rowLeft = left + (width - (perRow * side + (perRow - 1) * gap)) / 2;
  const top = bottom - rows * side - (rows - 1) * gap;
  return Array.from({ length: 10 }, (_, digit) => ({
    x: rowLeft + (digit % perRow) * (side + gap),
    y: top + Math.floor(digit / perRow) * (side + gap),
    width: side,
    height: side,
  }));
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
