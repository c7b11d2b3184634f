import { Container, Graphics, Sprite } from 'pixi.js';
import type { Rect } from '../../../shell/layout/rect.ts';
import type { MapsLayer } from '../state/insideLayers.ts';
import { divergingColour, rangeOf, scaleOf } from '../state/colourMap.ts';
import { label } from '../../../shell/view/text.ts';
import { COLORS } from '../../../shell/view/theme.ts';
import { RgbaTexture } from './rgbaTexture.ts';

export interface Filters {
  readonly size: readonly [number, number];
  readonly kernels: readonly Float32Array[];
}

/**
 * One feature map enlarged, with its layer's name, its shape and the range of its values; for the
 * first convolution also every kernel of that layer as a tiny image (the one making this map
 * outlined). Tapping it closes it.
 */
export class TileDetailView extends Container {
  private readonly background = new Graphics();
  private readonly title = label('strong', 15, COLORS.text);
  private readonly facts = label('body', 13, COLORS.muted);
  private readonly close = label('body', 12, COLORS.faint, 'tap to close');
  private map: { texture: RgbaTexture; sprite: Sprite } | null = null;
  private kernels: { texture: RgbaTexture; sprites: Sprite[] } | null = null;
  private readonly filterFrame = new Graphics();
  private rect: Rect = { x: 0, y: 0, width: 1, height: 1 };
  private unit = 10;
  private shown: { layer: MapsLayer; index: number; filters: Filters | null } | null = null;

  constructor(onClose: () => void) {
    super();
    this.addChild(this.background, this.title, this.facts, this.close, this.filterFrame);
    this.eventMode = 'static';
    this.on('pointertap', onClose);
    this.visible = false;
  }

  setRect(rect: Rect, unit: number): void {
    this.rect = rect;
    this.unit = unit;
    this.place();
  }

  /** `values`: the layer's reading (channel-last); `filters` only for the first convolution. */
  show(layer: MapsLayer, index: number, values: Float32Array, filters: Filters | null): void {
    if (this.shown?.layer !== layer) {
      this.map?.texture.destroy();
      this.map?.sprite.destroy();
      const texture = new RgbaTexture(layer.width, layer.height);
      this.map = { texture, sprite: new Sprite(texture.texture) };
      this.addChild(this.map.sprite);
    }
    if (this.shown?.filters !== filters) this.buildFilters(filters);
    this.shown = { layer, index, filters };
    this.visible = true;
    this.update(values);
    this.place();
  }

  /** New values for the shown map, as the drawing changes. */
  update(values: Float32Array): void {
    const shown = this.shown;
    const map = this.map;
    if (shown === null || map === null) return;
    const { maps, width, height } = shown.layer;
    const one = new Float32Array(width * height);
    for (let i = 0; i < one.length; i++) one[i] = values[i * maps + shown.index] ?? 0;
    const scale = scaleOf(one);
    one.forEach((v, i) => {
      const c = divergingColour(v, scale);
      map.texture.rgba.set([(c >> 16) & 0xff, (c >> 8) & 0xff, c & 0xff, 255], i * 4);
    });
    map.texture.upload();
    const range = rangeOf(one);
    this.title.text = `${shown.layer.name} · map ${shown.index + 1} of ${maps}`;
    this.facts.text = `${shown.layer.kind} · shape ${height}x${width}x${maps} · values ${range.min.toFixed(3)} to ${range.max.toFixed(3)}` +
      (shown.filters === null ? '' : `\nthis layer's ${shown.filters.kernels.length} ${shown.filters.size[0]}x${shown.filters.size[1]} filters (orange +, blue -):`);
  }

  hide(): void {
    this.visible = false;
    this.shown = null;
  }

  isShowing(): { readonly layer: string; readonly index: number } | null {
    return this.shown === null ? null : { layer: this.shown.layer.name, index: this.shown.index };
  }

  private buildFilters(filters: Filters | null): void {
    if (this.kernels) {
      for (const s of this.kernels.sprites) s.destroy();
      this.kernels.texture.destroy();
      this.kernels = null;
    }
    if (filters === null) return;
    const [kh, kw] = filters.size;
    const texture = new RgbaTexture(filters.kernels.length * (kw + 1), kh);
    const scale = Math.max(...filters.kernels.map((k) => scaleOf(k)));
    const sprites = filters.kernels.map((kernel, k) => {
      kernel.forEach((v, i) => {
        const c = divergingColour(v, scale);
        const p = ((Math.floor(i / kw)) * texture.width + k * (kw + 1) + (i % kw)) * 4;
        texture.rgba.set([(c >> 16) & 0xff, (c >> 8) & 0xff, c & 0xff, 255], p);
      });
      const sprite = new Sprite(texture.part(k * (kw + 1), 0, kw, kh));
      this.addChild(sprite);
      return sprite;
    });
    texture.upload();
    this.kernels = { texture, sprites };
  }

  private place(): void {
    const { x, y, width, height } = this.rect;
    const unit = this.unit;
    this.background.clear().roundRect(x, y, width, height, unit * 0.8).fill({ color: COLORS.card, alpha: 0.97 }).stroke({ color: COLORS.cardEdge, width: 1.5 });
    const pad = unit;
    this.title.style.fontSize = Math.max(13, unit * 1.4);
    this.title.position.set(x + pad, y + pad);
    this.facts.style.fontSize = Math.max(11, unit * 1.1);
    this.facts.style.wordWrap = true;
    this.facts.style.wordWrapWidth = width - 2 * pad;
    this.facts.position.set(x + pad, y + pad + unit * 2);
    this.close.style.fontSize = Math.max(10, unit);
    this.close.position.set(x + pad, y + height - pad - unit);
    const filtersHeight = this.kernels ? Math.min(unit * 6, height * 0.25) : 0;
    const top = y + pad + unit * 6;
    const edge = Math.max(20, Math.min(width - 2 * pad, height - (top - y) - filtersHeight - unit * 3));
    this.map?.sprite.position.set(x + (width - edge) / 2, top);
    this.map?.sprite.setSize(edge, edge);
    this.filterFrame.clear();
    if (this.kernels) {
      const n = this.kernels.sprites.length;
      const columns = Math.max(1, Math.ceil(n / 2));
      const cell = Math.min((width - 2 * pad) / columns, filtersHeight / 2);
      const fy = top + edge + unit;
      this.kernels.sprites.forEach((sprite, k) => {
        const fx = x + pad + (k % columns) * cell;
        const row = fy + Math.floor(k / columns) * cell;
        sprite.position.set(fx + 1, row + 1);
        sprite.setSize(cell - 2, cell - 2);
        if (k === this.shown?.index) this.filterFrame.rect(fx, row, cell, cell).stroke({ color: COLORS.unsure, width: 2 });
      });
    }
  }

  override destroy(): void {
    this.map?.texture.destroy();
    this.kernels?.texture.destroy();
    super.destroy({ children: true });
  }
}
