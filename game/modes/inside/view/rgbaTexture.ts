import { CanvasSource, Rectangle, Texture } from 'pixi.js';

/**
 * A small canvas the Inside view paints pixel by pixel (feature maps, heat map, confusion matrix),
 * as one texture source with sub-textures for its parts. A canvas, not a buffer, for the reason
 * InkTexture gives: every Pixi renderer, the canvas one included, draws a canvas update.
 */
export class RgbaTexture {
  readonly texture: Texture;
  readonly rgba: Uint8ClampedArray;
  private readonly image: ImageData;
  private readonly context: CanvasRenderingContext2D;
  private readonly source: CanvasSource;
  private readonly parts: Texture[] = [];

  constructor(readonly width: number, readonly height: number) {
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, width);
    canvas.height = Math.max(1, height);
    const context = canvas.getContext('2d');
    if (context === null) throw new Error('no 2D canvas for a texture');
    this.context = context;
    this.image = context.createImageData(canvas.width, canvas.height);
    this.rgba = this.image.data;
    this.source = new CanvasSource({ resource: canvas, width: canvas.width, height: canvas.height, resolution: 1, scaleMode: 'nearest' });
    this.texture = new Texture({ source: this.source });
  }

  /** A texture showing only [x, x+width) x [y, y+height) of this one. */
  part(x: number, y: number, width: number, height: number): Texture {
    const texture = new Texture({ source: this.source, frame: new Rectangle(x, y, width, height) });
    this.parts.push(texture);
    return texture;
  }

  /** Puts `rgba` on the canvas and tells the renderer. */
  upload(): void {
    this.context.putImageData(this.image, 0, 0);
    this.source.update();
  }

  destroy(): void {
    for (const part of this.parts) part.destroy(false);
    this.texture.destroy(true);
  }
}
