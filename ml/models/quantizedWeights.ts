import type * as tf from '@tensorflow/tfjs';
import { storeTensor, storedBytes, type StoredDtype } from './quantize.ts';

/**
 * A whole model's weights (the weightsManifest specs and their bytes back to back) stored tensor by
 * tensor as a plan says. Only float32 weights as saveModel writes them are taken: quantising twice
 * would stack two roundings, so a model already quantised is refused and its float32 original
 * (git history, or a fresh training) is the input to use.
 */

export type Storage = StoredDtype | 'float32';

/** Which storage each tensor gets, by its name and size. */
export type StoragePlan = (name: string, size: number) => Storage;

/**
 * Tensors smaller than this (biases, batch-norm scales, means and variances) are stored as float16:
 * one 8-bit step of a variance's range can be most of a small variance, and all of them together
 * are a few kilobytes.
 */
export const SMALL_TENSOR = 1024;

export interface FloatWeight {
  readonly spec: tf.io.WeightsManifestEntry;
  readonly values: Float32Array;
}

/** The plan the CLI starts from: `dtype` for large tensors, float16 for small ones, uint16 for those in `wider`. */
export function sizePlan(dtype: StoredDtype, wider: ReadonlySet<string> = new Set()): StoragePlan {
  return (name, size) => (wider.has(name) ? 'uint16' : size < SMALL_TENSOR ? 'float16' : dtype);
}

/** Splits float32 weight bytes into named tensors; throws naming the first weight that is not plain float32. */
export function readFloatWeights(specs: readonly tf.io.WeightsManifestEntry[], data: Uint8Array): FloatWeight[] {
  let offset = 0;
  const weights = specs.map((spec) => {
    if (spec.quantization !== undefined) throw new Error(`weight ${spec.name} is already stored as ${spec.quantization.dtype}: quantise the float32 model instead`);
    if (spec.dtype !== 'float32') throw new Error(`weight ${spec.name} is ${spec.dtype}; only float32 weights are quantised`);
    const size = spec.shape.reduce((n, d) => n * d, 1);
    const bytes = data.slice(offset, offset + size * 4);
    offset += size * 4;
    return { spec, values: new Float32Array(bytes.buffer) };
  });
  if (offset !== data.byteLength) throw new Error(`the weights hold ${data.byteLength} bytes where the manifest describes ${offset}`);
  return weights;
}

export interface StoredWeights {
  readonly specs: tf.io.WeightsManifestEntry[];
  readonly data: Uint8Array;
  /** tensor names by the storage they got */
  readonly byStorage: Readonly<Partial<Record<Storage, readonly string[]>>>;
}

export function storeWeights(weights: readonly FloatWeight[], plan: StoragePlan): StoredWeights {
  const specs: tf.io.WeightsManifestEntry[] = [];
  const parts: Uint8Array[] = [];
  const byStorage: Partial<Record<Storage, string[]>> = {};
  for (const { spec, values } of weights) {
    const storage = plan(spec.name, values.length);
    (byStorage[storage] ??= []).push(spec.name);
    if (storage === 'float32') {
      specs.push(spec);
      parts.push(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
      continue;
    }
    const stored = storeTensor(values, storage);
    specs.push({ ...spec, quantization: stored.quantization });
    parts.push(stored.bytes);
  }
  const data = new Uint8Array(parts.reduce((n, part) => n + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    data.set(part, offset);
    offset += part.byteLength;
  }
  return { specs, data, byStorage };
}

/** Bytes the weights take as float32. */
export function float32Bytes(weights: readonly FloatWeight[]): number {
  return weights.reduce((n, w) => n + storedBytes(w.values.length, 'float32'), 0);
}

/**
 * The uint8 tensor whose rounding moves it most, relative to its own spread (root-mean-square error
 * over root-mean-square value), or null when no tensor is stored as uint8: the first to widen to
 * uint16 when the model's answers change.
 */
export function roughestUint8(weights: readonly FloatWeight[], plan: StoragePlan): string | null {
  let worst: { name: string; error: number } | null = null;
  for (const { spec, values } of weights) {
    if (plan(spec.name, values.length) !== 'uint8') continue;
    const stored = storeTensor(values, 'uint8');
    const { scale = 1, min = 0 } = stored.quantization;
    let squaredError = 0;
    let squared = 0;
    values.forEach((v, i) => {
      squaredError += ((stored.bytes[i] ?? 0) * scale + min - v) ** 2;
      squared += v * v;
    });
    const error = squared > 0 ? Math.sqrt(squaredError / squared) : 0;
    if (worst === null || error > worst.error) worst = { name: spec.name, error };
  }
  return worst?.name ?? null;
}
