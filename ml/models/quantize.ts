import type * as tf from '@tensorflow/tfjs';

/**
 * A model's float32 weights stored in fewer bytes, in the form of tfjs's own weightsManifest
 * `quantization` field, so tf.io.decodeWeights turns them back into float32 on load (in the game,
 * in ml/models/modelFiles.ts, in Keras export) with nothing of ours in between:
 *   uint8, uint16  per tensor, value = q * scale + min with q in 0..2^bits-1, rounded to nearest;
 *                  min is nudged so that 0 is a grid point, so padding-free zero weights stay zero
 *   float16        IEEE half precision, rounded to nearest even
 * Weights barely compress (gzip takes 7 % off float32), so the bytes stored are the bytes sent.
 */

export type StoredDtype = 'uint8' | 'uint16' | 'float16';

export type Quantization = NonNullable<tf.io.WeightsManifestEntry['quantization']>;

export interface StoredTensor {
  readonly quantization: Quantization;
  readonly bytes: Uint8Array;
}

/** Largest finite float16. */
const FLOAT16_MAX = 65504;

export function storeTensor(values: Float32Array, dtype: StoredDtype): StoredTensor {
  if (dtype === 'float16') return { quantization: { dtype }, bytes: new Uint8Array(encodeFloat16(values).buffer) };
  return affine(values, dtype === 'uint8' ? 255 : 65535, dtype);
}

function affine(values: Float32Array, levels: number, dtype: 'uint8' | 'uint16'): StoredTensor {
  let lo = 0;
  let hi = 0;
  for (const v of values) {
    if (!Number.isFinite(v)) throw new Error(`a weight is ${v}, which ${dtype} cannot hold`);
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  // the range always holds 0 (lo <= 0 <= hi); a tensor of zeros gets any positive scale
  const scale = hi > lo ? (hi - lo) / levels : 1;
  const zero = Math.round(-lo / scale);
  const min = -zero * scale;
  const q = dtype === 'uint8' ? new Uint8Array(values.length) : new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) q[i] = Math.min(levels, Math.max(0, Math.round(((values[i] ?? 0) - min) / scale)));
  return { quantization: { dtype, scale, min }, bytes: new Uint8Array(q.buffer) };
}

/** float32 -> float16 bits, round to nearest even; refuses values beyond float16's range rather than store infinity. */
export function encodeFloat16(values: Float32Array): Uint16Array {
  const bits = new Uint32Array(values.buffer, values.byteOffset, values.length);
  const out = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? 0;
    if (!(Math.abs(v) <= FLOAT16_MAX)) throw new Error(`a weight is ${v}, which float16 cannot hold`);
    out[i] = halfBits(bits[i] ?? 0);
  }
  return out;
}

function halfBits(x: number): number {
  const sign = (x >>> 16) & 0x8000;
  const exponent = ((x >>> 23) & 0xff) - 127 + 15;
  const mantissa = x & 0x7fffff;
  if (exponent <= 0) {
    // a float16 subnormal (or zero): shift the mantissa, with its implicit 1, into 10 bits
    if (exponent < -10) return sign;
    const shift = 14 - exponent;
    return sign | roundShift(mantissa | 0x800000, shift);
  }
  // a carry out of the mantissa rounds up into the exponent, which is what float16 wants
  return sign | ((exponent << 10) + roundShift(mantissa, 13));
}

/** value >> shift, rounded to nearest, ties to even. */
function roundShift(value: number, shift: number): number {
  const kept = value >>> shift;
  const rest = value & ((1 << shift) - 1);
  const half = 1 << (shift - 1);
  return rest > half || (rest === half && (kept & 1) === 1) ? kept + 1 : kept;
}

/** Bytes a tensor of `size` values takes stored as `dtype` (float32 when not quantised). */
export function storedBytes(size: number, dtype: StoredDtype | 'float32'): number {
  return size * (dtype === 'uint8' ? 1 : dtype === 'float32' ? 4 : 2);
}
