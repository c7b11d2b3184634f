// dx for a 2-D convolution, as one XNNPACK convolution on the WASM backend.
//
// dx is the "full" convolution of dy with the filter turned 180 degrees and its channel axes
// swapped: conv2d(dyPadded, rotated[KH, KW, Co, Ci], stride 1). With stride s the forward pass
// skipped positions, so dy is first spread out with s - 1 zeros between its pixels.
import { Conv2D, Conv2DBackpropInput } from '@tensorflow/tfjs-core';
import type {
  Conv2DBackpropInputAttrs,
  KernelConfig,
  KernelFunc,
  TensorInfo,
} from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { convGeometry, explicitPad, requireChannelsLast, toShape4D } from './convGeometry.ts';
import {
  WASM_BACKEND_NAME,
  asWasmBackend,
  heapFloat32,
  releaseIntermediate,
  runBackendKernel,
} from './wasmBackend.ts';

/** [KH, KW, Ci, Co] -> [KH, KW, Co, Ci] turned 180 degrees in (KH, KW). */
function rotateFilter(backend: BackendWasm, filter: TensorInfo): TensorInfo {
  const [kh, kw, ci, co] = toShape4D(filter.shape, 'filter');
  const rotated = backend.makeOutput([kh, kw, co, ci], 'float32');
  const src = heapFloat32(backend, filter);
  const dst = heapFloat32(backend, rotated);
  for (let r = 0; r < kh; r++) {
    for (let c = 0; c < kw; c++) {
      const srcBase = ((kh - 1 - r) * kw + (kw - 1 - c)) * ci * co;
      const dstBase = (r * kw + c) * co * ci;
      for (let i = 0; i < ci; i++) {
        for (let o = 0; o < co; o++) dst[dstBase + o * ci + i] = src[srcBase + i * co + o] ?? 0;
      }
    }
  }
  return rotated;
}

/** [B, OH, OW, C] -> [B, (OH-1)*sh+1, (OW-1)*sw+1, C] with zeros between the original pixels. */
function spreadOut(backend: BackendWasm, dy: TensorInfo, sh: number, sw: number): TensorInfo {
  const [batch, oh, ow, channels] = toShape4D(dy.shape, 'dy');
  const height = (oh - 1) * sh + 1;
  const width = (ow - 1) * sw + 1;
  const spread = backend.makeOutput([batch, height, width, channels], 'float32');
  const src = heapFloat32(backend, dy);
  const dst = heapFloat32(backend, spread);
  dst.fill(0);
  for (let b = 0; b < batch; b++) {
    for (let r = 0; r < oh; r++) {
      for (let c = 0; c < ow; c++) {
        const from = ((b * oh + r) * ow + c) * channels;
        const to = ((b * height + r * sh) * width + c * sw) * channels;
        dst.set(src.subarray(from, from + channels), to);
      }
    }
  }
  return spread;
}

const conv2dBackpropInput: KernelFunc = ({ inputs, backend: anyBackend, attrs }) => {
  const backend = asWasmBackend(anyBackend);
  const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, inputShape } =
    attrs as unknown as Conv2DBackpropInputAttrs;
  requireChannelsLast(Conv2DBackpropInput, dataFormat);
  const info = convGeometry(inputShape, filter.shape, strides, pad, dimRoundingMode);
  const { inHeight, inWidth, outHeight, outWidth, strideHeight, strideWidth } = info;
  const { filterHeight, filterWidth, padInfo } = info;

  // Padding of the spread-out dy so that the stride-1 convolution yields exactly H x W.
  const top = filterHeight - 1 - padInfo.top;
  const left = filterWidth - 1 - padInfo.left;
  const bottom = inHeight + padInfo.top - (outHeight - 1) * strideHeight - 1;
  const right = inWidth + padInfo.left - (outWidth - 1) * strideWidth - 1;
  if (top < 0 || left < 0 || bottom < 0 || right < 0) {
    throw new Error(
      `wasmKernels: ${Conv2DBackpropInput} does not support padding wider than the filter ` +
        `(pad ${JSON.stringify(pad)} with a ${filterHeight}x${filterWidth} filter)`,
    );
  }

  const intermediates: TensorInfo[] = [];
  try {
    let dyIn = dy;
    if (strideHeight > 1 || strideWidth > 1) {
      dyIn = spreadOut(backend, dy, strideHeight, strideWidth);
      intermediates.push(dyIn);
    }
    const rotated = rotateFilter(backend, filter);
    intermediates.push(rotated);
    return runBackendKernel(
      backend,
      Conv2D,
      { x: dyIn, filter: rotated },
      { strides: [1, 1], pad: explicitPad(top, bottom, left, right), dataFormat: 'NHWC', dilations: [1, 1] },
    );
  } finally {
    for (const intermediate of intermediates) releaseIntermediate(backend, intermediate);
  }
};

export const conv2dBackpropInputConfig: KernelConfig = {
  kernelName: Conv2DBackpropInput,
  backendName: WASM_BACKEND_NAME,
  kernelFunc: conv2dBackpropInput,
};
