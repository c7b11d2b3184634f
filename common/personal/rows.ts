import type * as tfjs from '@tensorflow/tfjs';

/**
 * Rows of a [n, width] matrix whose values are at hand, picked in JavaScript into a new
 * [rows.length, width] tensor: tfjs's WASM gather copies element by element, and picking the
 * batch's rows that way was most of a teaching step (BENCHMARKS.md, section 7).
 */
export function pickRows(tf: typeof tfjs, values: Float32Array, width: number, rows: ArrayLike<number>): tfjs.Tensor2D {
  const out = new Float32Array(rows.length * width);
  for (let r = 0; r < rows.length; r++) {
    const from = (rows[r] ?? 0) * width;
    out.set(values.subarray(from, from + width), r * width);
  }
  return tf.tensor2d(out, [rows.length, width]);
}
