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
        const dyBase = ((b * outHeight + oh) * outWidth + ow) * channels;
        for (let c = 0; c < channels; c++) {
          let best = Number.NEGATIVE_INFINITY;
          let bestIndex = -1;
          for (let r = rowFrom; r < rowTo; r++) {
            for (let col = colFrom; col < colTo; col++) {
              const index = xBatch + r * rowStride + col * channels + c;
              const value = xs[index] ?? Number.NaN;
              if (value > best) {
                best = value;
                bestIndex = index;
              }
            }
          }
          if (bestIndex >= 0) dxs[bestIndex] = (dxs[bestIndex] ?? 0) + (dys[dyBase + c] ?? 0);
        }
      }
    }
  }
  return dx;
};

export const maxPoolGradKernel = standalone(MaxPoolGrad, maxPoolGrad);
