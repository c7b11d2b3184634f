import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import type { Rect } from '../../game/shell/layout/rect.ts';
import { COLORS } from '../../game/shell/view/theme.ts';

/** A screenshot as luma, 0..255 per CSS pixel (the tests run at device scale 1). */
export interface LumaImage {
  readonly width: number;
  readonly height: number;
  /** width * height, row-major */
  readonly luma: Float32Array;
}

export async function screenshotLuma(page: Page): Promise<LumaImage> {
  return pngLuma(await page.screenshot());
}

function pngLuma(bytes: Buffer): LumaImage {
  const png = PNG.sync.read(bytes);
  const luma = new Float32Array(png.width * png.height);
  for (let i = 0; i < luma.length; i++) {
    luma[i] = 0.299 * (png.data[i * 4] ?? 0) + 0.587 * (png.data[i * 4 + 1] ?? 0) + 0.114 * (png.data[i * 4 + 2] ?? 0);
  }
  return { width: png.width, height: png.height, luma };
}

export function lumaAt(image: LumaImage, x: number, y: number): number {
  const px = Math.min(image.width - 1, Math.max(0, Math.floor(x)));
  const py = Math.min(image.height - 1, Math.max(0, Math.floor(y)));
  return image.luma[py * image.width + px] ?? 0;
}

/** Share of the pixels inside `rect` brighter than `threshold`. */
export function brightShare(image: LumaImage, rect: Rect, threshold: number): number {
  let bright = 0;
  let all = 0;
  for (let y = Math.ceil(rect.y); y < Math.floor(rect.y + rect.height); y++) {
    for (let x = Math.ceil(rect.x); x < Math.floor(rect.x + rect.width); x++) {
      all++;
      if (lumaAt(image, x, y) > threshold) bright++;
    }
  }
  return all === 0 ? 0 : bright / all;
}

/** Side of the square every glyph is resampled to before comparing. */
const GLYPH_CELLS = 24;

/**
 * The bright shape inside `rect`, cropped to its bounding box and resampled to GLYPH_CELLS² as
 * 0..1 coverage: position and size drop out, so a glyph on screen compares with one drawn anywhere
 * at any size. Null when nothing in `rect` is brighter than `threshold`.
 */
export function glyphShape(image: LumaImage, rect: Rect, threshold: number): Float32Array | null {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (let y = Math.max(0, Math.floor(rect.y)); y < Math.min(image.height, Math.ceil(rect.y + rect.height)); y++) {
    for (let x = Math.max(0, Math.floor(rect.x)); x < Math.min(image.width, Math.ceil(rect.x + rect.width)); x++) {
      if (lumaAt(image, x, y) <= threshold) continue;
      x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y);
    }
  }
  if (x1 < x0) return null;
  // a square box around the shape's centre keeps the aspect ratio ("1" stays thin)
  const side = Math.max(x1 - x0, y1 - y0) + 1;
  const cx = (x0 + x1 + 1) / 2;
  const cy = (y0 + y1 + 1) / 2;
  const shape = new Float32Array(GLYPH_CELLS * GLYPH_CELLS);
  const step = side / GLYPH_CELLS;
  for (let gy = 0; gy < GLYPH_CELLS; gy++) {
    for (let gx = 0; gx < GLYPH_CELLS; gx++) {
      let hits = 0;
      const samples = 4;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = cx - side / 2 + (gx + (sx + 0.5) / samples) * step;
          const y = cy - side / 2 + (gy + (sy + 0.5) / samples) * step;
          if (x >= x0 && x <= x1 + 1 && y >= y0 && y <= y1 + 1 && lumaAt(image, x, y) > threshold) hits++;
        }
      }
      shape[gy * GLYPH_CELLS + gx] = hits / (samples * samples);
    }
  }
  return shape;
}

export function shapeDistance(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs((a[i] ?? 0) - (b[i] ?? 0));
  return sum / a.length;
}

/**
 * Each of `texts` drawn by the page's own 2D canvas in `font` (a CSS font, e.g. the game's
 * "600 200px 'Open Sans'"), white on black, as luma images: the references the big digit on
 * screen is compared with.
 */
export async function renderTexts(page: Page, texts: readonly string[], font: string): Promise<LumaImage[]> {
  const urls = await page.evaluate(async ({ texts, font }) => {
    await document.fonts.load(font);
    return texts.map((text) => {
      const canvas = document.createElement('canvas');
      canvas.width = 240;
      canvas.height = 200;
      const context = canvas.getContext('2d');
      if (context === null) throw new Error('no 2D canvas');
      context.fillStyle = '#000';
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.fillStyle = '#fff';
      context.font = font;
      context.textBaseline = 'middle';
      context.fillText(text, 20, 100);
      return canvas.toDataURL('image/png');
    });
  }, { texts, font });
  return urls.map((url) => pngLuma(Buffer.from(url.slice(url.indexOf(',') + 1), 'base64')));
}

/** A 0xRRGGBB colour's luma (0..255). */
export function luma(rgb: number): number {
  return 0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff);
}

/** The ink texture's ramp (game/shell/view/inkTexture.ts) as luma: paper at 0, ink at 1, eased. */
function expectedCellLuma(value: number): number {
  return luma(COLORS.paper) + (luma(COLORS.ink) - luma(COLORS.paper)) * Math.pow(value, 0.8);
}

/** How far a cell's centre may be from the colour its ink value should show, in luma (0..255). */
const CELL_TOLERANCE = 40;

/** Every grid cell's centre on screen against the grid model; returns the cells that are off. */
export async function gridMismatches(page: Page, shot: LumaImage): Promise<string[]> {
  const { rect, grid } = await page.evaluate(() => {
    const api = window.handwrittenDigits;
    if (api === undefined) throw new Error('no game');
    return { rect: api.gridRect(), grid: api.gridCells() };
  });
  const off: string[] = [];
  for (let gy = 0; gy < grid.height; gy++) {
    for (let gx = 0; gx < grid.width; gx++) {
      const value = grid.cells[gy * grid.width + gx] ?? 0;
      const seen = lumaAt(shot, rect.x + ((gx + 0.5) / grid.width) * rect.width, rect.y + ((gy + 0.5) / grid.height) * rect.height);
      const want = expectedCellLuma(value);
      if (Math.abs(seen - want) > CELL_TOLERANCE) off.push(`(${gx},${gy}) ink ${value.toFixed(2)} luma ${seen.toFixed(0)} want ${want.toFixed(0)}`);
    }
  }
  return off;
}

/** Pixels of a PNG screenshot within `tolerance` (per channel, 0..255) of `colour` (0xrrggbb): text drawn in that colour. */
export function colourPixels(png: Buffer, colour: number, tolerance = 40): number {
  const { data } = PNG.sync.read(png);
  const want = [(colour >> 16) & 0xff, (colour >> 8) & 0xff, colour & 0xff];
  let count = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (want.every((c, k) => Math.abs((data[i + k] ?? 0) - c) <= tolerance)) count++;
  }
  return count;
}

/**
 * How soft the edges of bright text on a dark ground are inside `rect` (image pixels): along every
 * row, each run of in-between pixels (luma between 25 % and 75 % of the way from `dark` to `bright`)
 * that leads from a dark pixel to a bright one, averaged. Text drawn at the screen's resolution
 * changes from ground to ink within a pixel or two; drawn at a third of it and scaled up, every edge
 * spreads over about three.
 */
export function meanEdgeWidth(image: LumaImage, rect: Rect, dark: number, bright: number): { readonly edges: number; readonly width: number } {
  const low = dark + 0.25 * (bright - dark);
  const high = dark + 0.75 * (bright - dark);
  let edges = 0;
  let total = 0;
  for (let y = Math.ceil(rect.y); y < Math.floor(rect.y + rect.height); y++) {
    let from: 'dark' | 'bright' | null = null;
    let run = 0;
    for (let x = Math.ceil(rect.x); x < Math.floor(rect.x + rect.width); x++) {
      const v = lumaAt(image, x, y);
      const side = v <= low ? 'dark' : v >= high ? 'bright' : null;
      if (side === null) {
        run++;
        continue;
      }
      // a run between the two sides is an edge; one between two of the same side is a thin stroke's middle
      if (from !== null && from !== side) {
        edges++;
        total += run;
      }
      from = side;
      run = 0;
    }
  }
  return { edges, width: edges === 0 ? Number.NaN : total / edges };
}
