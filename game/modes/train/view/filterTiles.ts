import { Container, Graphics, Sprite } from 'pixi.js';
import type { Rect } from '../../../shell/layout/rect.ts';
import { InkTexture } from '../../../shell/view/inkTexture.ts';
import { COLORS } from '../../../shell/view/theme.ts';
import { filterShades } from '../state/filterShades.ts';

const BLACK = 0x000000;
const WHITE = 0xffffff;

/**
 * The first convolution's filters as small tiles, one texel per weight in grey: each filter
 * scaled on its own from its lowest weight (black) to its highest (white), as ConvNetJS shows them,
 * so strokes and edges stand out as they form whatever the weights' size. One small texture per
 * filter: five reports a second repaint 25 texels each, and a frame draws eight sprites.
 */
export class FilterTilesView extends Container {
  private readonly frames = new Graphics();
  private textures: InkTexture[] = [];
  private sprites: Sprite[] = [];
  private rects: readonly Rect[] = [];
  private size = 0;
  private shown: Float32Array | null = null;

  constructor() {
    super();
    this.addChild(this.frames);
  }

  setRects(rects: readonly Rect[]): void {
    this.rects = rects;
    this.frames.clear();
    for (const rect of rects) this.frames.rect(rect.x - 1, rect.y - 1, rect.width + 2, rect.height + 2).fill({ color: COLORS.cardEdge });
    this.sprites.forEach((sprite, i) => { place(sprite, rects[i]); });
  }

  /** `filters`: filter after filter, `size` x `size` weights each, row-major; null shows empty tiles. */
  show(filters: Float32Array | null, size: number): void {
    if (filters === this.shown) return;
    this.shown = filters;
    if (size !== this.size && size > 0) this.build(size);
    const per = size * size;
    this.textures.forEach((texture, f) => {
      const weights = filters?.subarray(f * per, (f + 1) * per);
      texture.paint(weights === undefined || weights.length < per ? new Float32Array(per) : filterShades(weights));
    });
  }

  /** One texture and sprite per tile, for filters of `size` x `size`. */
  private build(size: number): void {
    for (const sprite of this.sprites) sprite.destroy();
    for (const texture of this.textures) texture.destroy();
    this.size = size;
    this.textures = this.rects.map(() => new InkTexture(size, size, BLACK, WHITE));
    this.sprites = this.textures.map((texture, i) => {
      const sprite = new Sprite(texture.texture);
      place(sprite, this.rects[i]);
      this.addChild(sprite);
      return sprite;
    });
  }
}

function place(sprite: Sprite, rect: Rect | undefined): void {
  if (rect === undefined) return;
  sprite.position.set(rect.x, rect.y);
  sprite.setSize(rect.width, rect.height);
}
