import { Container, Graphics, Sprite, type FederatedPointerEvent } from 'pixi.js';
import type { Rect } from '../../../shell/layout/rect.ts';
import type { MapPage } from '../layout/insideLayout.ts';
import type { MapsLayer } from '../state/insideLayers.ts';
import { paintDiverging, scaleOf } from '../state/colourMap.ts';
import { label } from '../../../shell/view/text.ts';
import { COLORS } from '../../../shell/view/theme.ts';
import { RgbaTexture } from './rgbaTexture.ts';

/** A pixel a pointer is on: the page's slot and the map's row and column. */
export interface SlotPixel {
  readonly slot: number;
  readonly row: number;
  readonly col: number;
}

export interface MapPageActions {
  /** the pointer moved over a tile's pixel, or left the tiles (null) */
  hover(pixel: SlotPixel | null): void;
  tap(pixel: SlotPixel): void;
}

/**
 * One page of feature maps: a caption and a tile per map, all tiles parts of one texture painted
 * in place. Only the page's maps are painted, and the texture is made anew only when the page
 * shows a layer of another map size, so a new reading costs a few thousand texels, not every map
 * of every layer. Each map is scaled on its own by its largest absolute value, with the diverging
 * map, so a weak map still shows its shape and the sign stays readable.
 */
export class MapPageView extends Container {
  private readonly caption = label('strong', 14, COLORS.text);
  private readonly sprites: Sprite[] = [];
  private readonly marks = new Graphics();
  private atlas: RgbaTexture | null = null;
  private shown: { readonly layer: MapsLayer; readonly page: MapPage } | null = null;
  private slots: readonly Rect[] = [];
  private captionRect: Rect = { x: 0, y: 0, width: 1, height: 1 };
  private unit = 10;

  constructor(private readonly actions: MapPageActions) {
    super();
    this.marks.eventMode = 'none';
    this.addChild(this.caption, this.marks);
  }

  /** `slots`: the layout's tile rectangles; `captionRect` the title line's. */
  setRects(captionRect: Rect, slots: readonly Rect[], unit: number): void {
    this.slots = slots;
    this.captionRect = captionRect;
    this.unit = unit;
    this.fitCaption();
    this.placeSprites();
  }

  /** The layer's name on one line: smaller on a narrow screen, never below 12 px (then it wraps). */
  private fitCaption(): void {
    const rect = this.captionRect;
    this.caption.style.fontSize = Math.max(13, this.unit * 1.1);
    this.caption.style.wordWrap = false;
    if (this.caption.width > rect.width) {
      this.caption.style.fontSize = Math.max(12, this.caption.style.fontSize * rect.width / this.caption.width);
      this.caption.style.wordWrap = true;
      this.caption.style.wordWrapWidth = rect.width;
    }
    this.caption.position.set(rect.x, rect.y + Math.max(0, (rect.height - this.caption.height) / 2));
  }

  /** Shows `page` of `layer`; `values` its reading (null before the first), painted at once. */
  showPage(layer: MapsLayer, page: MapPage, values: Float32Array | null): void {
    if (this.shown?.layer.width !== layer.width || this.shown.layer.height !== layer.height || this.sprites.length !== Math.max(1, this.slots.length)) this.rebuild(layer);
    this.shown = { layer, page };
    this.caption.text = layer.title;
    this.fitCaption();
    this.sprites.forEach((sprite, slot) => { sprite.visible = slot < page.count; });
    this.paint(values);
  }

  /** New values for the layer shown (height * width * maps, channel-last); null (nothing read yet, a blank grid) paints every map at 0. */
  paint(values: Float32Array | null): void {
    const shown = this.shown;
    const atlas = this.atlas;
    if (shown === null || atlas === null) return;
    const { width, height, maps } = shown.layer;
    const one = new Float32Array(width * height);
    for (let slot = 0; slot < shown.page.count; slot++) {
      const map = shown.page.first + slot;
      for (let i = 0; i < one.length; i++) one[i] = values === null ? 0 : values[i * maps + map] ?? 0;
      const x0 = slot * (width + 1);
      paintDiverging(one, 0, one.length, scaleOf(one), atlas.rgba, (i) => Math.floor(i / width) * atlas.width + x0 + (i % width));
    }
    atlas.upload();
  }

  /** Outlines `slot`'s pixel (row, col), or nothing. */
  mark(pixel: SlotPixel | null): void {
    this.marks.clear();
    const shown = this.shown;
    const rect = pixel === null ? undefined : this.slots[pixel.slot];
    if (shown === null || pixel === null || rect === undefined) return;
    const cw = rect.width / shown.layer.width;
    const ch = rect.height / shown.layer.height;
    this.marks.rect(rect.x + pixel.col * cw, rect.y + pixel.row * ch, cw, ch).stroke({ color: COLORS.unsure, width: 2 });
  }

  captionText(): string {
    return this.caption.text;
  }

  /** The tiles on screen now, in canvas pixels. */
  tileRects(): Rect[] {
    return this.slots.slice(0, this.shown?.page.count ?? 0);
  }

  private rebuild(layer: MapsLayer): void {
    for (const sprite of this.sprites) sprite.destroy();
    this.sprites.length = 0;
    this.atlas?.destroy();
    const perPage = Math.max(1, this.slots.length);
    const atlas = new RgbaTexture(perPage * (layer.width + 1), layer.height);
    this.atlas = atlas;
    for (let slot = 0; slot < perPage; slot++) {
      const sprite = new Sprite(atlas.part(slot * (layer.width + 1), 0, layer.width, layer.height));
      sprite.eventMode = 'static';
      sprite.cursor = 'crosshair';
      const at = (event: FederatedPointerEvent): SlotPixel => {
        const local = event.getLocalPosition(sprite);
        return { slot, row: clampIndex(local.y, layer.height), col: clampIndex(local.x, layer.width) };
      };
      sprite.on('pointermove', (event) => { this.actions.hover(at(event)); });
      sprite.on('pointerleave', () => { this.actions.hover(null); });
      sprite.on('pointertap', (event) => { this.actions.tap(at(event)); });
      this.sprites.push(sprite);
      this.addChildAt(sprite, 1);
    }
    this.placeSprites();
  }

  private placeSprites(): void {
    this.sprites.forEach((sprite, slot) => {
      const rect = this.slots[slot];
      if (rect === undefined) {
        sprite.visible = false;
        return;
      }
      sprite.position.set(rect.x, rect.y);
      sprite.setSize(rect.width, rect.height);
    });
  }

  override destroy(): void {
    this.atlas?.destroy();
    super.destroy({ children: true });
  }
}

/** A local coordinate (texels, since the sprite is scaled) as an index in 0..size-1. */
function clampIndex(v: number, size: number): number {
  return Math.max(0, Math.min(size - 1, Math.floor(v)));
}
