import { isRecord } from '../../../common/isRecord.ts';

/**
 * Reading a Sequential model.json (its layers, their configs, their weights by name) as the game's
 * own runners need it (coreNetwork.ts with tfjs-core, kernels/kernelNetwork.ts with the game's
 * kernel). Each refuses what it cannot run exactly by throwing UnsupportedLayer: the caller then
 * leaves the model to tfjs-layers, which also says what is wrong with a broken one. Never shown to
 * a player.
 */
export type LayerConfig = Readonly<Record<string, unknown>>;

export class UnsupportedLayer extends Error {}

/** The activation's name; 'linear' when none is given. */
export function activationName(value: unknown): string {
  if (value == null) return 'linear';
  if (typeof value !== 'string') throw new UnsupportedLayer();
  return value;
}

export function channelsLast(config: LayerConfig): void {
  if (config.data_format != null && config.data_format !== 'channels_last') throw new UnsupportedLayer();
}

/** A size given as one integer or two (kernel, pool, strides). */
export function pair(value: unknown): [number, number] {
  const pairOf = Array.isArray(value) ? value : [value, value];
  const [a, b] = pairOf as unknown[];
  if (pairOf.length !== 2 || !Number.isInteger(a) || !Number.isInteger(b)) throw new UnsupportedLayer();
  return [a as number, b as number];
}

export function padding(value: unknown): 'same' | 'valid' {
  if (value !== 'same' && value !== 'valid') throw new UnsupportedLayer();
  return value;
}

/** Dilation or strides of 1 (or none given). */
export function allOnes(value: unknown): boolean {
  return value == null || value === 1 || (Array.isArray(value) && value.every((v) => v === 1));
}

/** One layer of a Sequential model.json: its class and config. */
export interface SequentialLayer {
  readonly kind: string;
  readonly config: LayerConfig;
}

/** The layers of a Sequential model's topology, in order; UnsupportedLayer for any other model. */
export function sequentialLayers(topology: unknown): readonly SequentialLayer[] {
  if (!isRecord(topology) || topology.class_name !== 'Sequential') throw new UnsupportedLayer();
  const config = topology.config;
  const list: unknown = Array.isArray(config) ? config : isRecord(config) ? config.layers : undefined;
  if (!Array.isArray(list) || list.length === 0 || !list.every(isRecord)) throw new UnsupportedLayer();
  return list.map((layer) => ({ kind: String(layer.class_name), config: (isRecord(layer.config) ? layer.config : {}) }));
}

/** [height, width, channels] from the first layer that gives `batch_input_shape` [null, h, w, c]. */
export function inputShapeOf(layers: readonly SequentialLayer[]): [number, number, number] {
  const shape = layers.find((layer) => Array.isArray(layer.config.batch_input_shape))?.config.batch_input_shape;
  if (!Array.isArray(shape) || shape.length !== 4 || !shape.slice(1).every((d) => Number.isInteger(d) && (d as number) > 0)) throw new UnsupportedLayer();
  return shape.slice(1) as [number, number, number];
}

/**
 * The weights by layer: `of(layer)` reads a layer's weight by its short name (kernel, bias,
 * gamma...), undefined when missing; `allRead()` says whether every weight was read by some layer.
 */
export function layerWeights<T>(named: ReadonlyMap<string, T>): { of: (layer: LayerConfig) => (short: string) => T | undefined; allRead: () => boolean } {
  const read = new Set<string>();
  return {
    of: (layer) => (short) => {
      const key = `${String(layer.name)}/${short}`;
      const value = named.get(key);
      if (value !== undefined) read.add(key);
      return value;
    },
    allRead: () => read.size === named.size,
  };
}
