import { Graphics } from 'pixi.js';
import type { Rect } from '../../../shell/layout/rect.ts';
import type { CellBox } from '../state/receptiveField.ts';
import { COLORS } from '../../../shell/view/theme.ts';

/**
 * Where a feature map's pixel looks, outlined on the player's grid: the receptive field carried
 * back through the normalisation (state/receptiveField.ts), in grid cells. Drawn over the ink and
 * the heat map, it takes no pointer events so drawing goes on under it.
 */
export class FieldOutlineView extends Graphics {
  private cells: Rect = { x: 0, y: 0, width: 1, height: 1 };
  private box: CellBox | null = null;

  constructor(private readonly gridWidth: number, private readonly gridHeight: number) {
    super();
    this.eventMode = 'none';
  }

  /** `cells`: the grid's cell area on screen. */
  setRect(cells: Rect): void {
    this.cells = cells;
    this.draw();
  }

  show(box: CellBox | null): void {
    this.box = box;
    this.draw();
  }

  shown(): CellBox | null {
    return this.box;
  }

  private draw(): void {
    this.clear();
    const box = this.box;
    if (box === null || box.width <= 0 || box.height <= 0) return;
    const cw = this.cells.width / this.gridWidth;
    const ch = this.cells.height / this.gridHeight;
    const rect = { x: this.cells.x + box.x * cw, y: this.cells.y + box.y * ch, width: box.width * cw, height: box.height * ch };
    this.rect(rect.x, rect.y, rect.width, rect.height).stroke({ color: COLORS.unsure, width: 2.5 });
  }
}
