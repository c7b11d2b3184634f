import type { InkImage } from './digit.ts';

/**
 * The cheapest top-to-bottom cut near a column: a path that may drift sideways by one column per
 * row, so it can slip between the strokes of two digits that overlap in columns (the foot of a 2
 * under the first stroke of a 3) instead of slicing straight through both.
 *
 * The path runs along pixel boundaries: in row y, pixels x < xs[y] are left of it. Crossing a
 * horizontal stroke severs ink (the lesser of the two pixels either side); drifting severs the
 * vertical link it crosses; a small toll per drift keeps paths straight where ink does not care.
 */

export interface CutPath {
  /** boundary column per row: pixels with x < xs[y] are on the left */
  readonly xs: Int32Array;
  /** ink severed, in pixels of full ink */
  readonly cost: number;
}

const DRIFT_TOLL = 0.05;

/**
 * `image` is one blob's ink (nothing else); the path stays within `nominal ± band` and at least
 * `margin` columns from either edge, so it cannot escape round the blob's end and cut off nothing.
 */
export function cheapestCut(image: InkImage, nominal: number, band: number, margin = 1): CutPath {
  const { width, height, pixels } = image;
  const lo = Math.max(margin, nominal - band);
  const hi = Math.min(width - margin, nominal + band);
  if (lo > hi) throw new RangeError(`no room for a cut at ${nominal} in ${width} columns with margin ${margin}`);
  const span = hi - lo + 1;
  const ink = (x: number, y: number): number => Math.min(1, pixels[y * width + x] ?? 0);
  const across = (x: number, y: number): number => Math.min(ink(x - 1, y), ink(x, y));
  const down = (x: number, y: number): number => (y > 0 ? Math.min(ink(x, y - 1), ink(x, y)) : 0);
  // total[y * span + i]: cheapest path from the top to boundary lo + i in row y; from[] to trace back
  const total = new Float64Array(height * span);
  const from = new Int32Array(height * span);
  for (let i = 0; i < span; i++) total[i] = across(lo + i, 0) + (lo + i === nominal ? 0 : DRIFT_TOLL * Math.abs(lo + i - nominal));
  for (let y = 1; y < height; y++) {
    for (let i = 0; i < span; i++) {
      const x = lo + i;
      let best = Infinity;
      let bestFrom = i;
      for (let d = -1; d <= 1; d++) {
        const j = i + d;
        if (j < 0 || j >= span) continue;
        // Moving left severs column x's vertical link; moving right severs column x - 1's.
        const drift = d === 0 ? 0 : DRIFT_TOLL + (d > 0 ? down(x, y) : down(x - 1, y));
        const candidate = (total[(y - 1) * span + j] ?? Infinity) + drift;
        if (candidate < best) {
          best = candidate;
          bestFrom = j;
        }
      }
      total[y * span + i] = best + across(x, y);
      from[y * span + i] = bestFrom;
    }
  }
  let end = 0;
  for (let i = 1; i < span; i++) if ((total[(height - 1) * span + i] ?? Infinity) < (total[(height - 1) * span + end] ?? Infinity)) end = i;
  const xs = new Int32Array(height);
  const cost = total[(height - 1) * span + end] ?? 0;
  for (let y = height - 1, i = end; y >= 0; y--) {
    xs[y] = lo + i;
    i = from[y * span + i] ?? i;
  }
  return { xs, cost };
}
