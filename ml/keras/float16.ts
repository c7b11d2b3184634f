import { Module, type Dataset } from 'h5wasm/node';
import { halfToFloat } from '../../common/float16.ts';

/**
 * Half-precision (IEEE 754 binary16) weights, which Keras writes for a model saved in float16 and
 * h5wasm cannot decode ("Float16 not supported"): the dataset's raw bits are read through h5wasm's
 * module, which hands them over little-endian whatever the file's order, and widened to float32.
 * Every half is exactly a float32, so nothing is rounded.
 */

/** Whether h5wasm's metadata describes a 2-byte float. */
export function isFloat16(dataset: Dataset): boolean {
  const { type, size } = dataset.metadata;
  return type === Module.H5T_class_t.H5T_FLOAT.value && size === 2;
}

/** The dataset's values as float32. */
export function readFloat16(dataset: Dataset): Float32Array {
  const count = dataset.metadata.total_size;
  const pointer = Module._malloc(Math.max(1, count * 2));
  try {
    Module.get_dataset_data(dataset.file_id, dataset.path, null, null, null, BigInt(pointer));
    const bytes = Module.HEAPU8.slice(pointer, pointer + count * 2);
    return float16ToFloat32(new Uint16Array(bytes.buffer, 0, count));
  } finally {
    Module._free(pointer);
  }
}

/** Half bit patterns to their values (common/float16.ts). */
export function float16ToFloat32(bits: Uint16Array): Float32Array {
  return Float32Array.from(bits, halfToFloat);
}
