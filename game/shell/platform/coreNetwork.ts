import * as tf from '@tensorflow/tfjs-core';
import { activationName, allOnes, channelsLast, inputShapeOf, layerWeights, pair, padding, sequentialLayers, UnsupportedLayer, type LayerConfig } from './layerConfig.ts';

/**
 * A sequential layers model run with tfjs-core's ops alone, the same ops tfjs-layers calls for
 * inference (fused conv2d and matMul, batchNorm, maxPool, ...). The first screen reads with it, so
 * a first visit does not download tfjs-layers; screens that need the model as layers (Inside,
 * teaching) build it from the same files when they open. `coreNetwork` returns null for a model
 * it cannot run exactly (another layer kind, channels first, dilation, a functional model): the
 * caller then builds it with tfjs-layers, which also says what is wrong with a broken one.
 */
export interface CoreNetwork {
  /** [null, height, width, channels] */
  readonly inputShape: readonly (number | null)[];
  /** [null, classes] as the last layer gives it */
  readonly outputShape: readonly (number | null)[];
  readonly weights: readonly { readonly name: string; readonly tensor: tf.Tensor }[];
  predict(x: tf.Tensor4D): tf.Tensor;
  dispose(): void;
}

type Step = (x: tf.Tensor) => tf.Tensor;
/** What a layer needs: its config and its weights by their short name (kernel, bias, gamma...). */
type Weights = (short: string) => tf.Tensor | undefined;

const LINEAR: Step = (x) => x;
const ACTIVATIONS: Readonly<Record<string, Step>> = {
  linear: LINEAR,
  relu: (x) => tf.relu(x),
  relu6: (x) => tf.relu6(x),
  elu: (x) => tf.elu(x),
  sigmoid: (x) => tf.sigmoid(x),
  tanh: (x) => tf.tanh(x),
  softmax: (x) => tf.softmax(x),
};
/** Activations tfjs-layers fuses into conv2d and matMul: fused here too, for the same numbers. */
const FUSED = new Set(['linear', 'relu', 'relu6', 'elu', 'sigmoid']);

export function coreNetwork(artifacts: tf.io.ModelArtifacts): CoreNetwork | null {
  if (artifacts.weightSpecs === undefined || artifacts.weightData === undefined) return null;
  const named = tf.io.decodeWeights(artifacts.weightData, artifacts.weightSpecs);
  try {
    const layers = sequentialLayers(artifacts.modelTopology);
    const [height, width, channels] = inputShapeOf(layers);
    const weights = layerWeights(new Map(Object.entries(named)));
    const steps = layers.flatMap((layer) => stepOf(layer.kind, layer.config, weights.of(layer.config)) ?? []);
    // every weight read by a layer (`need` refuses one that is missing), none left over
    if (!weights.allRead()) throw new UnsupportedLayer();
    const predict = (x: tf.Tensor4D): tf.Tensor => tf.tidy(() => steps.reduce<tf.Tensor>((t, step) => step(t), x));
    const probe = tf.zeros<tf.Rank.R4>([1, height, width, channels]);
    const probed = predict(probe);
    const outputShape = [null, ...probed.shape.slice(1)];
    tf.dispose([probe, probed]);
    return {
      inputShape: [null, height, width, channels],
      outputShape,
      weights: Object.entries(named).map(([weightName, tensor]) => ({ name: weightName, tensor })),
      predict,
      dispose: () => { tf.dispose(Object.values(named)); },
    };
  } catch {
    tf.dispose(Object.values(named));
    return null;
  }
}

/** The layer's forward step; null for one that passes its input on at inference (Dropout, InputLayer). */
function stepOf(kind: string, config: LayerConfig, weights: Weights): Step | null {
  switch (kind) {
    case 'InputLayer':
    case 'Dropout':
      return null;
    case 'Conv2D':
      return conv2d(config, weights);
    case 'MaxPooling2D':
    case 'AveragePooling2D':
      return pool(kind, config);
    case 'BatchNormalization':
      return batchNorm(config, weights);
    case 'ReLU':
      if (config.max_value != null) throw new UnsupportedLayer();
      return (x) => tf.relu(x);
    case 'Activation':
      return activation(config.activation);
    case 'Flatten':
      channelsLast(config);
      return (x) => tf.reshape(x, [x.shape[0], -1]);
    case 'Dense':
      return dense(config, weights);
    default:
      throw new UnsupportedLayer();
  }
}

function conv2d(config: LayerConfig, weights: Weights): Step {
  channelsLast(config);
  if (!allOnes(config.dilation_rate) || (config.groups !== undefined && config.groups !== 1)) throw new UnsupportedLayer();
  const kernel = need(weights('kernel')) as tf.Tensor4D;
  const bias = config.use_bias === false ? undefined : need(weights('bias'));
  const strides = pair(config.strides);
  const pad = padding(config.padding);
  const name = activationName(config.activation);
  if (FUSED.has(name)) {
    const fused = name as tf.fused.Activation;
    return (x) => tf.fused.conv2d({ x: x as tf.Tensor4D, filter: kernel, strides, pad, dataFormat: 'NHWC', dilations: [1, 1], ...biasOf(bias), activation: fused });
  }
  const after = activation(name);
  return (x) => after(tf.fused.conv2d({ x: x as tf.Tensor4D, filter: kernel, strides, pad, dataFormat: 'NHWC', dilations: [1, 1], ...biasOf(bias) }));
}

function dense(config: LayerConfig, weights: Weights): Step {
  const kernel = need(weights('kernel')) as tf.Tensor2D;
  const bias = config.use_bias === false ? undefined : need(weights('bias'));
  const name = activationName(config.activation);
  const fused = FUSED.has(name) ? name as tf.fused.Activation : 'linear';
  const after = FUSED.has(name) ? LINEAR : activation(name);
  return (x) => {
    if (x.rank !== 2) throw new UnsupportedLayer();
    return after(tf.fused.matMul({ a: x, b: kernel, ...biasOf(bias), activation: fused }));
  };
}

function pool(kind: string, config: LayerConfig): Step {
  channelsLast(config);
  const size = pair(config.pool_size);
  const strides = config.strides == null ? size : pair(config.strides);
  const pad = padding(config.padding);
  return kind === 'MaxPooling2D'
    ? (x) => tf.maxPool(x as tf.Tensor4D, size, strides, pad)
    : (x) => tf.avgPool(x as tf.Tensor4D, size, strides, pad);
}

function batchNorm(config: LayerConfig, weights: Weights): Step {
  const axis = config.axis;
  if (!(axis === -1 || axis === 3 || (Array.isArray(axis) && axis.length === 1 && (axis[0] === -1 || axis[0] === 3)))) throw new UnsupportedLayer();
  const mean = need(weights('moving_mean'));
  const variance = need(weights('moving_variance'));
  const beta = config.center === false ? undefined : need(weights('beta'));
  const gamma = config.scale === false ? undefined : need(weights('gamma'));
  const epsilon = typeof config.epsilon === 'number' ? config.epsilon : 1e-3;
  return (x) => tf.batchNorm(x, mean, variance, beta, gamma, epsilon);
}

function activation(value: unknown): Step {
  const step = ACTIVATIONS[activationName(value)];
  if (step === undefined) throw new UnsupportedLayer();
  return step;
}

function biasOf(bias: tf.Tensor | undefined): { bias?: tf.Tensor } {
  return bias === undefined ? {} : { bias };
}

function need(tensor: tf.Tensor | undefined): tf.Tensor {
  if (tensor === undefined) throw new UnsupportedLayer();
  return tensor;
}
