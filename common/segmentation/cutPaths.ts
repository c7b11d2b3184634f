import type { InkImage } from '../digit.ts';

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
 * What severing costs at each place in a blob, computed once and shared by every cut sought in it:
 * `across[y * width + x]` for a path passing between columns x - 1 and x in row y, `down[...]` for
 * a drift that separates pixel (x, y - 1) from (x, y).
 */
export interface SeverCosts {
  readonly width: number;
  readonly height: number;
  readonly across: Float32Array;
  readonly down: Float32Array;
}

export function severCosts(image: InkImage): SeverCosts {
  const { width, height, pixels } = image;
  const ink = (x: number, y: number): number => Math.min(1, pixels[y * width + x] ?? 0);
  const across = new Float32Array(width * height);
  const down = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (x > 0) across[y * width + x] = Math.min(ink(x - 1, y), ink(x, y));
      if (y > 0) down[y * width + x] = Math.min(ink(x, y - 1), ink(x, y));
    }
  }
  return { width, height, across, down };
}

/**
 * The cheapest cut sought near column `nominal` of the blob whose `costs` are given; the path stays
 * within `nominal ± band` and at least `margin` columns from either edge, so it cannot escape round
 * the blob's end and cut off nothing.
 */
export function cheapestCut(costs: SeverCosts, nominal: number, band: number, margin = 1): CutPath {
  const { width, height, across, down } = costs;
  const lo = Math.max(margin, nominal - band);
  const hi = Math.min(width - margin, nominal + band);
  if (lo > hi) throw new RangeError(`no room for a cut at ${nominal} in ${width} columns with margin ${margin}`);
  const span = hi - lo + 1;
  // total[y * span + i]: cheapest path from the top to boundary lo + i in row y; from[] to trace back
  const total = new Float64Array(height * span);
  const from = new Int32Array(height * span);
  for (let i = 0; i < span; i++) total[i] = (across[lo + i] ?? 0) + DRIFT_TOLL * Math.abs(lo + i - nominal);
  for (let y = 1; y < height; y++) {
    const row = y * width;
    for (let i = 0; i < span; i++) {
      const x = lo + i;
      let best = (total[(y - 1) * span + i] ?? Infinity);
      let bestFrom = i;
      // Moving left severs column x's vertical link; moving right severs column x - 1's.
      if (i + 1 < span) {
        const fromRight = (total[(y - 1) * span + i + 1] ?? Infinity) + DRIFT_TOLL + (down[row + x] ?? 0);
        if (fromRight < best) {
          best = fromRight;
          bestFrom = i + 1;
        }
      }
      if (i > 0) {
        const fromLeft = (total[(y - 1) * span + i - 1] ?? Infinity) + DRIFT_TOLL + (down[row + x - 1] ?? 0);
        if (fromLeft < best) {
          best = fromLeft;
          bestFrom = i - 1;
        }
      }
      total[y * span + i] = best + (across[row + x] ?? 0);
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
