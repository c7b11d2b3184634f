/**
 * The `weightsManifest` of a tfjs layers model.json: which weights its binary files hold, in order.
 * Sizes are checked against it before any tensor is built, so a missing, cut-off or padded
 * weights.bin is named as such instead of failing later inside tfjs with a sentence about shapes.
 */
import { isRecord } from './isRecord.ts';

export interface WeightSpec {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: string;
}

/** One group: its `paths` (relative to model.json) hold its weights back to back. */
export interface WeightsGroup {
  readonly paths: readonly string[];
  readonly weights: readonly WeightSpec[];
}

/** Bytes per value of the dtypes tfjs stores; quantized weights store `quantization.dtype`. */
const DTYPE_BYTES: Readonly<Record<string, number>> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2 };

/** Validates the manifest and returns each group with the bytes it needs; throws an Error saying what is wrong. */
export function readWeightsManifest(json: unknown): { readonly group: WeightsGroup; readonly bytes: number }[] {
  if (!Array.isArray(json)) throw new Error('"weightsManifest" is not a list');
  return json.map((group: unknown, g) => {
    if (!isRecord(group) || !isStringList(group.paths) || !Array.isArray(group.weights)) {
      throw new Error(`weightsManifest[${g}] needs "paths" (file names) and "weights" (a list)`);
    }
    const paths = group.paths;
    let bytes = 0;
    const weights = group.weights.map((weight: unknown, w): WeightSpec => {
      const where = `weightsManifest[${g}].weights[${w}]`;
      if (!isRecord(weight) || typeof weight.name !== 'string' || typeof weight.dtype !== 'string') throw new Error(`${where} needs "name" and "dtype"`);
      const { name, dtype, shape } = weight;
      if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && (d as number) >= 0)) throw new Error(`${where} (${name}) has no valid "shape"`);
      const quantization = weight.quantization;
      const stored = isRecord(quantization) && typeof quantization.dtype === 'string' ? quantization.dtype : dtype;
      const size = DTYPE_BYTES[stored];
      if (size === undefined) throw new Error(`${where} (${name}) has dtype "${stored}", which a weights file cannot hold`);
      bytes += (shape as number[]).reduce((n, d) => n * d, 1) * size;
      // the rest (quantization scale and offset) is kept for tfjs as it came
      return { ...weight, name, shape: shape as number[], dtype };
    });
    return { group: { paths, weights }, bytes };
  });
}

/** null when `actual` bytes are what the group needs, else what is wrong, for a message naming the file. */
export function weightBytesProblem(actual: number, expected: number): string | null {
  if (actual === expected) return null;
  if (actual === 0) return `is empty (model.json's weightsManifest needs ${expected} bytes)`;
  if (actual < expected) return `is cut off (${actual} of the ${expected} bytes model.json's weightsManifest needs)`;
  return `has ${actual - expected} bytes too many (${actual}; model.json's weightsManifest describes ${expected})`;
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string');
}
