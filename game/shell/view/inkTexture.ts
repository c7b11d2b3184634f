import { CanvasSource, Texture } from 'pixi.js';

/**
 * A texture with one texel per cell, showing 0..1 ink values as a colour ramp from `paper` to
 * `ink`. Backed by a small 2D canvas rather than a raw buffer: every Pixi renderer draws a canvas
 * (the canvas renderer draws it directly; WebGL and WebGPU upload it on update), whereas the canvas
 * renderer ignores updates to a buffer. Opaque, so there is no premultiplied-alpha fringe; sampled
 * `nearest` so cells stay crisp at any zoom.
 */
export class InkTexture {
  readonly texture: Texture;
  private readonly pixels: ImageData;
  private readonly context: CanvasRenderingContext2D;
  private readonly source: CanvasSource;
  private readonly ramp: Uint8Array;

  constructor(readonly width: number, readonly height: number, paper: number, ink: number) {
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d');
    if (context === null) throw new Error('no 2D canvas for the ink texture');
    this.context = context;
    this.pixels = context.createImageData(width, height);
    this.ramp = colourRamp(paper, ink);
    this.source = new CanvasSource({ resource: canvas, width, height, resolution: 1, scaleMode: 'nearest' });
    this.texture = new Texture({ source: this.source });
    this.paint(new Float32Array(width * height));
  }

  /** `values`: width * height, row-major, 0..1. */
  paint(values: Float32Array): void {
    const { ramp } = this;
    const rgba = this.pixels.data;
    for (let i = 0; i < values.length; i++) {
      const level = Math.round(Math.min(1, Math.max(0, values[i] ?? 0)) * 255) * 3;
      rgba[i * 4] = ramp[level] ?? 0;
      rgba[i * 4 + 1] = ramp[level + 1] ?? 0;
      rgba[i * 4 + 2] = ramp[level + 2] ?? 0;
      rgba[i * 4 + 3] = 255;
    }
    this.context.putImageData(this.pixels, 0, 0);
    this.source.update();
  }

  destroy(): void {
    this.texture.destroy(true);
  }
}

/** 256 RGB triples; a slight ease-in keeps faint rim ink visible but clearly lighter than the core. */
function colourRamp(paper: number, ink: number): Uint8Array {
  const ramp = new Uint8Array(256 * 3);
  for (let level = 0; level < 256; level++) {
    const t = Math.pow(level / 255, 0.8);
    for (let c = 0; c < 3; c++) {
      const shift = 16 - 8 * c;
      const from = (paper >> shift) & 0xff;
      const to = (ink >> shift) & 0xff;
      ramp[level * 3 + c] = Math.round(from + (to - from) * t);
    }
  }
  return ramp;
}
