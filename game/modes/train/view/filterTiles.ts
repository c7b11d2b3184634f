import { Container, Graphics } from 'pixi.js';
import type { Rect } from '../../../shell/layout/rect.ts';
import { COLORS } from '../../../shell/view/theme.ts';
import { filterShades } from '../state/filterShades.ts';

/**
 * The first convolution's filters as small tiles, one square cell per weight in grey: each filter
 * scaled on its own from its lowest weight (black) to its highest (white), as ConvNetJS shows them,
 * so strokes and edges stand out as they form whatever the weights' size.
 */
export class FilterTilesView extends Container {
  private readonly cells = new Graphics();
  private rects: readonly Rect[] = [];
  private shown: Float32Array | null = null;

  constructor() {
    super();
    this.addChild(this.cells);
  }

  setRects(rects: readonly Rect[]): void {
    this.rects = rects;
    this.shown = null;
  }

  /** `filters`: filter after filter, `size` x `size` weights each, row-major; null draws empty tiles. */
  show(filters: Float32Array | null, size: number): void {
    if (filters === this.shown && filters !== null) return;
    this.shown = filters;
    this.cells.clear();
    const per = size * size;
    this.rects.forEach((rect, f) => {
      this.cells.rect(rect.x - 1, rect.y - 1, rect.width + 2, rect.height + 2).fill({ color: COLORS.cardEdge });
      if (filters === null || size === 0 || filters.length < (f + 1) * per) {
        this.cells.rect(rect.x, rect.y, rect.width, rect.height).fill({ color: COLORS.paper });
        return;
      }
      const shades = filterShades(filters.subarray(f * per, (f + 1) * per));
      const cell = rect.width / size;
      shades.forEach((shade, i) => {
        const grey = Math.round(shade * 255);
        this.cells.rect(rect.x + (i % size) * cell, rect.y + Math.floor(i / size) * cell, cell + 0.5, cell + 0.5).fill({ color: (grey << 16) | (grey << 8) | grey });
      });
    });
  }
}
