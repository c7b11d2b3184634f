import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { IMAGE_SIZE, NUM_CLASSES } from '../../../../common/digit.ts';
import type { DenseLayer, Filter, InsideReading, MapsLayer } from '../state/insideLayers.ts';
import { layerTitles, type LayerSpec } from '../state/layerNames.ts';
import type { LayerLine } from '../state/modelCard.ts';
import { padBeforeOf, type FieldStep } from '../state/receptiveField.ts';

/**
 * Every layer of a loaded sequential model at once: one multi-output model over the same layers
 * (weights shared, nothing copied) gives the feature maps of each convolution and pooling layer,
 * the units of each hidden dense layer and the outputs from one call. Works for any model the
 * game can load: it walks model.layers, keeps what it can show, and names each layer from its
 * config (state/layerNames.ts) and its receptive field from the spatial layers before it.
 */

const MAPS_KINDS = new Set(['Conv2D', 'MaxPooling2D', 'AveragePooling2D', 'DepthwiseConv2D', 'SeparableConv2D']);
/** Layers shown in a maps layer's "then" line: they act on each value where it is. */
const PER_VALUE_WORDS: Readonly<Record<string, string>> = { BatchNormalization: 'batch normalisation', ReLU: 'ReLU', Activation: 'activation', LeakyReLU: 'leaky ReLU' };

export class InsideNetwork {
  readonly mapsLayers: readonly MapsLayer[];
  readonly denseLayers: readonly DenseLayer[];
  readonly layerLines: readonly LayerLine[];
  /** the output layer's title, e.g. "Dense · 10 digits + not a digit" */
  readonly outputTitle: string;
  private readonly all: tfl.LayersModel;
  /** per maps layer, the Conv2D whose filters can be shown, else null */
  private readonly convOf: readonly (tfl.layers.Layer | null)[];
  private readonly kernels = new Map<number, { readonly values: Float32Array; readonly bias: Float32Array | null; readonly shape: readonly number[] }>();
  /** filters already cut out, by "layer map": the same object each time, so a view can tell it is unchanged */
  private readonly filters = new Map<string, Filter>();

  constructor(private readonly model: tfl.LayersModel) {
    const titles = layerTitles(model.layers.map(specOf));
    const maps: tfl.SymbolicTensor[] = [];
    const dense: tfl.SymbolicTensor[] = [];
    const mapsLayers: MapsLayer[] = [];
    const denseLayers: DenseLayer[] = [];
    const convOf: (tfl.layers.Layer | null)[] = [];
    const steps: FieldStep[] = [];
    const last = model.layers.at(-1);
    model.layers.forEach((layer, i) => {
      const output = layer.output;
      if (Array.isArray(output)) return;
      const shape = output.shape;
      const kind = layer.getClassName();
      const title = titles[i] ?? layer.name;
      if (MAPS_KINDS.has(kind) && shape.length === 4) {
        const step = stepOf(layer);
        if (step !== null) steps.push(step);
        maps.push(output);
        mapsLayers.push({
          name: layer.name, title, kind, height: shape[1] ?? 0, width: shape[2] ?? 0, maps: shape[3] ?? 0,
          steps: [...steps], reads: mapsLayers.length - 1, then: thenOf(model.layers.slice(i + 1)),
        });
        convOf.push(kind === 'Conv2D' ? layer : null);
      } else if (kind === 'Dense' && layer !== last && shape.length === 2) {
        dense.push(output);
        denseLayers.push({ name: layer.name, title, units: shape[1] ?? 0 });
      }
    });
    this.mapsLayers = mapsLayers;
    this.denseLayers = denseLayers;
    this.convOf = convOf;
    this.outputTitle = titles.at(-1) ?? '';
    this.layerLines = model.layers.map((layer, i) => {
      const output = layer.output;
      const shape = Array.isArray(output) ? [] : output.shape.slice(1).map((d) => d ?? 0);
      return { name: layer.name, title: titles[i] ?? layer.name, kind: layer.getClassName(), shape, parameters: layer.countParams() };
    });
    const outputs = model.outputs;
    this.all = tfl.model({ inputs: model.inputs, outputs: [...maps, ...dense, ...outputs] });
  }

  /** `pixels`: the normalised 28x28 image the model reads (common/preprocess.ts). */
  async read(pixels: Float32Array): Promise<InsideReading> {
    const outputs = tf.tidy(() => {
      const result = this.all.predict(tf.tensor4d(pixels, [1, IMAGE_SIZE, IMAGE_SIZE, 1]));
      return Array.isArray(result) ? result : [result];
    });
    try {
      const values = await Promise.all(outputs.map((t) => t.data() as Promise<Float32Array>));
      const m = this.mapsLayers.length;
      const d = this.denseLayers.length;
      return { maps: values.slice(0, m), dense: values.slice(m, m + d), probabilities: values[m + d] ?? new Float32Array(NUM_CLASSES) };
    } finally {
      tf.dispose(outputs);
    }
  }

  /**
   * d ln p(digit) / d pixel for the 28x28 input: where more ink would raise (positive) or lower
   * (negative) the log-probability of `digit`. Log-probability, not probability, so a guess already
   * at 99.9 % still has a gradient worth showing.
   */
  async gradient(pixels: Float32Array, digit: number): Promise<Float32Array> {
    const grad = tf.tidy(() => {
      const x = tf.tensor4d(pixels, [1, IMAGE_SIZE, IMAGE_SIZE, 1]);
      const logProbability = (input: tf.Tensor): tf.Scalar => {
        const p = this.model.layers.reduce((t, layer) => applyForGradient(layer, t), input);
        return tf.reshape(tf.log(tf.add(tf.slice(p, [0, digit], [1, 1]), 1e-7)), []);
      };
      return tf.grad(logProbability)(x);
    });
    try {
      return (await grad.data()) as Float32Array;
    } finally {
      grad.dispose();
    }
  }

  /**
   * The filter that computed map `map` of maps layer `layer` (a Conv2D's, channel-last), null for
   * other layers. A layer's kernel is read from its weights once, when first asked.
   */
  filter(layer: number, map: number): Filter | null {
    const known = this.filters.get(`${layer} ${map}`);
    if (known !== undefined) return known;
    const conv = this.convOf[layer];
    if (conv === null || conv === undefined) return null;
    let kernel = this.kernels.get(layer);
    if (kernel === undefined) {
      const [weights, bias] = conv.getWeights();
      if (weights?.shape.length !== 4) return null;
      kernel = { values: weights.dataSync() as Float32Array, bias: bias === undefined ? null : bias.dataSync() as Float32Array, shape: weights.shape };
      this.kernels.set(layer, kernel);
    }
    const [kh = 0, kw = 0, inputs = 1, count = 0] = kernel.shape;
    if (map < 0 || map >= count) return null;
    const slices: Float32Array[] = [];
    for (let c = 0; c < inputs; c++) {
      const slice = new Float32Array(kh * kw);
      for (let i = 0; i < kh * kw; i++) slice[i] = kernel.values[(i * inputs + c) * count + map] ?? 0;
      slices.push(slice);
    }
    const activation = conv.getConfig().activation;
    const filter = { size: [kh, kw] as const, slices, bias: kernel.bias?.[map] ?? null, activation: typeof activation === 'string' ? activation : 'linear' };
    this.filters.set(`${layer} ${map}`, filter);
    return filter;
  }
}

const pair = (value: unknown, fallback: number): [number, number] => {
  if (Array.isArray(value)) return [Number(value[0] ?? fallback), Number(value[1] ?? value[0] ?? fallback)];
  return typeof value === 'number' ? [value, value] : [fallback, fallback];
};

/** What a layer's config says, as plain data for the names (state/layerNames.ts). */
function specOf(layer: tfl.layers.Layer): LayerSpec {
  const output = layer.output;
  const shape = Array.isArray(output) ? [] : output.shape.slice(1).map((d) => d ?? 0);
  const config = layer.getConfig();
  const window = config.kernelSize ?? config.poolSize;
  return {
    kind: layer.getClassName(),
    shape,
    ...(typeof config.filters === 'number' ? { filters: config.filters } : {}),
    ...(window === undefined ? {} : { window: pair(window, 1) }),
    ...(config.strides === undefined ? {} : { strides: pair(config.strides, 1) }),
    ...(typeof config.units === 'number' ? { units: config.units } : {}),
    ...(typeof config.activation === 'string' ? { activation: config.activation } : {}),
    ...(typeof config.rate === 'number' ? { rate: config.rate } : {}),
  };
}

/** A spatial layer as a receptive-field step, from its config and its input and output sizes. */
function stepOf(layer: tfl.layers.Layer): FieldStep | null {
  const config = layer.getConfig();
  const input = layer.input;
  const output = layer.output;
  if (Array.isArray(input) || Array.isArray(output) || input.shape.length !== 4 || output.shape.length !== 4) return null;
  const kernel = pair(config.kernelSize ?? config.poolSize, 1);
  // a pooling layer without strides moves by its window, as in Keras
  const strides = pair(config.strides ?? config.poolSize, 1);
  const dilation = pair(config.dilationRate, 1);
  const padding = typeof config.padding === 'string' ? config.padding : 'valid';
  const pad = (axis: 1 | 2, k: 0 | 1) => padBeforeOf(padding, input.shape[axis] ?? 0, output.shape[axis] ?? 0, kernel[k], strides[k], dilation[k]);
  return { kernel, strides, dilation, padBefore: [pad(1, 0), pad(2, 1)] };
}

/** The per-value layers right after a maps layer, before the next one that moves or mixes values. */
function thenOf(after: readonly tfl.layers.Layer[]): string {
  const words: string[] = [];
  for (const layer of after) {
    const word = PER_VALUE_WORDS[layer.getClassName()];
    if (word === undefined) break;
    const activation = layer.getConfig().activation;
    words.push(word === 'activation' && typeof activation === 'string' ? activation : word);
  }
  return words.join(', then ');
}

/**
 * One layer on a concrete tensor, inside a gradient tape. tfjs fuses a convolution without an
 * activation with its bias even under a tape, and the fused op's gradient computes the filter's
 * gradient too, with a kernel the browser's WASM backend does not have (the game never trains).
 * Such a convolution is run unfused here: its input gradient is then all the tape asks for.
 */
function applyForGradient(layer: tfl.layers.Layer, input: tf.Tensor): tf.Tensor {
  if (layer.getClassName() === 'InputLayer') return input;
  const config = layer.getConfig();
  if (layer.getClassName() === 'Conv2D' && (config.activation ?? 'linear') === 'linear' && config.dataFormat !== 'channelsFirst') {
    const [kernel, bias] = layer.getWeights();
    const strides = config.strides as [number, number];
    const dilations = config.dilationRate as [number, number];
    if (kernel !== undefined) {
      const out = tf.conv2d(input as tf.Tensor4D, kernel as tf.Tensor4D, strides, config.padding as 'same' | 'valid', 'NHWC', dilations);
      return bias === undefined ? out : tf.add(out, bias);
    }
  }
  return layer.apply(input) as tf.Tensor;
}
