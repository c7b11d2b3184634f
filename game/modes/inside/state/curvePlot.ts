import type { Rect } from '../../../shell/layout/rect.ts';

/**
 * A training curve's points in its plot's rectangle (pure, so a test can check they stay inside).
 * Values are spread over the plot less an inset at the top and bottom, so the highest and lowest
 * point and the line's width stay inside the frame rather than on (or over) its edge; a flat
 * series sits in the middle. Epochs run from 0 at the left edge to the last at the right.
 */

export interface PlotPoint {
  readonly x: number;
  readonly y: number;
}

/** Fraction of the plot's height kept free above the highest and below the lowest value. */
export const PLOT_INSET = 0.1;

/**
 * `epochs[i]` with `values[i]`; a null value (not recorded) is left out. `low`..`high` is the value
 * range mapped onto the plot (the series' own range by default).
 */
export function plotLine(epochs: readonly number[], values: readonly (number | null)[], plot: Rect, range?: { readonly low: number; readonly high: number }): PlotPoint[] {
  const known = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (known.length === 0) return [];
  const low = range?.low ?? Math.min(...known);
  const high = range?.high ?? Math.max(...known);
  const last = Math.max(1e-9, ...epochs);
  const inner = { top: plot.y + plot.height * PLOT_INSET, height: plot.height * (1 - 2 * PLOT_INSET) };
  const points: PlotPoint[] = [];
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) return;
    const t = high - low > 1e-12 ? Math.max(0, Math.min(1, (v - low) / (high - low))) : 0.5;
    const epoch = Math.max(0, Math.min(last, epochs[i] ?? 0));
    points.push({ x: plot.x + (epoch / last) * plot.width, y: inner.top + (1 - t) * inner.height });
  });
  return points;
}
