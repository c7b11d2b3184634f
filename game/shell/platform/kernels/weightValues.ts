import type * as tf from '@tensorflow/tfjs-core';
import { halfToFloat } from '../../../../common/float16.ts';

/**
 * A model's weights as float32 arrays by name, decoded from its files without tfjs: float32 as
 * stored, 8- and 16-bit affine quantisation as `value * scale + min`, float16 widened, which is what
 * tfjs's io.decodeWeights gives. Null for a dtype these layers never hold (int32, bool, string).
 */
export function weightValues(specs: readonly tf.io.WeightsManifestEntry[], data: tf.io.WeightData): Map<string, Float32Array> | null {
  const bytes = contiguous(data);
  const out = new Map<string, Float32Array>();
  let offset = 0;
  for (const spec of specs) {
    const size = spec.shape.reduce((n, d) => n * d, 1);
    const quantization = spec.quantization;
    const stored = quantization?.dtype ?? spec.dtype;
    const view = new DataView(bytes.buffer, bytes.byteOffset + offset);
    let values: Float32Array;
    if (spec.dtype !== 'float32') return null;
    if (stored === 'float32') {
      values = new Float32Array(size);
      for (let i = 0; i < size; i++) values[i] = view.getFloat32(i * 4, true);
      offset += size * 4;
    } else if (stored === 'float16') {
      values = new Float32Array(size);
      for (let i = 0; i < size; i++) values[i] = halfToFloat(view.getUint16(i * 2, true));
      offset += size * 2;
    } else if ((stored === 'uint8' || stored === 'uint16') && quantization?.scale !== undefined && quantization.min !== undefined) {
      const { scale, min } = quantization;
      const width = stored === 'uint8' ? 1 : 2;
      values = new Float32Array(size);
      for (let i = 0; i < size; i++) values[i] = (width === 1 ? view.getUint8(i) : view.getUint16(i * 2, true)) * scale + min;
      offset += size * width;
    } else {
      return null;
    }
    out.set(spec.name, values);
  }
  return out;
}

function contiguous(data: tf.io.WeightData): Uint8Array {
  if (!Array.isArray(data)) return new Uint8Array(data);
  const all = new Uint8Array(data.reduce((n, part) => n + part.byteLength, 0));
  let at = 0;
  for (const part of data) {
    all.set(new Uint8Array(part), at);
    at += part.byteLength;
  }
  return all;
}
