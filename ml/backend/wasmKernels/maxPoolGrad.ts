// dx for a 2-D max pool: each window's dy goes to the position of its maximum in x.
//
// Ties go to the first maximum in row-major window order, as in tfjs's CPU backend. That matters
// here: after ReLU whole windows are often exactly 0, and picking another position would give
// different (equally valid) gradients than the reference.
import { MaxPoolGrad, backend_util } from '@tensorflow/tfjs-core';
import type { KernelFunc, MaxPoolGradAttrs, TensorInfo } from '@tensorflow/tfjs-core';
import { toShape4D } from './convGeometry.ts';
import { standalone } from './trainingKernel.ts';
import { asWasmBackend, heapFloat32 } from './wasmBackend.ts';

const maxPoolGrad: KernelFunc = ({ inputs, backend: anyBackend, attrs }) => {
  const backend = asWasmBackend(anyBackend);
  const { dy, input } = inputs as { dy: TensorInfo; input: TensorInfo };
  const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as MaxPoolGradAttrs;
  const info = backend_util.computePool2DInfo(
    toShape4D(input.shape, 'input'),
    filterSize,
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  const { batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth } = info;
  const { filterHeight, filterWidth, strideHeight, strideWidth, padInfo } = info;

  const dx = backend.makeOutput(input.shape, 'float32');
  const xs = heapFloat32(backend, input);
  const dys = heapFloat32(backend, dy);
  const dxs = heapFloat32(backend, dx);
  dxs.fill(0);
  // Channels innermost, so every read walks the heap contiguously.
  const best = new Float32Array(channels);
  const bestIndex = new Int32Array(channels);
  const rowStride = inWidth * channels;
  for (let b = 0; b < batchSize; b++) {
    const xBatch = b * inHeight * rowStride;
    for (let oh = 0; oh < outHeight; oh++) {
      const rowStart = oh * strideHeight - padInfo.top;
      const rowFrom = Math.max(0, rowStart);
      const rowTo = Math.min(inHeight, rowStart + filterHeight);
      for (let ow = 0; ow < outWidth; ow++) {
        const colStart = ow * strideWidth - padInfo.left;
        const colFrom = Math.max(0, colStart);
        const colTo = Math.min(inWidth, colStart + filterWidth);
        best.fill(Number.NEGATIVE_INFINITY);
        bestIndex.fill(-1);
        for (let r = rowFrom; r < rowTo; r++) {
          for (let col = colFrom; col < colTo; col++) {
            const base = xBatch + r * rowStride + col * channels;
            for (let c = 0; c < channels; c++) {
              const value = xs[base + c] ?? Number.NaN;
              if (value > (best[c] ?? 0)) {
                best[c] = value;
                bestIndex[c] = base + c;
              }
            }
          }
        }
        const dyBase = ((b * outHeight + oh) * outWidth + ow) * channels;
        for (let c = 0; c < channels; c++) {
          const index = bestIndex[c] ?? -1;
          if (index >= 0) dxs[index] = (dxs[index] ?? 0) + (dys[dyBase + c] ?? 0);
        }
      }
    }
  }
  return dx;
};

export const maxPoolGradKernel = standalone(MaxPoolGrad, maxPoolGrad);
