import { buttonHeightFor, clamp, unitFor, type Rect } from '../../../shell/layout/rect.ts';

/**
 * Where the Compare mode's parts go, in CSS pixels (pure, tested in Node). Wide screens: the grid on
 * the left with Clear under it, one tall card per model side by side on the right, the verdict over
 * them. Tall screens (phones): the grid on top, the verdict, then one wide card per model, stacked.
 */
export interface CompareLayout {
  readonly unit: number;
  readonly title: Rect;
  readonly menu: Rect;
  /** the grid's frame (GridView's outer rect), square */
  readonly grid: Rect;
  readonly clear: Rect;
  /** one line: do the models agree */
  readonly verdict: Rect;
  /** one card per model, in the columns' order */
  readonly cards: readonly Rect[];
}

/** A card narrower than this (CSS px) cannot hold its name and bars: wide screens wrap cards into rows. */
const MIN_CARD_WIDTH = 150;

export function computeCompareLayout(width: number, height: number, count: number): CompareLayout {
  const unit = unitFor(width, height);
  const margin = unit * 1.5;
  const gap = unit;
  const titleHeight = unit * 2.6;
  const buttonHeight = buttonHeightFor(unit);
  const verdictHeight = unit * 2.4;
  const top = margin + titleHeight + gap;
  const n = Math.max(1, count);
  const contentWidth = Math.max(1, width - 2 * margin);
  const menuWidth = Math.min(unit * 7, contentWidth / 3);
  const title = { x: margin, y: margin, width: contentWidth - menuWidth - gap, height: titleHeight };
  const menu = { x: margin + contentWidth - menuWidth, y: margin, width: menuWidth, height: titleHeight };

  if (width >= height * 1.05) {
    const side = clamp(Math.min(height - top - gap - buttonHeight - margin, contentWidth * 0.4), 120, 560);
    const grid = { x: margin, y: top, width: side, height: side };
    const clear = { x: margin, y: top + side + gap, width: side, height: buttonHeight };
    const area = { x: margin + side + gap * 1.5, y: top + verdictHeight + gap * 0.5, width: contentWidth - side - gap * 1.5, height: 0 };
    const bottom = height - margin;
    const perRow = Math.max(1, Math.min(n, Math.floor((area.width + gap) / (MIN_CARD_WIDTH + gap))));
    const rows = Math.ceil(n / perRow);
    const cardWidth = (area.width - (perRow - 1) * gap) / perRow;
    const cardHeight = Math.min(unit * 30, (bottom - area.y - (rows - 1) * gap) / rows);
    const cards = Array.from({ length: count }, (_, i) => ({
      x: area.x + (i % perRow) * (cardWidth + gap),
      y: area.y + Math.floor(i / perRow) * (cardHeight + gap),
      width: cardWidth,
      height: cardHeight,
    }));
    return { unit, title, menu, grid, clear, verdict: { x: area.x, y: top, width: area.width, height: verdictHeight }, cards };
  }

  // a card row needs its name, caption and a row of bars: about 7 units, more when there is room
  const cardHeight = clamp((height - top) * 0.5 / n, unit * 6.5, unit * 10);
  const cardsHeight = n * cardHeight + (n - 1) * gap * 0.6;
  const side = clamp(Math.min(contentWidth, height - top - gap - buttonHeight - gap - verdictHeight - cardsHeight - margin), 160, contentWidth);
  const grid = { x: (width - side) / 2, y: top, width: side, height: side };
  const clear = { x: grid.x, y: top + side + gap * 0.6, width: side, height: buttonHeight };
  const verdictY = clear.y + buttonHeight + gap * 0.6;
  const cardsY = verdictY + verdictHeight;
  // when the grid is as wide as it can be, the cards take what height is left, up to a comfortable size
  const tallest = Math.max(cardHeight, Math.min(unit * 13, (height - margin - cardsY - (n - 1) * gap * 0.6) / n));
  const cards = Array.from({ length: count }, (_, i) => ({ x: margin, y: cardsY + i * (tallest + gap * 0.6), width: contentWidth, height: tallest }));
  return { unit, title, menu, grid, clear, verdict: { x: margin, y: verdictY, width: contentWidth, height: verdictHeight }, cards };
}
