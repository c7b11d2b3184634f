// dW for a 2-D convolution, as one XNNPACK convolution on the WASM backend.
//
// dW[kh, kw, ci, co] = sum over b, oh, ow of x[b, oh*sh + kh - pt, ow*sw + kw - pl, ci] * dy[b, oh, ow, co]
// which is a correlation of x with dy in which the batch plays the role of the input channels:
//   xT  = x  transposed to [Ci, H, W, B]       (the "images": one per input channel)
//   dyT = dy transposed to [OH, OW, B, Co]     (the "filter": spatial size of the output)
//   conv2d(xT, dyT, stride 1, dilation = the forward stride) -> [Ci, KH, KW, Co] -> [KH, KW, Ci, Co]
// The padding is chosen so that exactly KH x KW outputs come out; rows and columns of x that no
// window reaches (valid padding with a remainder) are cut off first.
import { Conv2D, Conv2DBackpropFilter, Slice, Transpose } from '@tensorflow/tfjs-core';
import type {
  Conv2DBackpropFilterAttrs,
  KernelConfig,
  KernelFunc,
  TensorInfo,
} from '@tensorflow/tfjs-core';
import { convGeometry, explicitPad, requireChannelsLast } from './convGeometry.ts';
import {
  WASM_BACKEND_NAME,
  asWasmBackend,
  releaseIntermediate,
  runBackendKernel,
} from './wasmBackend.ts';

const conv2dBackpropFilter: KernelFunc = ({ inputs, backend: anyBackend, attrs }) => {
  const backend = asWasmBackend(anyBackend);
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } =
    attrs as unknown as Conv2DBackpropFilterAttrs;
  requireChannelsLast(Conv2DBackpropFilter, dataFormat);
  const info = convGeometry(x.shape, filterShape, strides, pad, dimRoundingMode);
  const { inHeight, inWidth, outHeight, outWidth, strideHeight, strideWidth } = info;
  const { filterHeight, filterWidth, padInfo } = info;

  // Span of the forward windows along each axis, and how far past the input it reaches.
  const padBottom = filterHeight + (outHeight - 1) * strideHeight - inHeight - padInfo.top;
  const padRight = filterWidth + (outWidth - 1) * strideWidth - inWidth - padInfo.left;

  const intermediates: TensorInfo[] = [];
  try {
    let xT = runBackendKernel(backend, Transpose, { x }, { perm: [3, 1, 2, 0] });
    intermediates.push(xT);
    if (padBottom < 0 || padRight < 0) {
      const [channels, , , batch] = xT.shape as [number, number, number, number];
      const size = [channels, inHeight + Math.min(padBottom, 0), inWidth + Math.min(padRight, 0), batch];
      xT = runBackendKernel(backend, Slice, { x: xT }, { begin: [0, 0, 0, 0], size });
      intermediates.push(xT);
    }
    const dyT = runBackendKernel(backend, Transpose, { x: dy }, { perm: [1, 2, 0, 3] });
    intermediates.push(dyT);
    const correlation = runBackendKernel(
      backend,
      Conv2D,
      { x: xT, filter: dyT },
      {
        strides: [1, 1],
        pad: explicitPad(padInfo.top, Math.max(padBottom, 0), padInfo.left, Math.max(padRight, 0)),
        dataFormat: 'NHWC',
        dilations: [strideHeight, strideWidth],
      },
    );
    intermediates.push(correlation);
    return runBackendKernel(backend, Transpose, { x: correlation }, { perm: [1, 2, 0, 3] });
  } finally {
    for (const intermediate of intermediates) releaseIntermediate(backend, intermediate);
  }
};

export const conv2dBackpropFilterConfig: KernelConfig = {
  kernelName: Conv2DBackpropFilter,
  backendName: WASM_BACKEND_NAME,
  kernelFunc: conv2dBackpropFilter,
};
