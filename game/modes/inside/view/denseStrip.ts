import { Container, Sprite } from 'pixi.js';
import type { Rect } from '../../../shell/layout/rect.ts';
import type { DenseLayer } from '../state/insideLayers.ts';
import { divergingColour, scaleOf } from '../state/colourMap.ts';
import { label } from '../../../shell/view/text.ts';
import { COLORS } from '../../../shell/view/theme.ts';
import { RgbaTexture } from './rgbaTexture.ts';

/** The hidden dense layers' units, one strip per layer (one texel per unit), or a line saying there is none, and what the outputs are. */
export class DenseStripView extends Container {
  private readonly strips: { readonly layer: DenseLayer; readonly texture: RgbaTexture; readonly sprite: Sprite }[];
  private readonly caption = label('body', 12, COLORS.muted);

  /** `outputTitle`: the output layer's name, e.g. "Dense · 10 digits + not a digit" */
  constructor(layers: readonly DenseLayer[], outputTitle: string) {
    super();
    this.strips = layers.map((layer) => {
      const texture = new RgbaTexture(layer.units, 1);
      return { layer, texture, sprite: new Sprite(texture.texture) };
    });
    const outputs = `outputs: ${outputTitle} (the bars)`;
    this.caption.text = layers.length === 0 ? `no hidden dense layer: the last maps feed the outputs directly\n${outputs}` : `${layers.map((l) => l.title).join('\n')}\n${outputs}`;
    this.addChild(this.caption, ...this.strips.map((s) => s.sprite));
  }

  setRect(rect: Rect, unit: number): void {
    this.caption.style.fontSize = Math.max(12, unit * 1.0);
    this.caption.style.wordWrap = true;
    this.caption.style.wordWrapWidth = rect.width;
    this.caption.position.set(rect.x, rect.y);
    const top = rect.y + this.caption.height + unit * 0.4;
    const each = Math.max(8, (rect.y + rect.height - top) / Math.max(1, this.strips.length) - 2);
    this.strips.forEach(({ sprite }, i) => {
      sprite.position.set(rect.x, top + i * (each + 2));
      sprite.setSize(rect.width, Math.min(each, unit * 2.5));
    });
  }

  paint(values: readonly Float32Array[]): void {
    this.strips.forEach(({ texture }, i) => {
      const units = values[i] ?? new Float32Array();
      const scale = scaleOf(units);
      units.forEach((v, k) => {
        const colour = divergingColour(v, scale);
        texture.rgba.set([(colour >> 16) & 0xff, (colour >> 8) & 0xff, colour & 0xff, 255], k * 4);
      });
      texture.upload();
    });
  }

  override destroy(): void {
    for (const { texture } of this.strips) texture.destroy();
    super.destroy({ children: true });
  }
}
