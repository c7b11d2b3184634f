/**
 * The Inside view's colour maps, as 0xRRGGBB numbers so views and tests share them. Signed values
 * (convolution outputs before their activation, attributions) use a diverging map centred on 0:
 * blue below, the paper colour at 0, orange above, so sign reads at a glance; values known to be
 * non-negative (after ReLU, pooling of ReLU) use the ramp from paper to orange only.
 */

const PAPER = [0x0a, 0x0c, 0x18] as const;
const POSITIVE = [0xff, 0x9f, 0x3a] as const;
const NEGATIVE = [0x3a, 0x8f, 0xff] as const;

/** Largest absolute value, or 1 when all are 0, so every map is scaled on its own without dividing by 0. */
export function scaleOf(values: Float32Array, start = 0, end = values.length): number {
  let top = 0;
  for (let i = start; i < end; i++) top = Math.max(top, Math.abs(values[i] ?? 0));
  return top > 0 ? top : 1;
}

export interface ValueRange {
  readonly min: number;
  readonly max: number;
}

export function rangeOf(values: Float32Array, start = 0, end = values.length): ValueRange {
  let min = Infinity;
  let max = -Infinity;
  for (let i = start; i < end; i++) {
    const v = values[i] ?? 0;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return end > start ? { min, max } : { min: 0, max: 0 };
}

/** `value / scale` clamped to -1..1, as a colour: NEGATIVE at -1, PAPER at 0, POSITIVE at 1. */
export function divergingColour(value: number, scale: number): number {
  const t = Math.max(-1, Math.min(1, value / scale));
  const end = t < 0 ? NEGATIVE : POSITIVE;
  const a = Math.abs(t);
  let colour = 0;
  for (let c = 0; c < 3; c++) colour = (colour << 8) | Math.round((PAPER[c] ?? 0) + ((end[c] ?? 0) - (PAPER[c] ?? 0)) * a);
  return colour;
}

/** Writes `values[start..end)` as opaque RGBA into `rgba`, value k at pixel `pixelAt(k)`, all on one scale. */
export function paintDiverging(values: Float32Array, start: number, end: number, scale: number, rgba: Uint8ClampedArray, pixelAt: (i: number) => number): void {
  for (let i = start; i < end; i++) {
    const colour = divergingColour(values[i] ?? 0, scale);
    const p = pixelAt(i - start) * 4;
    rgba[p] = (colour >> 16) & 0xff;
    rgba[p + 1] = (colour >> 8) & 0xff;
    rgba[p + 2] = colour & 0xff;
    rgba[p + 3] = 255;
  }
}
