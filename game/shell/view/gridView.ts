import { Container, Graphics, Sprite } from 'pixi.js';
import type { Grid } from '../../../common/ink/grid.ts';
import { gridFramePad, type Rect } from '../layout/rect.ts';
import { InkTexture } from './inkTexture.ts';
import { label } from './text.ts';
import { COLORS } from './theme.ts';

/**
 * Shows a Grid: ink as a texture with one texel per cell, thin lines between cells, a rounded frame
 * and a hint while the grid is empty. Reads the grid; never writes it.
 */
export class GridView extends Container {
  private readonly frame = new Graphics();
  private readonly lines = new Graphics();
  private readonly ink: InkTexture;
  private readonly sprite: Sprite;
  private readonly hint = label('body', 16, COLORS.faint);
  private drawnVersion = -1;
  private rect: Rect = { x: 0, y: 0, width: 1, height: 1 };

  /** `hint`: shown while the grid is empty */
  constructor(private readonly grid: Grid, hint = 'Draw a digit here') {
    super();
    this.hint.text = hint;
    this.ink = new InkTexture(grid.width, grid.height, COLORS.paper, COLORS.ink);
    this.sprite = new Sprite(this.ink.texture);
    this.hint.anchor.set(0.5);
    this.addChild(this.frame, this.sprite, this.lines, this.hint);
  }

  /** `rect`: the frame's outer edge; the cells sit just inside it. */
  setRect(outer: Rect, unit: number): void {
    const pad = gridFramePad(unit);
    this.frame.clear()
      .roundRect(outer.x, outer.y, outer.width, outer.height, pad * 1.6)
      .fill({ color: COLORS.paper })
      .stroke({ color: COLORS.cardEdge, width: 1.5, alignment: 1 });
    const rect = { x: outer.x + pad, y: outer.y + pad, width: outer.width - 2 * pad, height: outer.height - 2 * pad };
    this.rect = rect;
    const { x, y, width, height } = rect;
    this.sprite.position.set(x, y);
    this.sprite.setSize(width, height);

    const cw = width / this.grid.width;
    const ch = height / this.grid.height;
    this.lines.clear();
    for (let gx = 1; gx < this.grid.width; gx++) this.lines.moveTo(x + gx * cw, y).lineTo(x + gx * cw, y + height);
    for (let gy = 1; gy < this.grid.height; gy++) this.lines.moveTo(x, y + gy * ch).lineTo(x + width, y + gy * ch);
    this.lines.stroke({ color: COLORS.gridLine, width: 1, alpha: 0.7 });

    this.hint.style.fontSize = Math.max(14, unit * 1.5);
    this.hint.position.set(x + width / 2, y + height / 2);
  }

  /** The cells' area (inside the frame): what pointer input maps onto the grid. */
  getRect(): Rect {
    return this.rect;
  }

  /** The grid shown: width x height cells, row-major, 0..1 (read-only, for the test API). */
  shownGrid(): { readonly width: number; readonly height: number; readonly cells: readonly number[] } {
    return { width: this.grid.width, height: this.grid.height, cells: Array.from(this.grid.cells) };
  }

  /** Repaints only when the grid changed since the last call; returns whether it did. */
  sync(): boolean {
    if (this.grid.version === this.drawnVersion) return false;
    this.drawnVersion = this.grid.version;
    this.ink.paint(this.grid.cells);
    this.hint.visible = this.grid.cells.every((v) => v === 0);
    return true;
  }

  override destroy(): void {
    this.ink.destroy();
    super.destroy({ children: true });
  }
}
