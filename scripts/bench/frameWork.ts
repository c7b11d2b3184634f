/** A 60 Hz frame, ms: our work in a frame must fit in it. */
export const FRAME_MS = 1000 / 60;

/** The p-th percentile (0..100) of `values`, nearest rank, rounded to 0.1; NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return round1(sorted[index] ?? Number.NaN);
}

export function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Our work per frame, ms, over a stretch of frames (drawing, writing, teaching). */
export interface WorkSummary { frames: number; p50: number; p95: number; max: number; over16_7: number }

export function workSummary(work: readonly number[]): WorkSummary {
  return {
    frames: work.length,
    p50: percentile(work, 50),
    p95: percentile(work, 95),
    max: round1(Math.max(...work)),
    over16_7: work.filter((ms) => ms > FRAME_MS).length,
  };
}

export function formatWork(w: WorkSummary): string {
  return `${w.frames} frames  p50 ${w.p50} ms  p95 ${w.p95} ms  max ${round1(w.max)} ms  over 16.7 ms: ${w.over16_7}`;
}
