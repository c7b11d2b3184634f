import { BitmapText, Container, Graphics } from 'pixi.js';
import { lineRect, UNFOLDED, type GridFold } from '../../../shell/layout/gridFold.ts';
import type { Rect } from '../../../shell/layout/rect.ts';
import type { DigitReport } from '../../../shell/state/numberReport.ts';
import { label } from '../../../shell/view/text.ts';
import { COLORS } from '../../../shell/view/theme.ts';

/** How the grid's cells are laid out on screen: its size in cells and the lines it is folded into. */
export interface GridShape {
  readonly fold: GridFold;
  readonly columns: number;
  readonly rows: number;
}

/**
 * A box around each digit read on the wide grid, with its guess and confidence just above it:
 * green when sure, amber when unsure. Reads a NumberReport; cells are mapped to the grid's screen
 * rectangle given with `setCells`.
 */
export class DigitBoxesView extends Container {
  private readonly boxes = new Graphics();
  private readonly labels: BitmapText[] = [];
  private digits: readonly DigitReport[] = [];
  private cells: Rect = { x: 0, y: 0, width: 1, height: 1 };
  private cell = 1;
  private unit = 10;
  private shape: GridShape = { fold: UNFOLDED, columns: 1, rows: 1 };

  constructor() {
    super();
    this.addChild(this.boxes);
  }

  /** `cells`: the grid's cell area on screen (every line of a folded grid); `cell`: the edge of one cell, CSS pixels. */
  setCells(cells: Rect, cell: number, unit: number, shape: GridShape): void {
    this.cells = cells;
    this.cell = cell;
    this.unit = unit;
    this.shape = shape;
    this.draw();
  }

  show(digits: readonly DigitReport[]): void {
    this.digits = digits;
    this.draw();
  }

  private draw(): void {
    const { cell, shape } = this;
    const perLine = shape.columns / shape.fold.lines;
    // a cell's margin around the ink, so the box does not sit on the strokes
    const margin = Math.max(2, cell * 0.6);
    const fontSize = Math.max(11, this.unit * 1.3);
    this.boxes.clear();
    while (this.labels.length < this.digits.length) {
      const text = label('strong', fontSize, COLORS.text);
      text.anchor.set(0.5, 1);
      this.labels.push(text);
      this.addChild(text);
    }
    this.labels.forEach((text, i) => {
      const digit = this.digits[i];
      text.visible = digit !== undefined;
      if (digit === undefined) return;
      const colour = digit.unsure ? COLORS.unsure : COLORS.sure;
      // a digit is read within one line; its box is drawn in that line's strip
      const line = Math.min(shape.fold.lines - 1, Math.floor(digit.box.x0 / perLine));
      const cells = lineRect(this.cells, shape.fold, line);
      const x0 = digit.box.x0 - line * perLine;
      const x1 = Math.min(perLine - 1, digit.box.x1 - line * perLine);
      const x = Math.max(cells.x, cells.x + x0 * cell - margin);
      const y = Math.max(cells.y, cells.y + digit.box.y0 * cell - margin);
      const right = Math.min(cells.x + cells.width, cells.x + (x1 + 1) * cell + margin);
      const bottom = Math.min(cells.y + cells.height, cells.y + (digit.box.y1 + 1) * cell + margin);
      this.boxes.roundRect(x, y, right - x, bottom - y, Math.min(6, cell)).stroke({ color: colour, width: 2, alpha: 0.9 });
      text.text = `${digit.digit}  ${Math.round(digit.confidence * 100)}%`;
      text.tint = colour;
      text.style.fontSize = fontSize;
      text.position.set((x + right) / 2, y - 3);
    });
  }
}
