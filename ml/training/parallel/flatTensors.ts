import * as tf from '@tensorflow/tfjs';

/**
 * Float32 tensors packed end to end into one array, the form weights and gradients cross between
 * threads in: one postMessage (or one transfer) per step instead of one per variable.
 */

export function packTensors(tensors: readonly tf.Tensor[]): Float32Array<ArrayBuffer> {
  const packed = new Float32Array(tensors.reduce((sum, t) => sum + t.size, 0));
  let offset = 0;
  for (const tensor of tensors) {
    packed.set(tensor.dataSync(), offset);
    offset += tensor.size;
  }
  return packed;
}

/** Views into `packed`, one per shape; the caller makes tensors of them (tfjs copies the values). */
export function unpackArrays(packed: Float32Array, shapes: readonly (readonly number[])[]): Float32Array[] {
  const arrays: Float32Array[] = [];
  let offset = 0;
  for (const shape of shapes) {
    const size = shape.reduce((product, n) => product * n, 1);
    arrays.push(packed.subarray(offset, offset + size));
    offset += size;
  }
  if (offset !== packed.length) throw new Error(`packed tensors hold ${packed.length} values, the shapes ${offset}`);
  return arrays;
}
