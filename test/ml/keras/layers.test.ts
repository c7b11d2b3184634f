import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { importKeras } from '../../../ml/keras/importModel.ts';
import { NO_CONVERSION } from '../../../ml/keras/inputConversion.ts';
import { FIXTURE_LAYOUTS, writeKerasFixture, type FixtureLayer, type FixtureWeight } from '../../support/kerasFixtures.ts';

// Each supported layer, written into a Keras file of each layout with random weights, must compute
// what the same layer built directly in tfjs computes with those weights.

interface Step {
  readonly className: string;
  readonly config: Readonly<Record<string, unknown>>;
  readonly tfjs: () => tf.layers.Layer;
  /** Keras 2 names of the layer's weights, in order */
  readonly weightNames?: readonly string[];
}

const conv = (filters: number, extra: Record<string, unknown> = {}, activation: 'linear' | 'relu' | 'tanh' = 'linear'): Step => ({
  className: 'Conv2D',
  config: { filters, kernel_size: [3, 3], strides: [1, 1], padding: 'valid', data_format: 'channels_last', activation: 'linear', use_bias: true, ...extra },
  tfjs: () => tf.layers.conv2d({ filters, kernelSize: 3, padding: extra.padding === 'same' ? 'same' : 'valid', strides: (extra.strides as number[] | undefined) ?? 1, useBias: extra.use_bias !== false, activation }),
  weightNames: extra.use_bias === false ? ['kernel'] : ['kernel', 'bias'],
});
const flatten: Step = { className: 'Flatten', config: { data_format: 'channels_last' }, tfjs: () => tf.layers.flatten() };
const shift: Step = { className: 'Rescaling', config: { scale: 2, offset: -1 }, tfjs: () => tf.layers.rescaling({ scale: 2, offset: -1 }) };

const CASES: Readonly<Record<string, { steps: readonly Step[]; inputShape?: readonly number[]; functional?: boolean }>> = {
  'Conv2D valid, relu as Keras 3 writes it': { steps: [conv(4, { activation: { module: 'keras.activations', class_name: 'function', config: 'relu', registered_name: null } }, 'relu')] },
  'Conv2D same, strides 2, no bias, tanh': { steps: [conv(3, { padding: 'same', strides: [2, 2], use_bias: false, activation: 'tanh' }, 'tanh')] },
  MaxPooling2D: { steps: [shift, { className: 'MaxPooling2D', config: { pool_size: [2, 2], strides: null, padding: 'valid' }, tfjs: () => tf.layers.maxPooling2d({ poolSize: 2 }) }] },
  'MaxPooling2D 3x3 strides 2 same': { steps: [{ className: 'MaxPooling2D', config: { pool_size: [3, 3], strides: [2, 2], padding: 'same' }, tfjs: () => tf.layers.maxPooling2d({ poolSize: 3, strides: 2, padding: 'same' }) }] },
  AveragePooling2D: { steps: [{ className: 'AveragePooling2D', config: { pool_size: 2, padding: 'valid' }, tfjs: () => tf.layers.averagePooling2d({ poolSize: 2 }) }] },
  BatchNormalization: {
    steps: [conv(4), { className: 'BatchNormalization', config: { axis: -1, epsilon: 0.01, momentum: 0.9, center: true, scale: true }, tfjs: () => tf.layers.batchNormalization({ epsilon: 0.01 }), weightNames: ['gamma', 'beta', 'moving_mean', 'moving_variance'] }],
  },
  'BatchNormalization without scale (axis [3])': {
    steps: [conv(2), { className: 'BatchNormalization', config: { axis: [3], center: true, scale: false }, tfjs: () => tf.layers.batchNormalization({ scale: false }), weightNames: ['beta', 'moving_mean', 'moving_variance'] }],
  },
  'Dropout (identity when predicting)': { steps: [{ className: 'Dropout', config: { rate: 0.5 }, tfjs: () => tf.layers.dropout({ rate: 0.5 }) }] },
  'Flatten, Dense softmax': { steps: [flatten, { className: 'Dense', config: { units: 10, activation: 'softmax', use_bias: true }, tfjs: () => tf.layers.dense({ units: 10, activation: 'softmax' }), weightNames: ['kernel', 'bias'] }] },
  'Dense sigmoid from a 28x28 input': { inputShape: [28, 28], steps: [flatten, { className: 'Dense', config: { units: 5, activation: 'sigmoid' }, tfjs: () => tf.layers.dense({ units: 5, activation: 'sigmoid' }), weightNames: ['kernel', 'bias'] }] },
  'Reshape, Dense linear without bias': {
    steps: [{ className: 'Reshape', config: { target_shape: [784] }, tfjs: () => tf.layers.reshape({ targetShape: [784] }) }, { className: 'Dense', config: { units: 7, use_bias: false }, tfjs: () => tf.layers.dense({ units: 7, useBias: false }), weightNames: ['kernel'] }],
  },
  'a 784 input': { inputShape: [784], steps: [{ className: 'Dense', config: { units: 3, activation: 'tanh' }, tfjs: () => tf.layers.dense({ units: 3, activation: 'tanh' }), weightNames: ['kernel', 'bias'] }] },
  Rescaling: { steps: [{ className: 'Rescaling', config: { scale: 0.5, offset: 0.1 }, tfjs: () => tf.layers.rescaling({ scale: 0.5, offset: 0.1 }) }] },
  'Activation relu': { steps: [shift, { className: 'Activation', config: { activation: 'relu' }, tfjs: () => tf.layers.activation({ activation: 'relu' }) }] },
  'Activation linear': { steps: [shift, { className: 'Activation', config: { activation: 'linear' }, tfjs: () => tf.layers.activation({ activation: 'linear' }) }] },
  'ReLU max_value 0.5': { steps: [shift, { className: 'ReLU', config: { max_value: 0.5, negative_slope: 0, threshold: 0 }, tfjs: () => tf.layers.reLU({ maxValue: 0.5 }) }] },
  'LeakyReLU (Keras 2 alpha)': { steps: [shift, { className: 'LeakyReLU', config: { alpha: 0.2 }, tfjs: () => tf.layers.leakyReLU({ alpha: 0.2 }) }] },
  'LeakyReLU (Keras 3 negative_slope)': { steps: [shift, { className: 'LeakyReLU', config: { negative_slope: 0.1 }, tfjs: () => tf.layers.leakyReLU({ alpha: 0.1 }) }] },
  Softmax: { steps: [flatten, { className: 'Softmax', config: { axis: -1 }, tfjs: () => tf.layers.softmax() }] },
  GlobalAveragePooling2D: { steps: [conv(3), { className: 'GlobalAveragePooling2D', config: { data_format: 'channels_last', keepdims: false }, tfjs: () => tf.layers.globalAveragePooling2d({}) }] },
  GlobalMaxPooling2D: { steps: [conv(3), { className: 'GlobalMaxPooling2D', config: {}, tfjs: () => tf.layers.globalMaxPooling2d({}) }] },
  'a Functional chain of Conv2D, Conv2D, Flatten, Dense': { functional: true, steps: [conv(2, { activation: 'relu' }, 'relu'), conv(2), flatten, { className: 'Dense', config: { units: 10, activation: 'softmax' }, tfjs: () => tf.layers.dense({ units: 10, activation: 'softmax' }), weightNames: ['kernel', 'bias'] }] },
};

/** The reference: the steps as tfjs layers, with random weights (variances positive), and those weights as fixture layers. */
function reference(steps: readonly Step[], inputShape: readonly number[]): { model: tf.Sequential; layers: FixtureLayer[] } {
  const built = steps.map((s) => s.tfjs());
  const model = tf.sequential({ layers: [tf.layers.inputLayer({ inputShape: [...inputShape] }), ...built] });
  const counts = new Map<string, number>();
  const layers = steps.map((step, i): FixtureLayer => {
    const layer = built[i];
    if (layer === undefined) throw new Error(`no layer ${i}`);
    const random = layer.getWeights().map((w, k) => tf.tidy(() => ((step.weightNames?.[k] ?? '') === 'moving_variance' ? tf.randomUniform(w.shape, 0.5, 2, 'float32', 7 + k) : tf.randomNormal(w.shape, 0, 0.5, 'float32', 11 + k))));
    layer.setWeights(random);
    const weights = random.map((w, k): FixtureWeight => ({ name: step.weightNames?.[k] ?? `w${k}`, shape: w.shape, values: w.dataSync() as Float32Array }));
    tf.dispose(random);
    const n = counts.get(step.className) ?? 0;
    counts.set(step.className, n + 1);
    return { className: step.className, name: `${step.className.toLowerCase()}_${n}`, config: step.config, weights };
  });
  return { model, layers };
}

describe('each supported layer imports to the same function as its tfjs twin', () => {
  for (const [title, { steps, inputShape = [28, 28, 1], functional = false }] of Object.entries(CASES)) {
    test.each(FIXTURE_LAYOUTS)(`${title} (%s)`, async (layout) => {
      const { model, layers } = reference(steps, inputShape);
      const bytes = await writeKerasFixture(layout, { inputShape, layers, functional });
      const imported = await importKeras(bytes, `fixture.${layout}`, NO_CONVERSION);
      expect(imported.layout).toBe(layout);
      const images = tf.randomUniform([4, 28, 28, 1], 0, 1, 'float32', 3);
      const expected = tf.tidy(() => model.predict(tf.reshape(images, [4, ...inputShape])) as tf.Tensor);
      const actual = imported.model.predict(images) as tf.Tensor;
      expect(actual.shape).toEqual(expected.shape);
      const difference = tf.tidy(() => tf.max(tf.abs(tf.sub(actual, expected))).dataSync()[0] ?? Infinity);
      const scale = tf.tidy(() => tf.max(tf.abs(expected)).dataSync()[0] ?? 0);
      expect(difference).toBeLessThanOrEqual(1e-5 * Math.max(1, scale));
      tf.dispose([images, expected, actual]);
      model.dispose();
      imported.model.dispose();
    });
  }
});

describe('a .keras saved by tf-keras on Windows, its groups named layers\\dense rather than nested', () => {
  test.each(['keras3', 'keras2.13-2.15'] as const)('imports the same function as the nested file (%s)', async (layout) => {
    const { model, layers } = reference(CASES.BatchNormalization?.steps ?? [], [28, 28, 1]);
    const nested = await importKeras(await writeKerasFixture(layout, { inputShape: [28, 28, 1], layers }), 'nested.keras', NO_CONVERSION);
    const windows = await importKeras(await writeKerasFixture(layout, { inputShape: [28, 28, 1], layers, windowsPaths: true }), 'windows.keras', NO_CONVERSION);
    expect(windows.layout).toBe(layout);
    const images = tf.randomUniform([2, 28, 28, 1], 0, 1, 'float32', 5);
    const [expected, actual] = [nested, windows].map((imported) => imported.model.predict(images) as tf.Tensor);
    expect(Array.from(actual?.dataSync() ?? [])).toEqual(Array.from(expected?.dataSync() ?? [Number.NaN]));
    tf.dispose([images, expected, actual]);
    [model, nested.model, windows.model].forEach((m) => { m.dispose(); });
  });
});
