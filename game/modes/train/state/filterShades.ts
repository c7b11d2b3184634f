/** One filter's weights as shades 0..1: its lowest weight 0 (black), its highest 1 (white); all equal: mid grey. */
export function filterShades(weights: Float32Array): Float32Array {
  let low = Infinity;
  let high = -Infinity;
  for (const w of weights) {
    low = Math.min(low, w);
    high = Math.max(high, w);
  }
  const span = high - low;
  return weights.map((w) => (span > 0 ? (w - low) / span : 0.5));
}
