// The reference point for benchmarks: Conv2DBackpropFilter written the simplest way, as the direct
// sum over the WASM heap. Plain tfjs 4.22 has no WASM Conv2DBackpropFilter at all, so "plain tfjs
// training on WASM" means exactly this one kernel added and everything else left as shipped.
import { Conv2DBackpropFilter, registerKernel, unregisterKernel } from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc } from '@tensorflow/tfjs-core';
import { filterGradientCall } from './convGeometry.ts';
import { WASM_BACKEND_NAME, asWasmBackend, findWasmKernel, heapFloat32 } from './wasmBackend.ts';

const naiveConv2dBackpropFilter: KernelFunc = ({ inputs, backend: anyBackend, attrs }) => {
  const backend = asWasmBackend(anyBackend);
  const { x, dy, filterShape, info } = filterGradientCall(inputs, attrs);
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels } = info;
  const { filterHeight, filterWidth, strideHeight, strideWidth, padInfo } = info;

  const dw = backend.makeOutput(filterShape, 'float32');
  const xs = heapFloat32(backend, x);
  const dys = heapFloat32(backend, dy);
  const dws = heapFloat32(backend, dw);
  dws.fill(0);
  for (let b = 0; b < batchSize; b++) {
    for (let oh = 0; oh < outHeight; oh++) {
      for (let ow = 0; ow < outWidth; ow++) {
        const dyBase = ((b * outHeight + oh) * outWidth + ow) * outChannels;
        for (let kh = 0; kh < filterHeight; kh++) {
          const row = oh * strideHeight + kh - padInfo.top;
          if (row < 0 || row >= inHeight) continue;
          for (let kw = 0; kw < filterWidth; kw++) {
            const col = ow * strideWidth + kw - padInfo.left;
            if (col < 0 || col >= inWidth) continue;
            const xBase = ((b * inHeight + row) * inWidth + col) * inChannels;
            const dwBase = (kh * filterWidth + kw) * inChannels * outChannels;
            for (let ci = 0; ci < inChannels; ci++) {
              const xValue = xs[xBase + ci] ?? 0;
              const dwRow = dwBase + ci * outChannels;
              for (let co = 0; co < outChannels; co++) {
                dws[dwRow + co] = (dws[dwRow + co] ?? 0) + xValue * (dys[dyBase + co] ?? 0);
              }
            }
          }
        }
      }
    }
  }
  return dw;
};

const naiveConfig: KernelConfig = {
  kernelName: Conv2DBackpropFilter,
  backendName: WASM_BACKEND_NAME,
  kernelFunc: naiveConv2dBackpropFilter,
};

/** Registers only the naive filter gradient, replacing whatever WASM Conv2DBackpropFilter exists. */
export function registerNaiveConv2DBackpropFilter(): void {
  if (findWasmKernel(Conv2DBackpropFilter) !== undefined) {
    unregisterKernel(Conv2DBackpropFilter, WASM_BACKEND_NAME);
  }
  registerKernel(naiveConfig);
}
