// Tile as block copies on the WASM heap. The backend's own Tile computes a source index per output
// element; tfjs's batch-norm gradient tiles a [1, 1, 1, C] tensor to the full activation shape on
// every step, and there that took longer than all the convolutions.
import { Tile } from '@tensorflow/tfjs-core';
import type { KernelFunc, TensorInfo, TileAttrs } from '@tensorflow/tfjs-core';
import { standalone } from './trainingKernel.ts';
import { asWasmBackend } from './wasmBackend.ts';

const tile: KernelFunc = ({ inputs, backend: anyBackend, attrs }) => {
  const backend = asWasmBackend(anyBackend);
  const { x } = inputs as { x: TensorInfo };
  const { reps } = attrs as unknown as TileAttrs;
  const rank = x.shape.length;
  if (reps.length !== rank) {
    throw new Error(`wasmKernels: Tile needs one repetition per axis, got ${reps.length} for rank ${rank}`);
  }
  const outShape = x.shape.map((size, axis) => size * (reps[axis] ?? 1));
  const out = backend.makeOutput(outShape, x.dtype);
  if (outShape.some((size) => size === 0)) return out;
  const src = backend.typedArrayFromHeap(x);
  const dst = backend.typedArrayFromHeap(out);

  // Element strides of input and output, and for each axis whether nothing below it repeats (then
  // the whole sub-block is one contiguous copy).
  const srcStrides = new Array<number>(rank).fill(1);
  const dstStrides = new Array<number>(rank).fill(1);
  const plainBelow = new Array<boolean>(rank + 1).fill(true);
  for (let axis = rank - 2; axis >= 0; axis--) {
    srcStrides[axis] = (srcStrides[axis + 1] ?? 1) * (x.shape[axis + 1] ?? 1);
    dstStrides[axis] = (dstStrides[axis + 1] ?? 1) * (outShape[axis + 1] ?? 1);
  }
  for (let axis = rank - 1; axis >= 0; axis--) {
    plainBelow[axis] = (plainBelow[axis + 1] ?? true) && reps[axis] === 1;
  }

  // Writes x's sub-block at (axis, srcOffset) tiled into out at dstOffset.
  const fill = (axis: number, srcOffset: number, dstOffset: number): void => {
    if (axis === rank || plainBelow[axis]) {
      const length = axis === rank ? 1 : (srcStrides[axis] ?? 1) * (x.shape[axis] ?? 1);
      dst.set(src.subarray(srcOffset, srcOffset + length), dstOffset);
      return;
    }
    const size = x.shape[axis] ?? 1;
    for (let i = 0; i < size; i++) {
      fill(axis + 1, srcOffset + i * (srcStrides[axis] ?? 1), dstOffset + i * (dstStrides[axis] ?? 1));
    }
    // Repeat the block just written, doubling the copied span each time.
    const block = size * (dstStrides[axis] ?? 1);
    const total = block * (reps[axis] ?? 1);
    for (let done = block; done < total; done *= 2) {
      dst.copyWithin(dstOffset + done, dstOffset, dstOffset + Math.min(done, total - done));
    }
  };
  fill(0, 0, 0);
  return out;
};

export const tileKernel = standalone(Tile, tile);
