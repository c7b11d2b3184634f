import * as tf from '@tensorflow/tfjs';
import { IMAGE_PIXELS, IMAGE_SIZE } from '../../common/digit.ts';
import { isRecord } from '../../common/isRecord.ts';
import { checkDeclaredWeights } from './declaredWeights.ts';
import { fail } from './errors.ts';
import { stringAttribute, withHdf5 } from './hdf5.ts';
import { affineOf, isIdentity, type InputConversion } from './inputConversion.ts';
import { parseKerasConfig, type KerasChain, type KerasLayer } from './kerasConfig.ts';
import { buildLayer } from './layerBuilder.ts';
import { sniffContainer } from './sniff.ts';
import { kerasZipLayout, readLayerWeights, type LayerWeights, type WeightLayout } from './weightLayouts.ts';
import { member, memberJson, readZip } from './zipLimits.ts';

/**
 * A Keras file (bytes) to a tfjs model taking the game's [n, 28, 28, 1] 0..1 pixels: the layers are
 * built in code from the Keras config and every weight is set from the HDF5 data, shape-checked.
 */

export interface ImportedKeras {
  readonly model: tf.LayersModel;
  readonly chain: KerasChain;
  readonly layout: WeightLayout;
  readonly kerasVersion: string | null;
}

/** Input shapes a digit model may declare; a tfjs Reshape in front turns the game's image into them. */
const DIGIT_INPUTS: readonly (readonly number[])[] = [[IMAGE_SIZE, IMAGE_SIZE, 1], [IMAGE_SIZE, IMAGE_SIZE], [IMAGE_PIXELS]];
const CONVERSION_LAYER = 'keras_import_input_conversion';
const RESHAPE_LAYER = 'keras_import_input_reshape';

interface KerasContents {
  readonly config: unknown;
  readonly kerasVersion: string | null;
  readonly zip: boolean;
  readonly read: (layers: readonly KerasLayer[]) => Promise<{ layout: WeightLayout; weights: Map<string, LayerWeights> }>;
}

function contents(bytes: Uint8Array, file: string): KerasContents {
  if (sniffContainer(bytes, file) === 'zip') {
    const members = readZip(bytes, file);
    const metadata = members.has('metadata.json') ? memberJson(members, 'metadata.json', file) : null;
    const version = isRecord(metadata) && typeof metadata.keras_version === 'string' ? metadata.keras_version : null;
    const config = memberJson(members, 'config.json', file);
    const weights = member(members, 'model.weights.h5', file);
    return {
      config,
      kerasVersion: version,
      zip: true,
      read: (layers) =>
        withHdf5(weights, `${file}: zip member model.weights.h5`, (h5) => {
          const layout = kerasZipLayout(h5);
          return { layout, weights: readLayerWeights(h5, layout, layers) };
        }),
    };
  }
  return { config: null, kerasVersion: null, zip: false, read: (layers) => withHdf5(bytes, file, (h5) => ({ layout: 'keras2-h5' as const, weights: readLayerWeights(h5, 'keras2-h5', layers) })) };
}

/** model_config and keras_version, the root attributes of a Keras 2 full-model .h5 file. */
async function h5Header(bytes: Uint8Array, file: string): Promise<{ config: unknown; kerasVersion: string | null }> {
  return withHdf5(bytes, file, (h5) => {
    const text = stringAttribute(h5, 'model_config');
    if (typeof text !== 'string') {
      return fail(`${file} is an HDF5 file without a model_config attribute: it holds weights only (model.save_weights), while import needs a whole model (model.save)`);
    }
    let config: unknown;
    try {
      config = JSON.parse(text);
    } catch (error) {
      return fail(`${file}: the model_config attribute is not JSON (${(error as Error).message})`);
    }
    const version = stringAttribute(h5, 'keras_version');
    return { config, kerasVersion: typeof version === 'string' ? version : null };
  });
}

export async function importKeras(bytes: Uint8Array, file: string, conversion: InputConversion): Promise<ImportedKeras> {
  const found = contents(bytes, file);
  const header = found.zip ? { config: found.config, kerasVersion: found.kerasVersion } : await h5Header(bytes, file);
  const chain = parseKerasConfig(header.config);
  if (!DIGIT_INPUTS.some((shape) => shape.length === chain.inputShape.length && shape.every((d, i) => d === chain.inputShape[i]))) {
    fail(`the model's input shape ${JSON.stringify(chain.inputShape)} is not a digit image: it must be 28x28, 28x28x1 or 784`);
  }
  // layer objects only: tfjs allocates a layer's weights when the model builds it, after the check
  const built = chain.layers.map(buildLayer);
  const { layout, weights } = await found.read(chain.layers);
  checkDeclaredWeights(chain, built, weights);
  const model = assemble(chain, built, conversion);
  try {
    setWeights(model, chain.layers, weights);
  } catch (error) {
    model.dispose();
    throw error;
  }
  return { model, chain, layout, kerasVersion: header.kerasVersion };
}

function assemble(chain: KerasChain, layers: readonly tf.layers.Layer[], conversion: InputConversion): tf.LayersModel {
  const front: tf.layers.Layer[] = [tf.layers.inputLayer({ inputShape: [IMAGE_SIZE, IMAGE_SIZE, 1] })];
  if (!isIdentity(conversion)) {
    const { factor, offset } = affineOf(conversion);
    front.push(tf.layers.rescaling({ name: CONVERSION_LAYER, scale: factor, offset }));
  }
  if (chain.inputShape.length !== 3) front.push(tf.layers.reshape({ name: RESHAPE_LAYER, targetShape: [...chain.inputShape] }));
  const model = tf.sequential({ name: chain.name.replace(/[^A-Za-z0-9_]/g, '_') });
  for (const [i, layer] of [...front, ...layers].entries()) {
    try {
      model.add(layer);
    } catch (error) {
      const keras = chain.layers[i - front.length];
      model.dispose();
      if (keras === undefined) throw error;
      return fail(`layer '${keras.name}' (${keras.className}) cannot take the previous layer's output: ${(error as Error).message}`);
    }
  }
  return model;
}

function setWeights(model: tf.LayersModel, layers: readonly KerasLayer[], weights: ReadonlyMap<string, LayerWeights>): void {
  for (const keras of layers) {
    const layer = model.getLayer(keras.name);
    const expected = layer.weights;
    const given = weights.get(keras.name) ?? { paths: [], weights: [] };
    const where = `layer '${keras.name}' (${keras.className})`;
    if (given.weights.length !== expected.length) {
      const names = expected.map((w) => w.originalName.split('/').at(-1) ?? w.originalName).join(', ');
      fail(`${where} needs ${expected.length} weights (${names || 'none'}), the file has ${given.weights.length}${given.paths.length > 0 ? ` (${given.paths.join(', ')})` : ''}`);
    }
    const values = expected.map((w, i) => {
      const value = given.weights[i];
      const path = given.paths[i] ?? '';
      if (value === undefined) return fail(`${where}: weight ${i} is missing`);
      if (value.shape.length !== w.shape.length || value.shape.some((d, k) => d !== w.shape[k])) {
        return fail(`${where}: weight ${path} has shape ${JSON.stringify(value.shape)}, the layer needs ${JSON.stringify(w.shape)} for ${w.originalName.split('/').at(-1) ?? ''}`);
      }
      return value;
    });
    const tensors = values.map((v) => tf.tensor(v.values, [...v.shape]));
    layer.setWeights(tensors);
    tf.dispose(tensors);
  }
}

