import * as tf from '@tensorflow/tfjs';
import { IMAGE_SIZE, NUM_CLASSES } from '../../../../common/digit.ts';
import type { DenseLayer, InsideReading, MapsLayer } from '../state/insideLayers.ts';
import type { LayerLine } from '../state/modelCard.ts';

/**
 * Every layer of a loaded sequential model at once: one multi-output model over the same layers
 * (weights shared, nothing copied) gives the feature maps of each convolution and pooling layer,
 * the units of each hidden dense layer and the ten outputs from one call. Works for any model the
 * game can load: it walks model.layers and keeps what it can show.
 */

const MAPS_KINDS = new Set(['Conv2D', 'MaxPooling2D', 'AveragePooling2D', 'DepthwiseConv2D', 'SeparableConv2D']);

export class InsideNetwork {
  readonly mapsLayers: readonly MapsLayer[];
  readonly denseLayers: readonly DenseLayer[];
  readonly layerLines: readonly LayerLine[];
  private readonly all: tf.LayersModel;

  constructor(private readonly model: tf.LayersModel) {
    const maps: tf.SymbolicTensor[] = [];
    const dense: tf.SymbolicTensor[] = [];
    const mapsLayers: MapsLayer[] = [];
    const denseLayers: DenseLayer[] = [];
    const last = model.layers.at(-1);
    for (const layer of model.layers) {
      const output = layer.output;
      if (Array.isArray(output)) continue;
      const shape = output.shape;
      const kind = layer.getClassName();
      if (MAPS_KINDS.has(kind) && shape.length === 4) {
        maps.push(output);
        mapsLayers.push({ name: layer.name, kind, height: shape[1] ?? 0, width: shape[2] ?? 0, maps: shape[3] ?? 0 });
      } else if (kind === 'Dense' && layer !== last && shape.length === 2) {
        dense.push(output);
        denseLayers.push({ name: layer.name, units: shape[1] ?? 0 });
      }
    }
    this.mapsLayers = mapsLayers;
    this.denseLayers = denseLayers;
    this.layerLines = model.layers.map((layer) => {
      const output = layer.output;
      const shape = Array.isArray(output) ? [] : output.shape.slice(1).map((d) => d ?? 0);
      return { name: layer.name, kind: layer.getClassName(), shape, parameters: layer.countParams() };
    });
    const outputs = model.outputs;
    this.all = tf.model({ inputs: model.inputs, outputs: [...maps, ...dense, ...outputs] });
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
        return tf.log(tf.add(p.slice([0, digit], [1, 1]), 1e-7)).reshape([]);
      };
      return tf.grad(logProbability)(x);
    });
    try {
      return (await grad.data()) as Float32Array;
    } finally {
      grad.dispose();
    }
  }

  /** The first convolution's kernels as [kernels][kh * kw] (input channel 0), or null when there is none. */
  firstFilters(): { readonly size: readonly [number, number]; readonly kernels: readonly Float32Array[] } | null {
    const conv = this.model.layers.find((layer) => layer.getClassName() === 'Conv2D');
    const kernel = conv?.getWeights()[0];
    if (kernel?.shape.length !== 4) return null;
    const [kh = 0, kw = 0, inputs = 1, count = 0] = kernel.shape;
    const values = kernel.dataSync();
    const kernels: Float32Array[] = [];
    for (let k = 0; k < count; k++) {
      const one = new Float32Array(kh * kw);
      for (let i = 0; i < kh * kw; i++) one[i] = values[i * inputs * count + k] ?? 0;
      kernels.push(one);
    }
    return { size: [kh, kw], kernels };
  }
}

/**
 * One layer on a concrete tensor, inside a gradient tape. tfjs fuses a convolution without an
 * activation with its bias even under a tape, and the fused op's gradient computes the filter's
 * gradient too, with a kernel the browser's WASM backend does not have (the game never trains).
 * Such a convolution is run unfused here: its input gradient is then all the tape asks for.
 */
function applyForGradient(layer: tf.layers.Layer, input: tf.Tensor): tf.Tensor {
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
