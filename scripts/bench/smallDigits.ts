import { IMAGE_SIZE } from '../../common/digit.ts';
import { traceStrokes } from '../browser/strokes.ts';
import type { PenStroke } from './nonDigits.ts';

/**
 * An MNIST image (28x28, 0..1) redrawn as a player would draw it small: traced into pen strokes
 * (scripts/browser/strokes.ts, as the e2e tests draw digits), scaled so the digit is `heightCells` tall
 * and centred on the 28x28 grid. Rasterised with the game's brush (nonDigits.ts `rasterise`), the
 * strokes keep the brush's width however small the digit, as they do on the real grid.
 */
export function smallDigitStrokes(pixels: Float32Array, heightCells: number): PenStroke[] {
  const strokes = traceStrokes(pixels, IMAGE_SIZE, IMAGE_SIZE);
  let y0 = Infinity;
  let y1 = -Infinity;
  let x0 = Infinity;
  let x1 = -Infinity;
  for (const path of strokes) {
    for (const p of path) {
      y0 = Math.min(y0, p.y);
      y1 = Math.max(y1, p.y);
      x0 = Math.min(x0, p.x);
      x1 = Math.max(x1, p.x);
    }
  }
  if (!Number.isFinite(y0)) return [];
  const scale = heightCells / Math.max(1, y1 - y0);
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const centre = IMAGE_SIZE / 2;
  return strokes.map((path) => path.map((p) => ({ gx: centre + (p.x - cx) * scale, gy: centre + (p.y - cy) * scale })));
}
