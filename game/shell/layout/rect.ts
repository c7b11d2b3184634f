/** Where things go on screen, as plain rectangles in CSS pixels: pure, so it is tested in Node. */

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface FreeLayout {
  readonly orientation: 'landscape' | 'portrait';
  /** unit for font sizes and gaps, scaled with the screen */
  readonly unit: number;
  readonly title: Rect;
  readonly grid: Rect;
  readonly reset: Rect;
  readonly classify: Rect;
  /** the drawing tools under Reset and Classify: undo, redo, eraser, sound (toolButtons splits it) */
  readonly tools: Rect;
  /** the card with the big digit, the preview and the bars */
  readonly panel: Rect;
  /** one line under everything: model name and accuracy, messages */
  readonly footer: Rect;
}

export function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

/** The size unit of every screen (font sizes, gaps), scaled with the screen's shorter side. */
export function unitFor(width: number, height: number): number {
  return clamp(Math.min(width, height) / 40, 9, 18);
}

/** A touch-friendly button height for `unit`, the same on every screen but the menu. */
export function buttonHeightFor(unit: number): number {
  return clamp(unit * 3.4, 44, 60);
}

/** The drawing tools' row: shorter than the main buttons, never below a comfortable touch target. */
export function toolsHeightFor(buttonHeight: number): number {
  return Math.max(44, buttonHeight * 0.8);
}

/**
 * `count` equal buttons filling `strip`, `gap` apart: side by side in a row, top to bottom in a
 * column (a strip taller than wide), each at most `maxExtent` long in a column.
 */
export function splitStrip(strip: Rect, count: number, gap: number, maxExtent = Number.POSITIVE_INFINITY): Rect[] {
  if (strip.height > strip.width) {
    const height = Math.min(maxExtent, (strip.height - (count - 1) * gap) / count);
    return Array.from({ length: count }, (_, i) => ({ x: strip.x, y: strip.y + i * (height + gap), width: strip.width, height }));
  }
  const width = (strip.width - (count - 1) * gap) / count;
  return Array.from({ length: count }, (_, i) => ({ x: strip.x + i * (width + gap), y: strip.y, width, height: strip.height }));
}

/** Space between a grid's frame and its cells (GridView), so layouts can size the cells exactly. */
export function gridFramePad(unit: number): number {
  return Math.max(4, unit * 0.5);
}

/** Grid edge never drops below this, so a digit stays drawable on the smallest phone. */
const MIN_GRID = 196;

export function computeFreeLayout(width: number, height: number): FreeLayout {
  const unit = unitFor(width, height);
  const margin = unit * 1.5;
  const gap = unit * 1.25;
  const titleHeight = unit * 2.6;
  const footerHeight = unit * 4;
  const buttonHeight = buttonHeightFor(unit);
  const toolsHeight = toolsHeightFor(buttonHeight);
  const toolsGap = gap * 0.5;
  const top = margin + titleHeight + gap;
  const bottom = height - margin - footerHeight;

  if (width >= height * 1.05) {
    const available = bottom - top - gap - buttonHeight - toolsGap - toolsHeight;
    const side = Math.max(MIN_GRID, Math.min(available, (width - 2 * margin - gap) * 0.55));
    const panelWidth = Math.min(side * 0.95, width - 2 * margin - gap - side);
    const contentWidth = side + gap + panelWidth;
    const left = Math.max(margin, (width - contentWidth) / 2);
    const grid = { x: left, y: top, width: side, height: side };
    const buttonY = top + side + gap;
    const buttonWidth = (side - gap) / 2;
    const toolsY = buttonY + buttonHeight + toolsGap;
    return {
      orientation: 'landscape',
      unit,
      title: { x: left, y: margin, width: contentWidth, height: titleHeight },
      grid,
      reset: { x: left, y: buttonY, width: buttonWidth, height: buttonHeight },
      classify: { x: left + buttonWidth + gap, y: buttonY, width: buttonWidth, height: buttonHeight },
      tools: { x: left, y: toolsY, width: side, height: toolsHeight },
      panel: { x: left + side + gap, y: top, width: panelWidth, height: side + gap + buttonHeight + toolsGap + toolsHeight },
      footer: { x: left, y: toolsY + toolsHeight + gap * 0.6, width: contentWidth, height: footerHeight },
    };
  }

  const contentWidth = Math.min(width - 2 * margin, 560);
  const left = (width - contentWidth) / 2;
  // enough for the answer and a column per digit on the smallest phones
  const panelMin = unit * 20;
  // a tall screen with room beside the grid (a tablet) keeps the tools in a column there, so the
  // grid does not shrink for them; a phone gets a row under Reset and Classify
  const sideWithoutRow = Math.max(MIN_GRID, Math.min(contentWidth, bottom - top - 2 * gap - buttonHeight - panelMin));
  const columnWidth = Math.max(toolsHeight, unit * 6);
  const column = contentWidth - sideWithoutRow >= columnWidth + gap;
  const rowCost = column ? 0 : toolsGap + toolsHeight;
  const side = column ? sideWithoutRow : Math.max(MIN_GRID, Math.min(contentWidth, bottom - top - 2 * gap - buttonHeight - rowCost - panelMin));
  // grid and column centred together
  const gridLeft = left + (contentWidth - side - (column ? columnWidth + gap : 0)) / 2;
  const buttonY = top + side + gap;
  const buttonWidth = (side - gap) / 2;
  const toolsY = buttonY + buttonHeight + toolsGap;
  const tools = column
    ? { x: gridLeft + side + gap, y: top, width: columnWidth, height: side }
    : { x: gridLeft, y: toolsY, width: side, height: toolsHeight };
  const panelY = buttonY + buttonHeight + rowCost + gap;
  const panelHeight = Math.max(panelMin, bottom - panelY);
  return {
    orientation: 'portrait',
    unit,
    title: { x: left, y: margin, width: contentWidth, height: titleHeight },
    grid: { x: gridLeft, y: top, width: side, height: side },
    reset: { x: gridLeft, y: buttonY, width: buttonWidth, height: buttonHeight },
    classify: { x: gridLeft + buttonWidth + gap, y: buttonY, width: buttonWidth, height: buttonHeight },
    tools,
    panel: { x: left, y: panelY, width: contentWidth, height: panelHeight },
    footer: { x: left, y: panelY + panelHeight + gap * 0.5, width: contentWidth, height: footerHeight },
  };
}
