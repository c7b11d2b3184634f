import { raiseInk, type Grid } from './grid.ts';

/** A point in continuous grid coordinates: cell (gx, gy) covers [gx, gx+1) x [gy, gy+1). */
export interface GridPoint {
  readonly gx: number;
  readonly gy: number;
}

/**
 * A soft round brush. Ink is `peak` within `core` cells of the stroke's centre line and falls
 * smoothly to 0 at `radius` cells. MNIST strokes are about two pixels of full ink with an
 * anti-aliased grey rim; on a digit drawn about 20 cells tall (the size MNIST fits digits into)
 * these defaults give the same look.
 */
export interface Brush {
  readonly core: number;
  readonly radius: number;
  readonly peak: number;
}

export const DEFAULT_BRUSH: Brush = Object.freeze({ core: 0.75, radius: 1.75, peak: 1 });

/** Ink at distance `d` (cells) from the centre line: peak, then a smoothstep down to 0. */
export function falloff(brush: Brush, d: number): number {
  if (d <= brush.core) return brush.peak;
  if (d >= brush.radius) return 0;
  const t = (d - brush.core) / (brush.radius - brush.core);
  return brush.peak * (1 - t * t * (3 - 2 * t));
}

/**
 * Inks the capsule around the segment from `a` to `b`: every cell gets the falloff of its centre's
 * distance to the segment, combined with existing ink by max. Using the exact distance to the
 * segment (rather than stamping dots along it) is what keeps fast strokes, whose pointer samples
 * are far apart, continuous. Returns whether any cell changed and bumps the grid's version if so.
 */
export function stroke(grid: Grid, a: GridPoint, b: GridPoint, brush: Brush = DEFAULT_BRUSH): boolean {
  return paintSegment(grid, a, b, brush, (gx, gy, ink) => raiseInk(grid, gx, gy, ink));
}

/**
 * Visits every cell within the brush's radius of the segment from `a` to `b` with the falloff of its
 * centre's distance to the segment; `apply` changes the cell and says whether it did. The pen and the
 * eraser share it so they cover exactly the same cells. Bumps the grid's version once if anything changed.
 */
export function paintSegment(
  grid: Grid,
  a: GridPoint,
  b: GridPoint,
  brush: Brush,
  apply: (gx: number, gy: number, ink: number) => boolean,
): boolean {
  const x0 = Math.max(0, Math.floor(Math.min(a.gx, b.gx) - brush.radius));
  const x1 = Math.min(grid.width - 1, Math.ceil(Math.max(a.gx, b.gx) + brush.radius));
  const y0 = Math.max(0, Math.floor(Math.min(a.gy, b.gy) - brush.radius));
  const y1 = Math.min(grid.height - 1, Math.ceil(Math.max(a.gy, b.gy) + brush.radius));
  let changed = false;
  for (let gy = y0; gy <= y1; gy++) {
    for (let gx = x0; gx <= x1; gx++) {
      const d = distanceToSegment(gx + 0.5, gy + 0.5, a, b);
      if (d < brush.radius && apply(gx, gy, falloff(brush, d))) changed = true;
    }
  }
  if (changed) grid.version++;
  return changed;
}

/** A single dab, e.g. a tap without movement. */
export function stamp(grid: Grid, at: GridPoint, brush: Brush = DEFAULT_BRUSH): boolean {
  return stroke(grid, at, at, brush);
}

export function distanceToSegment(x: number, y: number, a: GridPoint, b: GridPoint): number {
  const dx = b.gx - a.gx;
  const dy = b.gy - a.gy;
  const lengthSquared = dx * dx + dy * dy;
  const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((x - a.gx) * dx + (y - a.gy) * dy) / lengthSquared));
  return Math.hypot(x - (a.gx + t * dx), y - (a.gy + t * dy));
}
