import { Sprite } from 'pixi.js';
import type { Rect } from '../../../shell/layout/rect.ts';
import { divergingColour, scaleOf } from '../state/colourMap.ts';
import { RgbaTexture } from './rgbaTexture.ts';

/**
 * The attribution over the player's grid: one texel per cell, orange where the ink pushed the
 * explained digit up, blue where it pushed it down, transparent where it did nothing, so the
 * drawing shows through.
 */
export class HeatMapView extends Sprite {
  private readonly map: RgbaTexture;

  constructor(readonly cellsWide: number, readonly cellsHigh: number) {
    const map = new RgbaTexture(cellsWide, cellsHigh);
    super(map.texture);
    this.map = map;
    this.alpha = 0.85;
  }

  setRect(rect: Rect): void {
    this.position.set(rect.x, rect.y);
    this.setSize(rect.width, rect.height);
  }

  /** `attribution`: one value per cell, or null to clear. */
  paint(attribution: Float32Array | null): void {
    const { rgba } = this.map;
    rgba.fill(0);
    if (attribution !== null) {
      const scale = scaleOf(attribution);
      for (let i = 0; i < attribution.length; i++) {
        const value = attribution[i] ?? 0;
        if (value === 0) continue;
        const colour = divergingColour(value > 0 ? scale : -scale, scale);
        rgba[i * 4] = (colour >> 16) & 0xff;
        rgba[i * 4 + 1] = (colour >> 8) & 0xff;
        rgba[i * 4 + 2] = colour & 0xff;
        // strength as opacity: a fully coloured cell is one that mattered most
        rgba[i * 4 + 3] = Math.round(255 * Math.min(1, Math.sqrt(Math.abs(value) / scale)));
      }
    }
    this.map.upload();
  }

  override destroy(): void {
    this.map.destroy();
    super.destroy();
  }
}
