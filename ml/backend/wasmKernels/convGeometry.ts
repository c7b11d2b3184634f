// Geometry of the 2-D convolutions and pools whose gradients we compute, from tfjs's own shape
// helpers, plus the refusals: anything our kernels would get wrong throws here instead.
import { Conv2DBackpropFilter, backend_util } from '@tensorflow/tfjs-core';
import type { Conv2DBackpropFilterAttrs, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';

type Shape4D = [number, number, number, number];
type PadAttr = 'valid' | 'same' | number | backend_util.ExplicitPadding;

export function toShape4D(shape: readonly number[], what: string): Shape4D {
  const [a, b, c, d] = shape;
  if (shape.length !== 4 || a === undefined || b === undefined || c === undefined || d === undefined) {
    throw new Error(`wasmKernels: ${what} must be rank 4, got shape [${shape.join(', ')}]`);
  }
  return [a, b, c, d];
}

export function requireChannelsLast(kernelName: string, dataFormat: string | undefined): void {
  if (dataFormat !== undefined && dataFormat !== 'NHWC' && dataFormat !== 'channelsLast') {
    throw new Error(
      `wasmKernels: ${kernelName} supports only dataFormat 'NHWC' (channels last), got '${dataFormat}'`,
    );
  }
}

/** Conv2D geometry with dilation 1, the only rate tfjs differentiates through. */
export function convGeometry(
  inShape: readonly number[],
  filterShape: readonly number[],
  strides: number | [number, number],
  pad: PadAttr,
  dimRoundingMode: 'floor' | 'round' | 'ceil' | undefined,
): backend_util.Conv2DInfo {
  return backend_util.computeConv2DInfo(
    toShape4D(inShape, 'input'),
    toShape4D(filterShape, 'filter'),
    strides,
    1,
    pad,
    dimRoundingMode,
    false,
    'channelsLast',
  );
}

/** An explicit NHWC padding attribute for the backend's Conv2D. */
export function explicitPad(
  top: number,
  bottom: number,
  left: number,
  right: number,
): backend_util.ExplicitPadding {
  return [
    [0, 0],
    [top, bottom],
    [left, right],
    [0, 0],
  ];
}

/** The operands and geometry of a Conv2DBackpropFilter call, after the refusals. */
export function filterGradientCall(
  inputs: NamedTensorInfoMap,
  attrs: NamedAttrMap | undefined,
): { x: TensorInfo; dy: TensorInfo; filterShape: number[]; info: backend_util.Conv2DInfo } {
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as Conv2DBackpropFilterAttrs;
  requireChannelsLast(Conv2DBackpropFilter, dataFormat);
  return { x, dy, filterShape: [...filterShape], info: convGeometry(x.shape, filterShape, strides, pad, dimRoundingMode) };
}
