// dW for a 2-D convolution: one XNNPACK matrix product on the WASM backend.
//
// dW[kh, kw, ci, co] = sum over n = (b, oh, ow) of x[b, oh*sh + kh - pt, ow*sw + kw - pl, ci] * dy[n, co]
// so with patches[(kh, kw, ci), n] holding those x values (zero where the window hangs over the
// border), dW as [KH*KW*Ci, Co] = patches [KH*KW*Ci, N] x dy [N, Co]. The patches are laid out
// transposed (one row per filter tap) because the backend's MatMul is only fast untransposed.
import { BatchMatMul, Conv2DBackpropFilter, Reshape, Transpose } from '@tensorflow/tfjs-core';
import type {
  KernelFunc,
  TensorInfo,
  backend_util,
} from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { filterGradientCall } from './convGeometry.ts';
import { standalone } from './trainingKernel.ts';
import {
  asWasmBackend,
  heapFloat32,
  releaseIntermediate,
  runBackendKernel,
  viewWithShape,
} from './wasmBackend.ts';

/**
 * patches[(kh, kw, ci), (b, oh, ow)] from x already transposed to [Ci, B, H, W], so that each
 * output row is read from one input row.
 */
function transposedPatches(
  backend: BackendWasm,
  xChannelsFirst: TensorInfo,
  info: backend_util.Conv2DInfo,
): TensorInfo {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth } = info;
  const { filterHeight, filterWidth, strideHeight, strideWidth, padInfo } = info;
  const n = batchSize * outHeight * outWidth;
  const patches = backend.makeOutput([filterHeight * filterWidth * inChannels, n], 'float32');
  const src = heapFloat32(backend, xChannelsFirst);
  const dst = heapFloat32(backend, patches);
  for (let kh = 0; kh < filterHeight; kh++) {
    for (let kw = 0; kw < filterWidth; kw++) {
      // Output columns whose window column kw lies inside the input.
      const owFrom = Math.min(outWidth, Math.max(0, Math.ceil((padInfo.left - kw) / strideWidth)));
      const owTo = Math.min(outWidth, Math.floor((inWidth - 1 + padInfo.left - kw) / strideWidth) + 1);
      for (let ci = 0; ci < inChannels; ci++) {
        let to = ((kh * filterWidth + kw) * inChannels + ci) * n;
        for (let b = 0; b < batchSize; b++) {
          const plane = (ci * batchSize + b) * inHeight;
          for (let oh = 0; oh < outHeight; oh++, to += outWidth) {
            const row = oh * strideHeight + kh - padInfo.top;
            if (row < 0 || row >= inHeight) {
              dst.fill(0, to, to + outWidth);
              continue;
            }
            const from = (plane + row) * inWidth + kw - padInfo.left;
            for (let ow = 0; ow < owFrom; ow++) dst[to + ow] = 0;
            for (let ow = owFrom; ow < owTo; ow++) dst[to + ow] = src[from + ow * strideWidth] ?? 0;
            for (let ow = Math.max(owTo, owFrom); ow < outWidth; ow++) dst[to + ow] = 0;
          }
        }
      }
    }
  }
  return patches;
}

const conv2dBackpropFilter: KernelFunc = ({ inputs, backend: anyBackend, attrs }) => {
  const backend = asWasmBackend(anyBackend);
  const { x, dy, filterShape, info } = filterGradientCall(inputs, attrs);
  const taps = info.filterHeight * info.filterWidth * info.inChannels;
  const n = info.batchSize * info.outHeight * info.outWidth;

  const intermediates: TensorInfo[] = [];
  try {
    const xChannelsFirst = runBackendKernel(backend, Transpose, { x }, { perm: [3, 0, 1, 2] });
    intermediates.push(xChannelsFirst);
    const patches = transposedPatches(backend, xChannelsFirst, info);
    intermediates.push(patches);
    const product = runBackendKernel(
      backend,
      BatchMatMul,
      { a: viewWithShape(patches, [1, taps, n]), b: viewWithShape(dy, [1, n, info.outChannels]) },
      { transposeA: false, transposeB: false },
    );
    intermediates.push(product);
    return runBackendKernel(backend, Reshape, { x: product }, { shape: filterShape });
  } finally {
    for (const intermediate of intermediates) releaseIntermediate(backend, intermediate);
  }
};

export const conv2dBackpropFilterKernel = standalone(Conv2DBackpropFilter, conv2dBackpropFilter);
