import { Container, Sprite } from 'pixi.js';
import type { Rect } from '../../../shell/layout/rect.ts';
import type { MapsLayer } from '../state/insideLayers.ts';
import { divergingColour } from '../state/colourMap.ts';
import { label } from '../../../shell/view/text.ts';
import { COLORS } from '../../../shell/view/theme.ts';
import { RgbaTexture } from './rgbaTexture.ts';

/**
 * One layer's feature maps as tiles: all maps side by side (one texel gap) in one texture, one
 * sprite per map showing its part. Each map is scaled on its own by its largest absolute value,
 * with the diverging map, so a weak map still shows its shape and the sign stays readable.
 */
export class LayerTilesView extends Container {
  private readonly atlas: RgbaTexture;
  private readonly tiles: Sprite[] = [];
  private readonly caption = label('body', 12, COLORS.muted);

  constructor(readonly layer: MapsLayer, onTap: (map: number) => void) {
    super();
    const { width, height, maps } = layer;
    this.atlas = new RgbaTexture(maps * (width + 1), height);
    this.caption.text = `${layer.name} · ${layer.kind} · ${maps} maps of ${height}x${width}`;
    this.addChild(this.caption);
    for (let k = 0; k < maps; k++) {
      const tile = new Sprite(this.atlas.part(k * (width + 1), 0, width, height));
      tile.eventMode = 'static';
      tile.cursor = 'pointer';
      tile.on('pointertap', () => { onTap(k); });
      this.tiles.push(tile);
      this.addChild(tile);
    }
  }

  place(caption: Rect, tiles: readonly Rect[], unit: number): void {
    this.caption.style.fontSize = Math.max(10, unit * 1.05);
    this.caption.position.set(caption.x, caption.y);
    this.tiles.forEach((tile, k) => {
      const rect = tiles[k];
      if (rect === undefined) return;
      tile.position.set(rect.x, rect.y);
      tile.setSize(rect.width, rect.height);
    });
  }

  /** `values`: height * width * maps, channel-last. */
  paint(values: Float32Array): void {
    const { width, height, maps } = this.layer;
    const stride = maps * (width + 1);
    const scales = new Float32Array(maps);
    for (let i = 0; i < values.length; i++) {
      const k = i % maps;
      scales[k] = Math.max(scales[k] ?? 0, Math.abs(values[i] ?? 0));
    }
    const { rgba } = this.atlas;
    for (let i = 0; i < values.length; i++) {
      const k = i % maps;
      const cell = (i - k) / maps;
      const x = cell % width;
      const y = (cell - x) / width;
      const colour = divergingColour(values[i] ?? 0, (scales[k] ?? 0) || 1);
      const p = (y * stride + k * (width + 1) + x) * 4;
      rgba[p] = (colour >> 16) & 0xff;
      rgba[p + 1] = (colour >> 8) & 0xff;
      rgba[p + 2] = colour & 0xff;
      rgba[p + 3] = 255;
    }
    if (height > 0) this.atlas.upload();
  }

  override destroy(): void {
    this.atlas.destroy();
    super.destroy({ children: true });
  }
}
