import { Container, Graphics, Rectangle, Sprite, Texture } from 'pixi.js';
import type { Grid } from '../../../common/ink/grid.ts';
import { lineColumns, lineRect, UNFOLDED, type GridFold } from '../layout/gridFold.ts';
import { gridFramePad, type Rect } from '../layout/rect.ts';
import { InkTexture } from './inkTexture.ts';
import { label } from './text.ts';
import { COLORS } from './theme.ts';

/**
 * Shows a Grid: ink as a texture with one texel per cell, thin lines between cells, a rounded frame
 * and a hint while the grid is empty; folded into lines when asked (layout/gridFold.ts), each line
 * in a frame of its own. Reads the grid; never writes it.
 */
export class GridView extends Container {
  private readonly frame = new Graphics();
  private readonly lines = new Graphics();
  private readonly ink: InkTexture;
  /** one per line shown, each showing its line's columns of the one ink texture */
  private readonly sprites: Sprite[] = [];
  private readonly inkLayer = new Container();
  private readonly hint = label('body', 16, COLORS.faint);
  private drawnVersion = -1;
  private rect: Rect = { x: 0, y: 0, width: 1, height: 1 };
  private folded: GridFold = UNFOLDED;

  /** `hint`: shown while the grid is empty */
  constructor(private readonly grid: Grid, hint = 'Draw a digit here') {
    super();
    this.hint.text = hint;
    this.ink = new InkTexture(grid.width, grid.height, COLORS.paper, COLORS.ink);
    this.hint.anchor.set(0.5);
    this.addChild(this.frame, this.inkLayer, this.lines, this.hint);
  }

  /**
   * `outer`: the frame's outer edge (all lines and the gaps between them); the cells sit just inside
   * it. `fold`: the lines the grid is shown in, `fold.gap` apart (between cells, frames included).
   */
  setRect(outer: Rect, unit: number, fold: GridFold = UNFOLDED): void {
    const pad = gridFramePad(unit);
    const rect = { x: outer.x + pad, y: outer.y + pad, width: outer.width - 2 * pad, height: outer.height - 2 * pad };
    this.rect = rect;
    this.folded = fold;
    this.showLines(fold.lines);
    this.frame.clear();
    this.lines.clear();
    for (let line = 0; line < fold.lines; line++) {
      const { x, y, width, height } = lineRect(rect, fold, line);
      this.frame.roundRect(x - pad, y - pad, width + 2 * pad, height + 2 * pad, pad * 1.6)
        .fill({ color: COLORS.paper })
        .stroke({ color: COLORS.cardEdge, width: 1.5, alignment: 1 });
      this.sprites[line]?.position.set(x, y);
      this.sprites[line]?.setSize(width, height);
      const columns = this.grid.width / fold.lines;
      const cw = width / columns;
      const ch = height / this.grid.height;
      for (let gx = 1; gx < columns; gx++) this.lines.moveTo(x + gx * cw, y).lineTo(x + gx * cw, y + height);
      for (let gy = 1; gy < this.grid.height; gy++) this.lines.moveTo(x, y + gy * ch).lineTo(x + width, y + gy * ch);
    }
    this.lines.stroke({ color: COLORS.gridLine, width: 1, alpha: 0.7 });

    const first = lineRect(rect, fold, 0);
    this.hint.style.fontSize = Math.max(14, unit * 1.5);
    this.hint.position.set(first.x + first.width / 2, first.y + first.height / 2);
  }

  /** The cells' area (inside the frame, every line and gap): what pointer input maps onto the grid. */
  getRect(): Rect {
    return this.rect;
  }

  /** How the grid is folded into lines on screen. */
  fold(): GridFold {
    return this.folded;
  }

  /** A sprite per line, each showing its columns of the ink texture (the whole texture when unfolded). */
  private showLines(count: number): void {
    if (this.sprites.length === count) return;
    for (const sprite of this.sprites.splice(0)) sprite.destroy({ texture: sprite.texture !== this.ink.texture });
    for (let line = 0; line < count; line++) {
      const { from, to } = lineColumns(this.grid.width, { lines: count, gap: 0 }, line);
      const texture = count === 1
        ? this.ink.texture
        : new Texture({ source: this.ink.texture.source, frame: new Rectangle(from, 0, to - from, this.grid.height) });
      this.sprites.push(this.inkLayer.addChild(new Sprite(texture)));
    }
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
