import { Container, Graphics, Sprite, type FederatedPointerEvent } from 'pixi.js';
import { IMAGE_SIZE } from '../../../../common/digit.ts';
import type { Rect } from '../../../shell/layout/rect.ts';
import type { Filter, MapsLayer } from '../state/insideLayers.ts';
import type { Probe } from '../state/insidePanels.ts';
import { paintDiverging, scaleOf } from '../state/colourMap.ts';
import { ButtonView } from '../../../shell/view/button.ts';
import { label } from '../../../shell/view/text.ts';
import { COLORS } from '../../../shell/view/theme.ts';
import { RgbaTexture } from './rgbaTexture.ts';

/** What the detail shows: the map, the pixel, its story and the filter that computed it. */
export interface DetailShown {
  readonly layer: MapsLayer;
  readonly probe: Probe;
  /** the layer's reading, channel-last */
  readonly values: Float32Array;
  readonly story: readonly string[];
  readonly filter: Filter | null;
  /**
   * for a filter over the input: where its top-left weight lay on the 28x28 input (negative over
   * the zero padding) and the input, to draw the patch beside the filter; else null
   */
  readonly patch: { readonly top: number; readonly left: number; readonly input: Float32Array } | null;
}

/**
 * One feature map enlarged, opaque over the tiles, with "how was this computed" for one of its
 * pixels: the words (state/pixelStory.ts), the filter that computed it (one kernel slice per map
 * it read, orange +, blue −) and, for a filter over the input, the patch of input it was laid on.
 * Moving over or tapping the enlarged map picks another pixel; Close (or Escape) closes it.
 */
export class MapDetailView extends Container {
  private readonly background = new Graphics();
  private readonly title = label('strong', 15, COLORS.text);
  private readonly story = label('body', 13, COLORS.text);
  private readonly filterCaption = label('body', 12, COLORS.muted);
  private readonly close: ButtonView;
  private readonly marks = new Graphics();
  private map: { texture: RgbaTexture; sprite: Sprite; layer: MapsLayer } | null = null;
  private pictures: { texture: RgbaTexture; sprites: Sprite[] } | null = null;
  private rect: Rect = { x: 0, y: 0, width: 1, height: 1 };
  private unit = 10;
  private shown: DetailShown | null = null;
  private mapRect: Rect = { x: 0, y: 0, width: 0, height: 0 };

  constructor(onClose: () => void, private readonly onPick: (row: number, col: number) => void) {
    super();
    this.close = new ButtonView('Close', 'secondary', onClose);
    this.background.eventMode = 'static';
    this.marks.eventMode = 'none';
    this.addChild(this.background, this.title, this.story, this.filterCaption, this.close, this.marks);
    this.visible = false;
  }

  setRect(rect: Rect, unit: number): void {
    this.rect = rect;
    this.unit = unit;
    this.place();
  }

  show(shown: DetailShown): void {
    const before = this.shown;
    if (this.map?.layer !== shown.layer) this.buildMap(shown.layer);
    if (before?.filter !== shown.filter || !samePatch(before.patch, shown.patch)) this.buildPictures(shown);
    this.shown = shown;
    this.visible = true;
    const map = this.map;
    if (map !== null) {
      const { width, height, maps } = shown.layer;
      const one = new Float32Array(width * height);
      for (let i = 0; i < one.length; i++) one[i] = shown.values[i * maps + shown.probe.map] ?? 0;
      paintDiverging(one, 0, one.length, scaleOf(one), map.texture.rgba, (i) => i);
      map.texture.upload();
    }
    this.title.text = shown.layer.title;
    this.story.text = shown.story.join('\n');
    this.filterCaption.text = shown.filter === null ? '' : shown.filter.slices.length === 1
      ? `pictures: the input patch, then this map's filter; orange +, blue −`
      : `pictures: this map's filter, one ${shown.filter.size[0]}x${shown.filter.size[1]} slice per map it reads; orange +, blue −`;
    this.place();
  }

  hide(): void {
    this.visible = false;
    this.shown = null;
  }

  /** Text sizes on the panel, px, for the page API's legibility check. */
  textSizes(): number[] {
    return [this.title, this.story, this.filterCaption].filter((t) => t.text !== '').map((t) => t.style.fontSize);
  }

  private buildMap(layer: MapsLayer): void {
    this.map?.texture.destroy();
    this.map?.sprite.destroy();
    const texture = new RgbaTexture(layer.width, layer.height);
    const sprite = new Sprite(texture.texture);
    sprite.eventMode = 'static';
    sprite.cursor = 'crosshair';
    const pick = (event: FederatedPointerEvent): void => {
      const local = event.getLocalPosition(sprite);
      this.onPick(Math.max(0, Math.min(layer.height - 1, Math.floor(local.y))), Math.max(0, Math.min(layer.width - 1, Math.floor(local.x))));
    };
    sprite.on('pointermove', pick);
    sprite.on('pointertap', pick);
    this.map = { texture, sprite, layer };
    this.addChildAt(sprite, 1);
  }

  /**
   * The filter's slices (and the input patch, for a filter over the input) side by side in one
   * texture, painted in place while the pictures keep their number and size (a new drawing changes
   * only the patch), made anew when another filter's shape is shown.
   */
  private buildPictures(shown: DetailShown): void {
    const filter = shown.filter;
    const images: Float32Array[] = [];
    if (filter !== null && shown.patch !== null) images.push(patchOf(shown.patch, filter.size));
    const all = filter === null ? [] : [...images, ...filter.slices];
    const [kh, kw] = filter?.size ?? [0, 0];
    const fits = this.pictures !== null && this.pictures.sprites.length === all.length && this.pictures.texture.width === all.length * (kw + 1) && this.pictures.texture.height === kh;
    if (!fits && this.pictures !== null) {
      for (const s of this.pictures.sprites) s.destroy();
      this.pictures.texture.destroy();
      this.pictures = null;
    }
    if (filter === null) return;
    const texture = this.pictures?.texture ?? new RgbaTexture(Math.max(1, all.length) * (kw + 1), kh);
    let scale = 0;
    for (const slice of filter.slices) scale = Math.max(scale, scaleOf(slice));
    all.forEach((image, k) => {
      paintDiverging(image, 0, image.length, k < images.length ? 1 : scale, texture.rgba, (i) => Math.floor(i / kw) * texture.width + k * (kw + 1) + (i % kw));
    });
    texture.upload();
    this.pictures ??= {
      texture,
      sprites: all.map((_, k) => {
        const sprite = new Sprite(texture.part(k * (kw + 1), 0, kw, kh));
        sprite.eventMode = 'none';
        this.addChild(sprite);
        return sprite;
      }),
    };
  }

  private place(): void {
    const { x, y, width, height } = this.rect;
    const u = this.unit;
    const pad = u;
    this.background.clear().roundRect(x, y, width, height, u * 0.8).fill({ color: COLORS.card }).stroke({ color: COLORS.cardEdge, width: 1.5 });
    const closeWidth = u * 6;
    const closeHeight = Math.max(36, u * 2.4);
    this.close.setRect({ x: x + width - pad - closeWidth, y: y + pad, width: closeWidth, height: closeHeight }, u * 0.75);
    this.title.style.fontSize = Math.max(14, u * 1.2);
    this.title.style.wordWrap = true;
    this.title.style.wordWrapWidth = width - 3 * pad - closeWidth;
    this.title.position.set(x + pad, y + pad);
    const top = y + pad + Math.max(closeHeight, this.title.height) + pad * 0.6;
    const room = y + height - pad - top;
    // the map on the left, the words on the right; where the words' column would be narrow (a
    // phone), the map is smaller and the filter goes under it instead of under the words
    const wideEdge = Math.max(40, Math.min(width * 0.45, room));
    const narrow = width - 3 * pad - wideEdge < 240;
    const edge = narrow ? Math.max(40, Math.min(width * 0.42, room * 0.62)) : wideEdge;
    this.mapRect = { x: x + pad, y: top, width: edge, height: edge };
    this.map?.sprite.position.set(this.mapRect.x, this.mapRect.y);
    this.map?.sprite.setSize(edge, edge);
    const textX = x + pad + edge + pad;
    const textWidth = x + width - pad - textX;
    this.story.style.fontSize = Math.max(12, u * 0.95);
    this.story.style.wordWrap = true;
    this.story.style.wordWrapWidth = textWidth;
    this.story.position.set(textX, top);
    this.filterCaption.style.fontSize = Math.max(12, u * 0.85);
    this.filterCaption.style.wordWrap = true;
    this.filterCaption.style.wordWrapWidth = textWidth;
    const captionY = top + this.story.height + pad * 0.6;
    this.filterCaption.position.set(textX, captionY);
    const picturesTop = narrow ? top + edge + pad * 0.5 : captionY + this.filterCaption.height + pad * 0.4;
    this.placePictures({ x: x + pad + (narrow ? 0 : edge + pad), y: picturesTop, width: narrow ? edge : textWidth, height: y + height - pad - picturesTop });
    this.drawMark();
  }

  /** The patch and filter large when there are two pictures; a grid of small slices otherwise. */
  private placePictures(room: Rect): void {
    const sprites = this.pictures?.sprites ?? [];
    const n = sprites.length;
    if (n === 0) return;
    let columns = 1;
    let cell = 0;
    for (let c = 1; c <= n; c++) {
      const rows = Math.ceil(n / c);
      const size = Math.min(room.width / c, room.height / rows, this.unit * 6);
      // on a tie, more columns: a patch and its filter side by side read as "this times that"
      if (size >= cell) {
        cell = size;
        columns = c;
      }
    }
    const gap = Math.max(2, cell * 0.1);
    sprites.forEach((sprite, k) => {
      sprite.position.set(room.x + (k % columns) * cell, room.y + Math.floor(k / columns) * cell);
      sprite.setSize(Math.max(1, cell - gap), Math.max(1, cell - gap));
    });
  }

  private drawMark(): void {
    this.marks.clear();
    const shown = this.shown;
    if (shown === null) return;
    const cw = this.mapRect.width / shown.layer.width;
    const ch = this.mapRect.height / shown.layer.height;
    this.marks.rect(this.mapRect.x + shown.probe.col * cw, this.mapRect.y + shown.probe.row * ch, cw, ch).stroke({ color: COLORS.unsure, width: 2 });
  }

  override destroy(): void {
    this.map?.texture.destroy();
    this.pictures?.texture.destroy();
    super.destroy({ children: true });
  }
}

function samePatch(a: DetailShown['patch'], b: DetailShown['patch']): boolean {
  return a === b || (a !== null && b !== null && a.top === b.top && a.left === b.left && a.input === b.input);
}

/** The kh x kw input pixels a filter lay on, top-left at (top, left): zeros where it hangs over the edge (the padding). */
function patchOf(patch: NonNullable<DetailShown['patch']>, size: readonly [number, number]): Float32Array {
  const [kh, kw] = size;
  const out = new Float32Array(kh * kw);
  for (let r = 0; r < kh; r++) {
    for (let c = 0; c < kw; c++) {
      const y = patch.top + r;
      const x = patch.left + c;
      out[r * kw + c] = y >= 0 && y < IMAGE_SIZE && x >= 0 && x < IMAGE_SIZE ? patch.input[y * IMAGE_SIZE + x] ?? 0 : 0;
    }
  }
  return out;
}
