import type * as tf from '@tensorflow/tfjs';
import { fail } from './errors.ts';
import type { KerasChain } from './kerasConfig.ts';
import type { LayerWeights } from './weightLayouts.ts';

/**
 * Every layer's weights as its config declares them, checked against the weights in the file before
 * tfjs builds anything. Building a layer allocates and randomly initialises its weights, so a 1 MB
 * file whose config declares Dense(400000) would cost minutes and gigabytes before setWeights could
 * refuse it; here the shapes come from arithmetic on the configs (tfjs layer objects allocate
 * nothing until built, and computeOutputShape is arithmetic too).
 */

/** One weight tensor's values at most: 256 MiB of float32, the size of the largest .keras zip member. */
export const MAX_WEIGHT_VALUES = 64 * 1024 * 1024;
/**
 * One image's output of a layer, in values at most. A digit CNN's largest is some 50,000 (28x28x64);
 * the bound is five times that, and predicting 500 images at once then holds at most 512 MiB.
 */
export const MAX_ACTIVATION_VALUES = 256 * 1024;

export interface DeclaredWeight {
  /** Keras's name of the weight: kernel, bias, gamma, beta, moving_mean, moving_variance */
  readonly name: string;
  readonly shape: readonly number[];
}

type Shape = readonly (number | null)[];

function lastDim(shape: Shape, where: string): number {
  const last = shape.at(-1);
  return typeof last === 'number' ? last : fail(`${where} takes an input of shape ${JSON.stringify(shape.slice(1))}, whose last dimension is unknown`);
}

/** The weights tfjs will create for `layer` given its input shape (batch first), in tfjs's order, which is Keras's. */
export function declaredWeights(layer: tf.layers.Layer, input: Shape, where: string): DeclaredWeight[] {
  const c = layer.getConfig();
  const withBias = (kernel: number[], units: number): DeclaredWeight[] => [{ name: 'kernel', shape: kernel }, ...(c.useBias === false ? [] : [{ name: 'bias', shape: [units] }])];
  switch (layer.getClassName()) {
    case 'Dense': {
      const units = c.units as number;
      return withBias([lastDim(input, where), units], units);
    }
    case 'Conv2D': {
      const filters = c.filters as number;
      const [kh = 0, kw = 0] = c.kernelSize as number[];
      return withBias([kh, kw, lastDim(input, where), filters], filters);
    }
    case 'BatchNormalization': {
      const channels = [lastDim(input, where)];
      const named = (names: readonly string[]) => names.map((name) => ({ name, shape: channels }));
      return named([...(c.scale === false ? [] : ['gamma']), ...(c.center === false ? [] : ['beta']), 'moving_mean', 'moving_variance']);
    }
    default:
      return [];
  }
}

const count = (shape: Shape): number => shape.reduce<number>((n, d) => n * (d ?? 1), 1);
const same = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((d, i) => d === b[i]);

/**
 * Walks the chain's shapes from its input: every layer's declared weights must be the file's in
 * number and shape, and no weight or per-image output may pass its bound. Refusals name the layer
 * and the weight, in the words setWeights would use after building.
 */
export function checkDeclaredWeights(chain: KerasChain, built: readonly tf.layers.Layer[], weights: ReadonlyMap<string, LayerWeights>): void {
  let shape: Shape = [null, ...chain.inputShape];
  chain.layers.forEach((keras, i) => {
    const layer = built[i];
    if (layer === undefined) return;
    const where = `layer '${keras.name}' (${keras.className})`;
    const declared = declaredWeights(layer, shape, where);
    const given = weights.get(keras.name) ?? { paths: [], weights: [] };
    if (given.weights.length !== declared.length) {
      fail(`${where} needs ${declared.length} weights (${declared.map((w) => w.name).join(', ') || 'none'}), the file has ${given.weights.length}${given.paths.length > 0 ? ` (${given.paths.join(', ')})` : ''}`);
    }
    declared.forEach((weight, k) => {
      const value = given.weights[k];
      const path = given.paths[k] ?? '';
      if (value !== undefined && !same(value.shape, weight.shape)) {
        fail(`${where}: weight ${path} has shape ${JSON.stringify(value.shape)}, the layer needs ${JSON.stringify(weight.shape)} for ${weight.name}`);
      }
      if (count(weight.shape) > MAX_WEIGHT_VALUES) fail(`${where}: weight ${weight.name} of shape ${JSON.stringify(weight.shape)} is over the limit of ${MAX_WEIGHT_VALUES} values`);
    });
    try {
      shape = layer.computeOutputShape([...shape]) as Shape;
    } catch (error) {
      fail(`${where} cannot take the previous layer's output: ${(error as Error).message}`);
    }
    if (count(shape) > MAX_ACTIVATION_VALUES) {
      fail(`${where} outputs ${JSON.stringify(shape.slice(1))} per image, over the limit of ${MAX_ACTIVATION_VALUES} values for a digit model`);
    }
  });
}
