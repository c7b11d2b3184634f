import h5wasm, { type Group } from 'h5wasm/node';
import { strToU8, zipSync } from 'fflate';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asFloat16, FLOAT16_LIBVER, packHalves } from './float16Hdf5.ts';

/**
 * Keras files written by the tests, with h5wasm and fflate, in each layout Keras's own saving code
 * writes (keras saving_lib.py, legacy_h5_format.py), spelled out here independently of ml/keras/ so a
 * wrong reading there cannot be mirrored by a wrong fixture:
 * - 'keras3': zip of config.json (Keras 3 serialisation), metadata.json, model.weights.h5 with
 *   layers/<snake_case class>[_<n>]/vars/<i>
 * - 'keras2.13-2.15': the same zip with _layer_checkpoint_dependencies for layers and tf.keras configs
 * - 'keras2-h5': one HDF5 file, root attributes model_config and keras_version, and
 *   model_weights/<layer>/<layer>/<weight>:0 listed by layer_names and weight_names
 */

export type FixtureLayout = 'keras3' | 'keras2.13-2.15' | 'keras2-h5';
export const FIXTURE_LAYOUTS: readonly FixtureLayout[] = ['keras3', 'keras2.13-2.15', 'keras2-h5'];

export interface FixtureWeight {
  /** Keras 2's weight name: kernel, bias, gamma, beta, moving_mean, moving_variance */
  readonly name: string;
  readonly shape: readonly number[];
  readonly values: Float32Array | Float64Array | Int32Array;
}

export interface FixtureLayer {
  readonly className: string;
  readonly name: string;
  /** the layer's own fields, without name and dtype */
  readonly config: Readonly<Record<string, unknown>>;
  readonly weights: readonly FixtureWeight[];
  /** 'float32' unless a test says otherwise */
  readonly dtype?: string;
}

export interface FixtureModel {
  readonly inputShape: readonly number[];
  readonly layers: readonly FixtureLayer[];
  readonly functional?: boolean;
  /**
   * `.keras` layouts only: the weights file as tf-keras writes it on Windows, each layer's group
   * one top-level group named `<root>\<name>` (tf.io.gfile.join's separator) rather than nested
   */
  readonly windowsPaths?: boolean;
  /** every weight stored as float16 (./float16Hdf5.ts); its values must be exact halves */
  readonly float16?: boolean;
}

/** Keras's snake_case names of the classes the fixtures use (naming.to_snake_case of the class name). */
const SNAKE: Readonly<Record<string, string>> = {
  InputLayer: 'input_layer', Conv2D: 'conv2d', MaxPooling2D: 'max_pooling2d', AveragePooling2D: 'average_pooling2d',
  BatchNormalization: 'batch_normalization', Dropout: 'dropout', Flatten: 'flatten', Dense: 'dense', Reshape: 'reshape',
  Rescaling: 'rescaling', Activation: 'activation', ReLU: 're_lu', Softmax: 'softmax', LeakyReLU: 'leaky_re_lu',
  GlobalAveragePooling2D: 'global_average_pooling2d', GlobalMaxPooling2D: 'global_max_pooling2d', LSTM: 'lstm', Add: 'add',
};

const INPUT_NAME = 'input_layer';

function dtypeOf(layer: FixtureLayer, keras3: boolean): unknown {
  const name = layer.dtype ?? 'float32';
  return keras3 ? { module: 'keras', class_name: 'DTypePolicy', config: { name }, registered_name: null } : name;
}

function modelConfig(model: FixtureModel, keras3: boolean): Record<string, unknown> {
  const batch = [null, ...model.inputShape];
  const input = keras3
    ? { module: 'keras.layers', class_name: 'InputLayer', config: { batch_shape: batch, dtype: 'float32', sparse: false, name: INPUT_NAME }, registered_name: null }
    : { class_name: 'InputLayer', config: { batch_input_shape: batch, dtype: 'float32', sparse: false, ragged: false, name: INPUT_NAME } };
  const layers = model.layers.map((layer, i) => {
    const entry: Record<string, unknown> = {
      ...(keras3 ? { module: 'keras.layers' } : {}),
      class_name: layer.className,
      config: { name: layer.name, trainable: true, dtype: dtypeOf(layer, keras3), ...layer.config },
      ...(keras3 ? { registered_name: null } : {}),
    };
    if (model.functional) {
      const previous = i === 0 ? INPUT_NAME : (model.layers[i - 1]?.name ?? '');
      entry.name = layer.name;
      entry.inbound_nodes = keras3
        ? [{ args: [{ class_name: '__keras_tensor__', config: { shape: batch, dtype: 'float32', keras_history: [previous, 0, 0] } }], kwargs: {} }]
        : [[[previous, 0, 0, {}]]];
    }
    return entry;
  });
  if (!model.functional) return { ...(keras3 ? { module: 'keras' } : {}), class_name: 'Sequential', config: { name: 'sequential', layers: [input, ...layers] } };
  const last = model.layers.at(-1)?.name ?? INPUT_NAME;
  return {
    ...(keras3 ? { module: 'keras' } : {}),
    class_name: 'Functional',
    config: { name: 'functional', layers: [{ ...input, name: INPUT_NAME, inbound_nodes: [] }, ...layers], input_layers: [[INPUT_NAME, 0, 0]], output_layers: [[last, 0, 0]] },
  };
}

function group(root: Group, path: string): Group {
  let g = root;
  for (const part of path.split('/')) {
    const existing = g.keys().includes(part) ? g.get(part) : null;
    g = existing instanceof h5wasm.Group ? existing : g.create_group(part);
  }
  return g;
}

/** h5py writes Keras 2's name lists as fixed-length byte strings (numpy 'S' arrays), not variable-length ones. */
function fixedStrings(g: Group, name: string, values: readonly string[]): void {
  g.create_attribute(name, [...values], [values.length], `S${Math.max(1, ...values.map((v) => v.length))}`);
}

function dataset(g: Group, name: string, weight: FixtureWeight, float16: boolean): void {
  if (float16) {
    g.create_dataset({ name, data: packHalves(weight.values), shape: [...weight.shape], dtype: '<f' });
    return;
  }
  const dtype = weight.values instanceof Float64Array ? '<d' : weight.values instanceof Int32Array ? '<i' : '<f';
  g.create_dataset({ name, data: weight.values, shape: [...weight.shape], dtype });
}

async function hdf5(float16: boolean, fill: (root: Group) => void): Promise<Uint8Array> {
  await h5wasm.ready;
  const dir = await mkdtemp(join(tmpdir(), 'keras-fixture-'));
  try {
    const file = new h5wasm.File(join(dir, 'f.h5'), 'w', float16 ? { libver: [...FLOAT16_LIBVER] } : {});
    fill(file);
    file.close();
    const bytes = new Uint8Array(await readFile(join(dir, 'f.h5')));
    return float16 ? asFloat16(bytes) : bytes;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The model's weights in a .keras zip's model.weights.h5, under `root` ('layers' or '_layer_checkpoint_dependencies'). */
function saveables(model: FixtureModel, root: string): Promise<Uint8Array> {
  return hdf5(model.float16 === true, (file) => {
    group(file, 'vars');
    const used = new Map<string, number>();
    const all = model.functional ? [{ className: 'InputLayer', name: INPUT_NAME, config: {}, weights: [] }, ...model.layers] : model.layers;
    for (const layer of all) {
      const base = SNAKE[layer.className] ?? layer.className.toLowerCase();
      const n = used.get(base);
      used.set(base, n === undefined ? 0 : n + 1);
      const vars = group(file, `${root}${model.windowsPaths === true ? '\\' : '/'}${n === undefined ? base : `${base}_${n + 1}`}/vars`);
      layer.weights.forEach((w, i) => { dataset(vars, String(i), w, model.float16 === true); });
    }
  });
}

export async function writeKerasFixture(layout: FixtureLayout, model: FixtureModel): Promise<Uint8Array> {
  if (layout === 'keras2-h5') {
    return hdf5(model.float16 === true, (file) => {
      file.create_attribute('model_config', JSON.stringify(modelConfig(model, false)));
      file.create_attribute('keras_version', '2.10.0');
      file.create_attribute('backend', 'tensorflow');
      const weights = group(file, 'model_weights');
      fixedStrings(weights, 'layer_names', [INPUT_NAME, ...model.layers.map((l) => l.name)]);
      group(weights, INPUT_NAME);
      for (const layer of model.layers) {
        const g = group(weights, layer.name);
        // Keras 2 gives a weightless layer an empty weight_names, which h5wasm cannot type; the reader takes absent as empty
        if (layer.weights.length > 0) fixedStrings(g, 'weight_names', layer.weights.map((w) => `${layer.name}/${w.name}:0`));
        const inner = layer.weights.length > 0 ? group(g, layer.name) : g;
        for (const w of layer.weights) dataset(inner, `${w.name}:0`, w, model.float16 === true);
      }
    });
  }
  const keras3 = layout === 'keras3';
  const weights = await saveables(model, keras3 ? 'layers' : '_layer_checkpoint_dependencies');
  return zipSync({
    'metadata.json': strToU8(JSON.stringify({ keras_version: keras3 ? '3.3.3' : '2.14.0', date_saved: '2026-12-01@00:00:00' })),
    'config.json': strToU8(JSON.stringify(modelConfig(model, keras3))),
    'model.weights.h5': weights,
  });
}
