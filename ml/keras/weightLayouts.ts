import type { File, Group } from 'h5wasm/node';
import { fail } from './errors.ts';
import { find, isDataset, isGroup, readWeight, stringAttribute, type WeightValues } from './hdf5.ts';
import type { KerasLayer } from './kerasConfig.ts';

/**
 * Where each layer's weights sit in the HDF5 file, by the layout Keras's own saving code writes
 * (checked against keras saving_lib.py `_save_container_state`, `H5IOStore`, and legacy_h5_format.py):
 * - Keras 3 `.keras`: `layers/<snake_case class name>[_<n>]/vars/<i>`: the group is named from the
 *   class with a per-model counter (conv2d, conv2d_1, ...), not from layer.name; the variables are
 *   trainable first, then non-trainable (batch norm: gamma, beta, moving mean, moving variance).
 * - Keras 2.13-2.15 `.keras`: the same under `_layer_checkpoint_dependencies`.
 * - Keras 2 `.h5`: `model_weights/<layer name>/` with `weight_names` naming each dataset in order
 *   (`<layer name>/kernel:0`), and the root's `layer_names` listing the layers.
 * tf-keras joins the group path with the platform's separator (tf.io.gfile.join) and hands h5py the
 * result whole, so a `.keras` saved on Windows holds one top-level group named `layers\dense` where
 * other systems nest `layers/dense`; both spellings are read.
 */

export type WeightLayout = 'keras3' | 'keras2.13-2.15' | 'keras2-h5';

export const LAYOUT_ROOTS: Readonly<Record<Exclude<WeightLayout, 'keras2-h5'>, string>> = {
  keras3: 'layers',
  'keras2.13-2.15': '_layer_checkpoint_dependencies',
};

export interface LayerWeights {
  /** the dataset paths, for messages */
  readonly paths: readonly string[];
  readonly weights: readonly WeightValues[];
}

/** Keras's naming.to_snake_case: Conv2D -> conv2d, MaxPooling2D -> max_pooling2d, ReLU -> re_lu. */
export function snakeCase(className: string): string {
  return className
    .replace(/\W+/g, '')
    .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/** The group name each layer's variables are saved under in a `.keras` file, by its class and the counter. */
export function saveableNames(layers: readonly Pick<KerasLayer, 'className'>[]): string[] {
  const used = new Map<string, number>();
  return layers.map(({ className }) => {
    const base = snakeCase(className);
    const count = used.get(base);
    used.set(base, count === undefined ? 0 : count + 1);
    return count === undefined ? base : `${base}_${count + 1}`;
  });
}

/** The separator Windows's tf-keras writes inside a group name. */
const WINDOWS_SEPARATOR = '\\';

/** Whether the top-level `keys` hold `root`, nested or as a Windows-joined `root\<name>`. */
function hasRoot(keys: readonly string[], root: string): boolean {
  return keys.some((key) => key === root || key.startsWith(`${root}${WINDOWS_SEPARATOR}`));
}

/** Which `.keras` layout the weights file follows, from its top-level groups. */
export function kerasZipLayout(file: File): WeightLayout {
  const keys = file.keys();
  if (hasRoot(keys, LAYOUT_ROOTS.keras3)) return 'keras3';
  if (hasRoot(keys, LAYOUT_ROOTS['keras2.13-2.15'])) return 'keras2.13-2.15';
  return fail(`model.weights.h5 has neither a 'layers' group (Keras 3) nor '_layer_checkpoint_dependencies' (Keras 2.13-2.15); it holds ${keys.join(', ') || 'nothing'}`);
}

/** Every layer's weights by layer name, read in Keras's order, values copied out of the file. */
export function readLayerWeights(file: File, layout: WeightLayout, layers: readonly KerasLayer[]): Map<string, LayerWeights> {
  return layout === 'keras2-h5' ? readH5(file, layers) : readSaveables(file, LAYOUT_ROOTS[layout], layers);
}

function readSaveables(file: File, root: string, layers: readonly KerasLayer[]): Map<string, LayerWeights> {
  const names = saveableNames(layers);
  const out = new Map<string, LayerWeights>();
  layers.forEach((layer, i) => {
    const name = names[i] ?? '';
    const nested = `${root}/${name}/vars`;
    const windows = `${root}${WINDOWS_SEPARATOR}${name}/vars`;
    const path = find(file, nested) === null && find(file, windows) !== null ? windows : nested;
    const vars = find(file, path);
    if (vars === null) {
      out.set(layer.name, { paths: [], weights: [] });
      return;
    }
    if (!isGroup(vars)) return fail(`${path} (layer '${layer.name}') is not a group`);
    const count = vars.keys().length;
    const paths = Array.from({ length: count }, (_, v) => `${path}/${v}`);
    out.set(layer.name, { paths, weights: paths.map((p) => datasetAt(file, p, layer)) });
  });
  return out;
}

function readH5(file: File, layers: readonly KerasLayer[]): Map<string, LayerWeights> {
  const root = find(file, 'model_weights');
  const group: Group | null = isGroup(root) ? root : null;
  if (group === null) return fail("the .h5 file has no 'model_weights' group: not a Keras full-model file");
  const out = new Map<string, LayerWeights>();
  for (const layer of layers) {
    const entry = group.keys().includes(layer.name) ? find(group, layer.name) : null;
    if (!isGroup(entry)) {
      out.set(layer.name, { paths: [], weights: [] });
      continue;
    }
    const listed = stringAttribute(entry, 'weight_names') ?? [];
    const names = Array.isArray(listed) ? listed : [listed];
    const paths = names.map((n) => `model_weights/${layer.name}/${n}`);
    out.set(layer.name, { paths, weights: paths.map((p) => datasetAt(file, p, layer)) });
  }
  return out;
}

function datasetAt(file: File, path: string, layer: KerasLayer): WeightValues {
  const entry = find(file, path);
  if (!isDataset(entry)) return fail(`layer '${layer.name}': weight ${path} is missing from the HDF5 file`);
  return readWeight(entry, `layer '${layer.name}': weight ${path}`);
}
