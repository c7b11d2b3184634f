import { DEFAULT_BRUSH, stroke, type Brush, type GridPoint } from '../ink/brush.ts';
import type { Grid } from '../ink/grid.ts';

/**
 * A character as a pen wrote it: its pen-down strokes in writing order, each a flat list
 * [x0, y0, x1, y1, ...] in any one unit with y pointing down (the convention of the UNIPEN files in
 * ../shared/data/pen and of the screen). A stroke of one point is a dot.
 *
 * Training, evaluation and the tests draw such paths onto a grid with the game's own brush
 * (common/ink/brush.ts), segment by segment as pointer moves arrive, so a pen path becomes exactly
 * the cells a player drawing it with the mouse would ink.
 */
export type PenStrokes = readonly (readonly number[])[];

/** Where a path lands on the grid: grid cell = (x * scale + dx, y * scale + dy). */
export interface PathPlacement {
  readonly scale: number;
  readonly dx: number;
  readonly dy: number;
}

export interface PathBounds {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

export function pathBounds(strokes: PenStrokes): PathBounds {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const points of strokes) {
    for (let i = 0; i + 1 < points.length; i += 2) {
      const x = points[i] ?? 0;
      const y = points[i + 1] ?? 0;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  if (x0 > x1) return { x0: 0, y0: 0, x1: 0, y1: 0 };
  return { x0, y0, x1, y1 };
}

/**
 * The placement that draws the path with its longer side `size` cells long and the centre of its
 * bounding box at (centreX, centreY): how big and where a player draws. A path with no extent (a
 * dot) keeps scale 1 and lands at the centre.
 */
export function fitPath(strokes: PenStrokes, size: number, centreX: number, centreY: number): PathPlacement {
  const b = pathBounds(strokes);
  const extent = Math.max(b.x1 - b.x0, b.y1 - b.y0);
  const scale = extent > 0 ? size / extent : 1;
  return { scale, dx: centreX - scale * (b.x0 + b.x1) / 2, dy: centreY - scale * (b.y0 + b.y1) / 2 };
}

/**
 * Inks the strokes onto `grid` as the game's pointer input does: a dab where a stroke starts, then
 * one brush segment from each point to the next. Returns whether any cell changed.
 */
export function drawPath(grid: Grid, strokes: PenStrokes, placement: PathPlacement, brush: Brush = DEFAULT_BRUSH): boolean {
  let changed = false;
  for (const points of strokes) {
    if (points.length < 2) continue;
    let previous = toCell(points, 0, placement);
    if (stroke(grid, previous, previous, brush)) changed = true;
    for (let i = 2; i + 1 < points.length; i += 2) {
      const next = toCell(points, i, placement);
      if (stroke(grid, previous, next, brush)) changed = true;
      previous = next;
    }
  }
  return changed;
}

/** The path's points as grid coordinates under `placement`, stroke by stroke (what drawPath inks between). */
export function placedPath(strokes: PenStrokes, placement: PathPlacement): GridPoint[][] {
  return strokes.map((points) => Array.from({ length: Math.floor(points.length / 2) }, (_, k) => toCell(points, 2 * k, placement)));
}

function toCell(points: readonly number[], i: number, placement: PathPlacement) {
  return { gx: (points[i] ?? 0) * placement.scale + placement.dx, gy: (points[i + 1] ?? 0) * placement.scale + placement.dy };
}

/** Total pen-down length of the path (a dot counts 0). */
export function pathLength(strokes: PenStrokes): number {
  let length = 0;
  for (const points of strokes) {
    for (let i = 2; i + 1 < points.length; i += 2) {
      length += Math.hypot((points[i] ?? 0) - (points[i - 2] ?? 0), (points[i + 1] ?? 0) - (points[i - 1] ?? 0));
    }
  }
  return length;
}

/**
 * The first `fraction` (0..1) of the path by pen-down length, in writing order: what is on the
 * page when the writer is that far through. The last segment is cut part-way, so a fraction lands
 * anywhere along a stroke; dots count as the moment the pen touched.
 */
export function pathPrefix(strokes: PenStrokes, fraction: number): number[][] {
  const budget = pathLength(strokes) * Math.max(0, Math.min(1, fraction));
  const out: number[][] = [];
  let used = 0;
  for (const points of strokes) {
    if (points.length < 2) continue;
    const kept = [points[0] ?? 0, points[1] ?? 0];
    out.push(kept);
    for (let i = 2; i + 1 < points.length; i += 2) {
      const ax = points[i - 2] ?? 0;
      const ay = points[i - 1] ?? 0;
      const bx = points[i] ?? 0;
      const by = points[i + 1] ?? 0;
      const step = Math.hypot(bx - ax, by - ay);
      if (used + step >= budget) {
        const t = step > 0 ? (budget - used) / step : 0;
        if (t > 0) kept.push(ax + t * (bx - ax), ay + t * (by - ay));
        return out;
      }
      used += step;
      kept.push(bx, by);
    }
    if (used >= budget) return out;
  }
  return out;
}

/**
 * The path through the 2x2 matrix [[a, b], [c, d]] about its bounding box's centre: rotation,
 * slant (b = shear of x by y) and stretch in one.
 */
export function transformPath(strokes: PenStrokes, a: number, b: number, c: number, d: number): number[][] {
  const bounds = pathBounds(strokes);
  const cx = (bounds.x0 + bounds.x1) / 2;
  const cy = (bounds.y0 + bounds.y1) / 2;
  return strokes.map((points) => {
    const out = new Array<number>(points.length);
    for (let i = 0; i + 1 < points.length; i += 2) {
      const x = (points[i] ?? 0) - cx;
      const y = (points[i + 1] ?? 0) - cy;
      out[i] = a * x + b * y + cx;
      out[i + 1] = c * x + d * y + cy;
    }
    return out;
  });
}
