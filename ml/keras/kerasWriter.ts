import * as tf from '@tensorflow/tfjs';
import { strToU8, zipSync } from 'fflate';
import { fail } from './errors.ts';
import { ensureGroup, writeHdf5 } from './hdf5.ts';
import { LAYOUT_ROOTS, saveableNames } from './weightLayouts.ts';

/**
 * A tfjs Sequential model as a Keras 3 `.keras` file: config.json in Keras 3's serialisation,
 * metadata.json, and model.weights.h5 in saving_lib's layout (`layers/<snake_case class>[_<n>]/vars/<i>`,
 * the layer's weights in tfjs's order, which is Keras's: trainable first). The softmax temperature
 * needs no step of its own: calibration baked it into the last Dense layer's weights already.
 */

export const EXPORTED_LAYERS = ['Conv2D', 'BatchNormalization', 'MaxPooling2D', 'AveragePooling2D', 'ReLU', 'Activation', 'Flatten', 'Dropout', 'Dense'] as const;

/** The oldest Keras whose `.keras` layout this writes. */
export const WRITTEN_KERAS_VERSION = '3.0.0';

type Json = Readonly<Record<string, unknown>>;

/** Keras 3 config fields of a tfjs layer, from its own getConfig(). */
function kerasFields(layer: tf.layers.Layer): Json {
  const c = layer.getConfig() as Readonly<Record<string, unknown>>;
  switch (layer.getClassName()) {
    case 'Conv2D':
      return {
        filters: c.filters, kernel_size: c.kernelSize, strides: c.strides, padding: c.padding, data_format: 'channels_last',
        dilation_rate: c.dilationRate, groups: 1, activation: c.activation, use_bias: c.useBias,
      };
    case 'BatchNormalization':
      return { axis: -1, momentum: c.momentum, epsilon: c.epsilon, center: c.center, scale: c.scale };
    case 'MaxPooling2D':
    case 'AveragePooling2D':
      return { pool_size: c.poolSize, strides: c.strides, padding: c.padding, data_format: 'channels_last' };
    case 'ReLU':
      return { max_value: c.maxValue ?? null, negative_slope: 0, threshold: 0 };
    case 'Activation':
      return { activation: c.activation };
    case 'Flatten':
      return { data_format: 'channels_last' };
    case 'Dropout':
      return { rate: c.rate, seed: null, noise_shape: null };
    case 'Dense':
      return { units: c.units, activation: c.activation, use_bias: c.useBias };
    default:
      return fail(`layer '${layer.name}' is a ${layer.getClassName()}, which export does not support; it writes ${EXPORTED_LAYERS.join(', ')}`);
  }
}

function batchShape(shape: tf.Shape | tf.Shape[]): (number | null)[] {
  const single = Array.isArray(shape[0]) ? shape[0] : (shape as tf.Shape);
  return [...single];
}

function kerasConfig(model: tf.LayersModel, layers: readonly tf.layers.Layer[]): Json {
  const input = batchShape(model.inputs[0]?.shape ?? []);
  const entries = layers.map((layer) => ({
    module: 'keras.layers',
    class_name: layer.getClassName(),
    config: { name: layer.name, trainable: true, dtype: 'float32', ...kerasFields(layer) },
    registered_name: null,
    build_config: { input_shape: batchShape((layer.input as tf.SymbolicTensor).shape) },
  }));
  return {
    module: 'keras',
    class_name: 'Sequential',
    config: {
      name: model.name,
      trainable: true,
      dtype: 'float32',
      layers: [{ module: 'keras.layers', class_name: 'InputLayer', config: { batch_shape: input, dtype: 'float32', sparse: false, name: 'input_layer' }, registered_name: null }, ...entries],
    },
    registered_name: null,
    build_config: { input_shape: input },
  };
}

export async function writeKeras(model: tf.LayersModel, date = new Date()): Promise<Uint8Array> {
  if (model.getClassName() !== 'Sequential') fail(`the model is a ${model.getClassName()}; export writes Sequential models`);
  const layers = model.layers.filter((l) => l.getClassName() !== 'InputLayer');
  const config = kerasConfig(model, layers);
  const names = saveableNames(layers.map((l) => ({ className: l.getClassName() })));
  const values = await Promise.all(layers.map((l) => Promise.all(l.getWeights().map(async (w) => ({ shape: w.shape, data: (await w.data()) as Float32Array })))));
  const weights = await writeHdf5((h5) => {
    ensureGroup(h5, 'vars');
    layers.forEach((_, i) => {
      const vars = ensureGroup(h5, `${LAYOUT_ROOTS.keras3}/${names[i] ?? ''}/vars`);
      (values[i] ?? []).forEach((w, v) => vars.create_dataset({ name: String(v), data: w.data, shape: [...w.shape], dtype: '<f' }));
    });
  });
  const metadata = { keras_version: WRITTEN_KERAS_VERSION, date_saved: date.toISOString().slice(0, 19).replace('T', '@') };
  return zipSync({
    'metadata.json': strToU8(JSON.stringify(metadata)),
    'config.json': strToU8(JSON.stringify(config)),
    // stored, not deflated: Keras reads the HDF5 member by seeking within the zip
    'model.weights.h5': [weights, { level: 0 }],
  });
}
