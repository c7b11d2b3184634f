/**
 * Turns an MNIST image into pen strokes, so an end-to-end test can redraw a real handwritten digit
 * through pointer events: upscale, threshold, thin to a one-pixel skeleton (Zhang–Suen), trace the
 * skeleton into polylines and simplify them. Pure: no browser, no files.
 */

/** A point in image pixel coordinates: pixel (x, y) covers [x, x+1) x [y, y+1). */
export interface StrokePoint {
  readonly x: number;
  readonly y: number;
}
export type Stroke = readonly StrokePoint[];

export interface TraceOptions {
  /** upscaling before thinning, so thin MNIST strokes keep a clean skeleton */
  readonly scale: number;
  /** ink level (0..1) that counts as stroke */
  readonly threshold: number;
  /** Douglas–Peucker tolerance in image pixels */
  readonly tolerance: number;
  /** strokes shorter than this (image pixels) are specks, dropped */
  readonly minLength: number;
}

export const DEFAULT_TRACE: TraceOptions = Object.freeze({ scale: 4, threshold: 0.45, tolerance: 0.35, minLength: 1.5 });

/** `pixels`: width * height, row-major, 0..1 with ink = 1 (common/digit.ts). */
export function traceStrokes(pixels: Float32Array, width: number, height: number, options: TraceOptions = DEFAULT_TRACE): Stroke[] {
  const { scale } = options;
  const w = width * scale;
  const h = height * scale;
  const mask = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      mask[y * w + x] = bilinear(pixels, width, height, (x + 0.5) / scale - 0.5, (y + 0.5) / scale - 0.5) >= options.threshold ? 1 : 0;
    }
  }
  thinZhangSuen(mask, w, h);
  return tracePaths(mask, w, h)
    .map((path) => path.map(({ x, y }) => ({ x: (x + 0.5) / scale, y: (y + 0.5) / scale })))
    .map((path) => simplify(path, options.tolerance))
    .filter((path) => pathLength(path) >= options.minLength || path.length === 1);
}

function bilinear(pixels: Float32Array, width: number, height: number, fx: number, fy: number): number {
  const x0 = Math.floor(fx);
  const y0 = Math.floor(fy);
  const tx = fx - x0;
  const ty = fy - y0;
  const at = (x: number, y: number): number => (x < 0 || y < 0 || x >= width || y >= height ? 0 : pixels[y * width + x] ?? 0);
  return (at(x0, y0) * (1 - tx) + at(x0 + 1, y0) * tx) * (1 - ty) + (at(x0, y0 + 1) * (1 - tx) + at(x0 + 1, y0 + 1) * tx) * ty;
}

/** Neighbour offsets P2..P9, clockwise from north, as in Zhang & Suen (1984). */
const RING: readonly (readonly [number, number])[] = [[0, -1], [1, -1], [1, 0], [1, 1], [0, 1], [-1, 1], [-1, 0], [-1, -1]];

/** Thins a binary mask (1 = ink) in place to a one-pixel-wide, 8-connected skeleton. */
export function thinZhangSuen(mask: Uint8Array, w: number, h: number): void {
  const at = (x: number, y: number): number => (x < 0 || y < 0 || x >= w || y >= h ? 0 : mask[y * w + x] ?? 0);
  for (let changed = true; changed;) {
    changed = false;
    for (const pass of [0, 1]) {
      const remove: number[] = [];
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          if (at(x, y) === 0) continue;
          const p = RING.map(([dx, dy]) => at(x + dx, y + dy));
          const [p2 = 0, , p4 = 0, , p6 = 0, , p8 = 0] = p;
          const neighbours = p.reduce((a, b) => a + b, 0);
          let transitions = 0;
          for (let i = 0; i < 8; i++) if ((p[i] ?? 0) === 0 && (p[(i + 1) % 8] ?? 0) === 1) transitions++;
          const gone = pass === 0 ? p2 * p4 * p6 === 0 && p4 * p6 * p8 === 0 : p2 * p4 * p8 === 0 && p2 * p6 * p8 === 0;
          if (neighbours >= 2 && neighbours <= 6 && transitions === 1 && gone) remove.push(y * w + x);
        }
      }
      for (const i of remove) mask[i] = 0;
      if (remove.length > 0) changed = true;
    }
  }
}

/**
 * Walks a skeleton into paths that together cover every link between neighbouring pixels exactly
 * once: first from line ends, then from junctions, then around closed loops (a "0" has no ends).
 * A diagonal link is left out where the two pixels already meet through a shared side neighbour,
 * so the staircase corners thinning leaves behind do not become tiny loops.
 */
function tracePaths(mask: Uint8Array, w: number, h: number): StrokePoint[][] {
  const ink = (x: number, y: number): boolean => x >= 0 && y >= 0 && x < w && y < h && mask[y * w + x] === 1;
  const links = (x: number, y: number): number[] => {
    const out: number[] = [];
    for (const [dx, dy] of RING) {
      if (!ink(x + dx, y + dy)) continue;
      if (dx !== 0 && dy !== 0 && (ink(x + dx, y) || ink(x, y + dy))) continue;
      out.push((y + dy) * w + (x + dx));
    }
    return out;
  };
  const used = new Set<number>();
  const linkKey = (a: number, b: number): number => Math.min(a, b) * w * h + Math.max(a, b);
  const freeLinks = (p: number): number[] => links(p % w, Math.floor(p / w)).filter((q) => !used.has(linkKey(p, q)));
  const point = (p: number): StrokePoint => ({ x: p % w, y: Math.floor(p / w) });
  const paths: StrokePoint[][] = [];

  const walk = (start: number): void => {
    const path = [point(start)];
    for (let here = start; ;) {
      const next = freeLinks(here)[0];
      if (next === undefined) break;
      used.add(linkKey(here, next));
      path.push(point(next));
      here = next;
    }
    paths.push(path);
  };

  const pixels: number[] = [];
  for (let i = 0; i < w * h; i++) if (mask[i] === 1) pixels.push(i);
  const degree = (p: number): number => links(p % w, Math.floor(p / w)).length;
  for (const p of pixels) if (degree(p) === 0) paths.push([point(p)]);
  for (const p of pixels) if (degree(p) === 1 && freeLinks(p).length > 0) walk(p);
  for (const p of pixels) while (degree(p) > 2 && freeLinks(p).length > 0) walk(p);
  for (const p of pixels) while (freeLinks(p).length > 0) walk(p);
  return paths;
}

/** Douglas–Peucker: drops points within `tolerance` of the line between their neighbours. */
export function simplify(path: readonly StrokePoint[], tolerance: number): StrokePoint[] {
  if (path.length <= 2) return [...path];
  const first = path[0];
  const last = path[path.length - 1];
  if (first === undefined || last === undefined) return [];
  let worst = 0;
  let index = 0;
  for (let i = 1; i < path.length - 1; i++) {
    const p = path[i];
    if (p === undefined) continue;
    const d = distanceToLine(p, first, last);
    if (d > worst) {
      worst = d;
      index = i;
    }
  }
  if (worst <= tolerance) return [first, last];
  const left = simplify(path.slice(0, index + 1), tolerance);
  return [...left.slice(0, -1), ...simplify(path.slice(index), tolerance)];
}

function distanceToLine(p: StrokePoint, a: StrokePoint, b: StrokePoint): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length = Math.hypot(dx, dy);
  if (length === 0) return Math.hypot(p.x - a.x, p.y - a.y);
  return Math.abs(dy * p.x - dx * p.y + b.x * a.y - b.y * a.x) / length;
}

export function pathLength(path: readonly StrokePoint[]): number {
  let total = 0;
  for (let i = 1; i < path.length; i++) {
    const a = path[i - 1];
    const b = path[i];
    if (a !== undefined && b !== undefined) total += Math.hypot(b.x - a.x, b.y - a.y);
  }
  return total;
}
