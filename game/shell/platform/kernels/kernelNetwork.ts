import type * as tf from '@tensorflow/tfjs-core';
import { activationName, allOnes, channelsLast, inputShapeOf, layerWeights, pair, padding, sequentialLayers, UnsupportedLayer, type LayerConfig } from '../layerConfig.ts';
import { weightValues } from './weightValues.ts';

/**
 * A sequential conv network run by the game's own WASM SIMD kernel (conv.wat), so the first screen
 * reads without tfjs: tfjs (its core, its WASM backend and that backend's binary) loads when a
 * screen needs the model as layers. Every conv and dense layer is one call of the kernel with its
 * BatchNormalization and ReLU folded in; pooling, a BatchNormalization that cannot be folded and
 * softmax are plain loops. Filter counts are padded with zero filters to the kernel's 16, and
 * the layer after reads the padding as zero-weight channels, so the answers are the model's.
 * `kernelNetwork` returns null for a model it cannot run (another layer kind, strides, dilation,
 * channels first, a functional model): the caller runs it with tfjs instead.
 */
export interface KernelNetwork {
  /** [null, height, width, channels] */
  readonly inputShape: readonly (number | null)[];
  /** [null, classes] */
  readonly outputShape: readonly (number | null)[];
  /** the weights as decoded from the files, for the check that they are numbers */
  readonly weights: readonly { readonly name: string; readonly values: Float32Array }[];
  /** `images` inputs back to back -> their outputs back to back */
  predict(input: Float32Array, images: number): Float32Array;
}

/** An activation as laid out in memory: `channels` true ones, `stored` >= them (padding is zero). */
interface Shape {
  readonly height: number;
  readonly width: number;
  readonly channels: number;
  readonly stored: number;
  /** after Flatten: a dense layer may read it */
  readonly flat: boolean;
}

/** Float offsets into the kernel's memory. */
interface ConvCall {
  readonly kind: 'conv';
  readonly input: Shape;
  readonly output: Shape;
  readonly k: number;
  readonly pad: number;
  readonly weights: number;
  readonly bias: number;
  relu: boolean;
  /** the unpadded weights and bias, for folding a BatchNormalization into them before they are laid out */
  readonly kernel: Float32Array;
  readonly biasValues: Float32Array;
}
interface PoolStep { readonly kind: 'pool'; readonly input: Shape; readonly output: Shape; readonly size: [number, number]; readonly strides: [number, number] }
interface AffineStep { readonly kind: 'affine'; readonly shape: Shape; readonly scale: Float32Array; readonly shift: Float32Array }
interface ReluStep { readonly kind: 'relu'; readonly shape: Shape }
interface SoftmaxStep { readonly kind: 'softmax'; readonly shape: Shape }
type Step = ConvCall | PoolStep | AffineStep | ReluStep | SoftmaxStep;

const FILTER_BLOCK = 16;
const FLOAT_BYTES = 4;
const PAGE_BYTES = 65536;

export function kernelNetwork(artifacts: tf.io.ModelArtifacts, module: WebAssembly.Module): KernelNetwork | null {
  try {
    return build(artifacts, module);
  } catch (error) {
    if (error instanceof UnsupportedLayer || error instanceof RangeError) return null;
    throw error;
  }
}

function build(artifacts: tf.io.ModelArtifacts, module: WebAssembly.Module): KernelNetwork {
  if (artifacts.weightSpecs === undefined || artifacts.weightData === undefined) throw new UnsupportedLayer();
  const layers = sequentialLayers(artifacts.modelTopology);
  const named = weightValues(artifacts.weightSpecs, artifacts.weightData);
  if (named === null) throw new UnsupportedLayer();
  const [height, width, channels] = inputShapeOf(layers);
  const input: Shape = { height, width, channels, stored: channels, flat: false };

  const reader = layerWeights(named);
  const steps: Step[] = [];
  let shape = input;
  let floats = 0;
  const reserve = (count: number): number => {
    const at = floats;
    floats += Math.ceil(count / 4) * 4;
    return at;
  };
  const inputAt = reserve(size(input));
  for (const layer of layers) {
    const of = reader.of(layer.config);
    const weight = (short: string): Float32Array => {
      const values = of(short);
      if (values === undefined) throw new UnsupportedLayer();
      return values;
    };
    shape = addLayer(layer.kind, layer.config, weight, shape, steps, reserve);
  }
  if (!reader.allRead() || !shape.flat || shape.height !== 1 || shape.width !== 1) throw new UnsupportedLayer();

  // convs and pools write to buffers of their own, the other steps in place
  const outputs = steps.map((step) => (step.kind === 'conv' || step.kind === 'pool' ? reserve(size(step.output)) : undefined));
  const exports = new WebAssembly.Instance(module, {}).exports as { memory: WebAssembly.Memory; conv: (...args: number[]) => void };
  const pages = Math.ceil((floats * FLOAT_BYTES) / PAGE_BYTES) - exports.memory.buffer.byteLength / PAGE_BYTES;
  if (pages > 0) exports.memory.grow(pages);
  const heap = new Float32Array(exports.memory.buffer);
  for (const step of steps) if (step.kind === 'conv') layOut(step, heap);

  const classes = shape.channels;
  const run = (): Float32Array => {
    let at = inputAt;
    steps.forEach((step, i) => {
      const to = outputs[i] ?? at;
      runStep(step, heap, at, to, exports.conv);
      at = to;
    });
    return heap.subarray(at, at + classes);
  };
  const weights = [...named].map(([weightName, values]) => ({ name: weightName, values }));
  return {
    inputShape: [null, height, width, channels],
    outputShape: [null, classes],
    weights,
    predict(pixels, images) {
      const per = size(input);
      if (pixels.length !== per * images) throw new Error(`expected ${images} images of ${per} values, got ${pixels.length} values`);
      const out = new Float32Array(images * classes);
      for (let i = 0; i < images; i++) {
        heap.set(pixels.subarray(i * per, (i + 1) * per), inputAt);
        out.set(run(), i * classes);
      }
      return out;
    },
  };
}

function addLayer(kind: string, config: LayerConfig, weight: (short: string) => Float32Array, shape: Shape, steps: Step[], reserve: (floats: number) => number): Shape {
  const last = steps.at(-1);
  switch (kind) {
    case 'InputLayer':
    case 'Dropout':
      return shape;
    case 'Conv2D': {
      channelsLast(config);
      if (shape.flat || !allOnes(config.dilation_rate) || !allOnes(config.strides) || (config.groups !== undefined && config.groups !== 1)) throw new UnsupportedLayer();
      const [kh, kw] = pair(config.kernel_size);
      if (kh !== kw) throw new UnsupportedLayer();
      const same = padding(config.padding) === 'same';
      if (same && kh % 2 === 0) throw new UnsupportedLayer();
      const filters = Number(config.filters);
      const kernel = weight('kernel');
      if (kernel.length !== kh * kh * shape.channels * filters) throw new UnsupportedLayer();
      const output: Shape = {
        height: same ? shape.height : shape.height - kh + 1,
        width: same ? shape.width : shape.width - kh + 1,
        channels: filters,
        stored: Math.ceil(filters / FILTER_BLOCK) * FILTER_BLOCK,
        flat: false,
      };
      if (output.height <= 0 || output.width <= 0) throw new UnsupportedLayer();
      const bias = config.use_bias === false ? new Float32Array(filters) : weight('bias');
      steps.push(convCall(shape, output, kh, same ? (kh - 1) / 2 : 0, kernel, bias, reserve));
      return then(activationName(config.activation), output, steps);
    }
    case 'Dense': {
      if (!shape.flat) throw new UnsupportedLayer();
      const units = Number(config.units);
      const kernel = weight('kernel');
      if (kernel.length !== shape.height * shape.width * shape.channels * units) throw new UnsupportedLayer();
      // a dense layer is a convolution whose kernel covers the whole input: the input as one pixel
      // of height * width * stored channels, the kernel's rows expanded to match
      const asPixel: Shape = { height: 1, width: 1, channels: shape.height * shape.width * shape.stored, stored: shape.height * shape.width * shape.stored, flat: true };
      const expanded = expandRows(kernel, shape, units);
      const output: Shape = { height: 1, width: 1, channels: units, stored: Math.ceil(units / FILTER_BLOCK) * FILTER_BLOCK, flat: true };
      const bias = config.use_bias === false ? new Float32Array(units) : weight('bias');
      steps.push(convCall(asPixel, output, 1, 0, expanded, bias, reserve));
      return then(activationName(config.activation), output, steps);
    }
    case 'BatchNormalization': {
      const axis = config.axis;
      if (!(axis === -1 || axis === 3 || (Array.isArray(axis) && axis.length === 1 && (axis[0] === -1 || axis[0] === 3))) || shape.flat) throw new UnsupportedLayer();
      const mean = weight('moving_mean');
      const variance = weight('moving_variance');
      const beta = config.center === false ? new Float32Array(shape.channels) : weight('beta');
      const gamma = config.scale === false ? new Float32Array(shape.channels).fill(1) : weight('gamma');
      const epsilon = typeof config.epsilon === 'number' ? config.epsilon : 1e-3;
      const scale = new Float32Array(shape.stored);
      const shift = new Float32Array(shape.stored);
      for (let c = 0; c < shape.channels; c++) {
        scale[c] = (gamma[c] ?? 1) / Math.sqrt((variance[c] ?? 0) + epsilon);
        shift[c] = (beta[c] ?? 0) - (mean[c] ?? 0) * (scale[c] ?? 0);
      }
      if (last?.kind === 'conv' && !last.relu) {
        foldAffine(last, scale, shift);
        return shape;
      }
      steps.push({ kind: 'affine', shape, scale, shift });
      return shape;
    }
    case 'ReLU':
      if (config.max_value != null || (config.negative_slope != null && config.negative_slope !== 0) || (config.threshold != null && config.threshold !== 0)) throw new UnsupportedLayer();
      return then('relu', shape, steps);
    case 'Activation':
      return then(activationName(config.activation), shape, steps);
    case 'MaxPooling2D': {
      channelsLast(config);
      if (padding(config.padding) !== 'valid' || shape.flat) throw new UnsupportedLayer();
      const size = pair(config.pool_size);
      const strides = config.strides == null ? size : pair(config.strides);
      const output: Shape = { ...shape, height: Math.floor((shape.height - size[0]) / strides[0]) + 1, width: Math.floor((shape.width - size[1]) / strides[1]) + 1 };
      if (output.height <= 0 || output.width <= 0) throw new UnsupportedLayer();
      steps.push({ kind: 'pool', input: shape, output, size, strides });
      return output;
    }
    case 'Flatten':
      channelsLast(config);
      return { ...shape, flat: true };
    default:
      throw new UnsupportedLayer();
  }
}

/** The activation after a layer: ReLU into the conv just before it when nothing came between, else a step of its own. */
function then(name: string, shape: Shape, steps: Step[]): Shape {
  const last = steps.at(-1);
  if (name === 'linear') return shape;
  if (name === 'relu') {
    if (last?.kind === 'conv' && !last.relu) last.relu = true;
    else steps.push({ kind: 'relu', shape });
    return shape;
  }
  if (name === 'softmax' && shape.flat) {
    steps.push({ kind: 'softmax', shape });
    return shape;
  }
  throw new UnsupportedLayer();
}

function convCall(input: Shape, output: Shape, k: number, pad: number, kernel: Float32Array, bias: Float32Array, reserve: (floats: number) => number): ConvCall {
  const weights = reserve(k * k * input.stored * output.stored);
  const biasAt = reserve(output.stored);
  return { kind: 'conv', input, output, k, pad, weights, bias: biasAt, relu: false, kernel: Float32Array.from(kernel), biasValues: Float32Array.from(bias) };
}

/** A BatchNormalization after a conv: every filter's weights and bias scaled, then shifted. */
function foldAffine(call: ConvCall, scale: Float32Array, shift: Float32Array): void {
  const filters = call.output.channels;
  for (let i = 0; i < call.kernel.length; i++) call.kernel[i] = (call.kernel[i] ?? 0) * (scale[i % filters] ?? 0);
  for (let f = 0; f < filters; f++) call.biasValues[f] = (call.biasValues[f] ?? 0) * (scale[f] ?? 0) + (shift[f] ?? 0);
}

/** The conv's weights into memory as [k, k, stored input channels, stored filters], zero where padded. */
function layOut(call: ConvCall, heap: Float32Array): void {
  const { k, input, output, kernel } = call;
  const inChannels = kernel.length / (k * k * output.channels);
  for (let tap = 0; tap < k * k; tap++) {
    for (let c = 0; c < inChannels; c++) {
      const from = (tap * inChannels + c) * output.channels;
      heap.set(kernel.subarray(from, from + output.channels), call.weights + (tap * input.stored + c) * output.stored);
    }
  }
  heap.set(call.biasValues, call.bias);
}

/** A dense kernel's rows (height, width, true channels) spread over the stored channels, zero rows for the padding. */
function expandRows(kernel: Float32Array, shape: Shape, units: number): Float32Array {
  if (shape.stored === shape.channels) return kernel;
  const pixels = shape.height * shape.width;
  const out = new Float32Array(pixels * shape.stored * units);
  for (let p = 0; p < pixels; p++) {
    const from = p * shape.channels * units;
    out.set(kernel.subarray(from, from + shape.channels * units), p * shape.stored * units);
  }
  return out;
}

function runStep(step: Step, heap: Float32Array, from: number, to: number, conv: (...args: number[]) => void): void {
  switch (step.kind) {
    case 'conv': {
      const { input, output } = step;
      conv(from * FLOAT_BYTES, input.height, input.width, input.stored, step.k, output.stored, step.weights * FLOAT_BYTES, step.bias * FLOAT_BYTES,
        to * FLOAT_BYTES, output.height, output.width, step.pad, step.relu ? 1 : 0);
      return;
    }
    case 'pool':
      maxPool(step, heap, from, to);
      return;
    case 'affine': {
      const { shape, scale, shift } = step;
      const count = size(shape);
      for (let i = 0; i < count; i++) {
        const c = i % shape.stored;
        heap[from + i] = (heap[from + i] ?? 0) * (scale[c] ?? 0) + (shift[c] ?? 0);
      }
      return;
    }
    case 'relu': {
      const end = from + size(step.shape);
      for (let i = from; i < end; i++) if ((heap[i] ?? 0) < 0) heap[i] = 0;
      return;
    }
    case 'softmax': {
      const units = step.shape.channels;
      let max = -Infinity;
      for (let u = 0; u < units; u++) max = Math.max(max, heap[from + u] ?? 0);
      let sum = 0;
      for (let u = 0; u < units; u++) {
        const e = Math.exp((heap[from + u] ?? 0) - max);
        heap[from + u] = e;
        sum += e;
      }
      for (let u = 0; u < units; u++) heap[from + u] = (heap[from + u] ?? 0) / sum;
    }
  }
}

function maxPool(step: PoolStep, heap: Float32Array, from: number, to: number): void {
  const { input, output, size: [ph, pw], strides: [sh, sw] } = step;
  const channels = input.stored;
  for (let y = 0; y < output.height; y++) {
    for (let x = 0; x < output.width; x++) {
      const out = to + (y * output.width + x) * channels;
      for (let c = 0; c < channels; c++) {
        let best = -Infinity;
        for (let dy = 0; dy < ph; dy++) {
          for (let dx = 0; dx < pw; dx++) best = Math.max(best, heap[from + ((y * sh + dy) * input.width + x * sw + dx) * channels + c] ?? -Infinity);
        }
        heap[out + c] = best;
      }
    }
  }
}

function size(shape: Shape): number {
  return shape.height * shape.width * shape.stored;
}

