import { PNG } from 'pngjs';

/** The sizes the manifest lists: 192 for the home screen, 512 for splash screens and stores. */
export const ICON_SIZES = [192, 512] as const;

const BACKGROUND = [0x0d, 0x10, 0x20] as const;
const CARD = [0x16, 0x1a, 0x2e] as const;
const INK = [0x7c, 0x8c, 0xff] as const;

/** A handwritten "7" as segments in the unit square, inside the middle 60% (a maskable icon's safe zone). */
const STROKES: readonly (readonly [number, number, number, number])[] = [
  [0.33, 0.32, 0.67, 0.32],
  [0.67, 0.32, 0.46, 0.72],
  [0.42, 0.52, 0.6, 0.52],
];

/**
 * The app icon as PNG bytes, drawn here rather than committed so it follows the theme's colours:
 * the game's background, a card, and a thick antialiased digit in the accent colour.
 */
export function iconPng(size: number): Uint8Array {
  const png = new PNG({ width: size, height: size });
  const half = (0.07 * size) / 2;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const x = (px + 0.5) / size;
      const y = (py + 0.5) / size;
      const onCard = Math.max(Math.abs(x - 0.5), Math.abs(y - 0.5)) < 0.36;
      const base = onCard ? CARD : BACKGROUND;
      const distance = Math.min(...STROKES.map(([x0, y0, x1, y1]) => segmentDistance(x, y, x0, y0, x1, y1))) * size;
      const ink = Math.max(0, Math.min(1, half + 0.5 - distance));
      const at = (py * size + px) * 4;
      for (let c = 0; c < 3; c++) png.data[at + c] = Math.round((base[c] ?? 0) * (1 - ink) + (INK[c] ?? 0) * ink);
      png.data[at + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

function segmentDistance(x: number, y: number, x0: number, y0: number, x1: number, y1: number): number {
  const dx = x1 - x0;
  const dy = y1 - y0;
  const t = Math.max(0, Math.min(1, ((x - x0) * dx + (y - y0) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (x0 + t * dx), y - (y0 + t * dy));
}
