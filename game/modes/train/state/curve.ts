/**
 * A training curve as plain data: points in the order they came, x growing (training seconds). A
 * long run would make the line and its redraw grow without end, so past MAX_POINTS every other
 * point is dropped: the curve keeps its shape at half the resolution, and its first and last points.
 */

export interface CurvePoint {
  readonly x: number;
  readonly y: number;
}

export type Curve = readonly CurvePoint[];

/** More than a chart's width in pixels on a desktop: thinning never shows. */
export const MAX_POINTS = 512;

/** The curve with `point` added (a new array: curves are compared by identity to redraw). */
export function addPoint(curve: Curve, point: CurvePoint, maxPoints = MAX_POINTS): Curve {
  if (!Number.isFinite(point.x) || !Number.isFinite(point.y)) return curve;
  const grown = [...curve, point];
  if (grown.length <= maxPoints) return grown;
  // keep even indices and always the newest point
  return grown.filter((_, i) => i % 2 === 0 || i === grown.length - 1);
}

export interface Extent {
  readonly xMax: number;
  readonly yMin: number;
  readonly yMax: number;
}

/**
 * The ranges a chart shows: x from 0 to the last point (at least `minX`, so the first seconds do not
 * stretch across the chart), y from the given floor to the larger of `yTop` and the curve's highest
 * point (a loss that starts high stays inside its chart).
 */
export function extentOf(curve: Curve, minX: number, yFloor: number, yTop: number): Extent {
  let xMax = minX;
  let yMax = yTop;
  for (const { x, y } of curve) {
    xMax = Math.max(xMax, x);
    yMax = Math.max(yMax, y);
  }
  return { xMax, yMin: yFloor, yMax };
}

/** The curve as chart coordinates (0..1 left to right, 0..1 bottom to top), clamped into the chart. */
export function toUnit(curve: Curve, extent: Extent): CurvePoint[] {
  const spanY = extent.yMax - extent.yMin || 1;
  return curve.map(({ x, y }) => ({
    x: Math.min(1, Math.max(0, x / (extent.xMax || 1))),
    y: Math.min(1, Math.max(0, (y - extent.yMin) / spanY)),
  }));
}
