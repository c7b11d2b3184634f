// dx for a 2-D convolution on the WASM backend, in one of two ways:
//
// - As one XNNPACK convolution: dx is the "full" convolution of dy with the filter turned 180
//   degrees and its channel axes swapped, conv2d(dyPadded, rotated[KH, KW, Co, Ci], stride 1). With
//   stride s the forward pass skipped positions, so dy is first spread out with s - 1 zeros.
// - For few input channels (the first layer, whose dx tfjs computes although nothing uses it),
//   that convolution has too few outputs per pixel for XNNPACK to be efficient. There one matrix
//   product gives every pixel's contribution to its window, columns [N, KH*KW*Ci] = dy [N, Co] x
//   W^T [Co, KH*KW*Ci], and a scatter-add ("col2im") sums them into dx.
import { BatchMatMul, Conv2D, Conv2DBackpropInput } from '@tensorflow/tfjs-core';
import type {
  Conv2DBackpropInputAttrs,
  KernelFunc,
  TensorInfo,
  backend_util,
} from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { convGeometry, explicitPad, requireChannelsLast, toShape4D } from './convGeometry.ts';
import { standalone } from './trainingKernel.ts';
import {
  asWasmBackend,
  heapFloat32,
  releaseIntermediate,
  runBackendKernel,
  viewWithShape,
} from './wasmBackend.ts';

/** Below this many input channels the matrix-product path is faster (measured on 28x28 inputs). */
const COL2IM_MAX_IN_CHANNELS = 4;

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

/** [KH, KW, Ci, Co] -> [Co, KH*KW*Ci]. */
function transposeFilter(backend: BackendWasm, filter: TensorInfo): TensorInfo {
  const [kh, kw, ci, co] = toShape4D(filter.shape, 'filter');
  const taps = kh * kw * ci;
  const transposed = backend.makeOutput([co, taps], 'float32');
  const src = heapFloat32(backend, filter);
  const dst = heapFloat32(backend, transposed);
  for (let t = 0; t < taps; t++) {
    for (let o = 0; o < co; o++) dst[o * taps + t] = src[t * co + o] ?? 0;
  }
  return transposed;
}

/** Sums columns[(b, oh, ow), (kh, kw, ci)] into the input pixels each window covers. */
function col2im(backend: BackendWasm, columns: TensorInfo, info: backend_util.Conv2DInfo): TensorInfo {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth } = info;
  const { filterHeight, filterWidth, strideHeight, strideWidth, padInfo } = info;
  const dx = backend.makeOutput(info.inShape, 'float32');
  const src = heapFloat32(backend, columns);
  const dst = heapFloat32(backend, dx);
  dst.fill(0);
  let from = 0;
  for (let b = 0; b < batchSize; b++) {
    for (let oh = 0; oh < outHeight; oh++) {
      for (let ow = 0; ow < outWidth; ow++) {
        for (let kh = 0; kh < filterHeight; kh++) {
          const row = oh * strideHeight + kh - padInfo.top;
          if (row < 0 || row >= inHeight) {
            from += filterWidth * inChannels;
            continue;
          }
          for (let kw = 0; kw < filterWidth; kw++, from += inChannels) {
            const col = ow * strideWidth + kw - padInfo.left;
            if (col < 0 || col >= inWidth) continue;
            const to = ((b * inHeight + row) * inWidth + col) * inChannels;
            for (let c = 0; c < inChannels; c++) dst[to + c] = (dst[to + c] ?? 0) + (src[from + c] ?? 0);
          }
        }
      }
    }
  }
  return dx;
}

function viaMatMul(backend: BackendWasm, dy: TensorInfo, filter: TensorInfo, info: backend_util.Conv2DInfo): TensorInfo {
  const n = info.batchSize * info.outHeight * info.outWidth;
  const taps = info.filterHeight * info.filterWidth * info.inChannels;
  const intermediates: TensorInfo[] = [];
  try {
    const filterT = transposeFilter(backend, filter);
    intermediates.push(filterT);
    const columns = runBackendKernel(
      backend,
      BatchMatMul,
      { a: viewWithShape(dy, [1, n, info.outChannels]), b: viewWithShape(filterT, [1, info.outChannels, taps]) },
      { transposeA: false, transposeB: false },
    );
    intermediates.push(columns);
    return col2im(backend, columns, info);
  } finally {
    for (const intermediate of intermediates) releaseIntermediate(backend, intermediate);
  }
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

  if (info.inChannels < COL2IM_MAX_IN_CHANNELS) return viaMatMul(backend, dy, filter, info);

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

export const conv2dBackpropInputKernel = standalone(Conv2DBackpropInput, conv2dBackpropInput);
