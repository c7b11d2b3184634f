import * as tf from '@tensorflow/tfjs';
import { isRecord } from '../../common/isRecord.ts';
import { fail } from './errors.ts';
import type { KerasLayer } from './kerasConfig.ts';

/**
 * Keras layer configs to the tfjs layers computing the same function. Both frameworks store Conv2D
 * kernels as [h, w, in, out], Dense kernels as [in, out] and flatten channels-last images in the same
 * order, so weights carry over untransposed. Options that only matter for training (initializers,
 * regularizers, constraints) are ignored; options that change the maths and tfjs lacks are refused.
 */

export const SUPPORTED_LAYERS = [
  'InputLayer', 'Conv2D', 'MaxPooling2D', 'AveragePooling2D', 'BatchNormalization', 'Dropout', 'Flatten', 'Dense',
  'Reshape', 'Rescaling', 'Activation', 'ReLU', 'Softmax', 'LeakyReLU', 'GlobalAveragePooling2D', 'GlobalMaxPooling2D',
] as const;

export const SUPPORTED_ACTIVATIONS = ['relu', 'softmax', 'sigmoid', 'tanh', 'linear'] as const;
type Activation = (typeof SUPPORTED_ACTIVATIONS)[number];

type Config = Readonly<Record<string, unknown>>;

function reader(layer: KerasLayer) {
  const where = `layer '${layer.name}' (${layer.className})`;
  const c: Config = layer.config;
  const number = (key: string, fallback: number): number => {
    const v = c[key] ?? fallback;
    return typeof v === 'number' && Number.isFinite(v) ? v : fail(`${where}: ${key} must be a number, got ${JSON.stringify(v)}`);
  };
  // tfjs's own checks name neither the layer nor the file ("Expected units to be a positive integer")
  const positiveInteger = (key: string): number => {
    const v = c[key];
    return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : fail(`${where}: ${key} must be a positive integer, got ${JSON.stringify(v)}`);
  };
  // tfjs clamps a dropout rate into [0, 1] without a word; Keras refuses one outside it
  const fraction = (key: string, fallback: number): number => {
    const v = number(key, fallback);
    return v >= 0 && v <= 1 ? v : fail(`${where}: ${key} must be between 0 and 1, got ${v}`);
  };
  const flag = (key: string, fallback: boolean): boolean => {
    const v = c[key] ?? fallback;
    return typeof v === 'boolean' ? v : fail(`${where}: ${key} must be true or false, got ${JSON.stringify(v)}`);
  };
  const pair = (key: string, fallback: number | null): [number, number] => {
    const v = c[key] ?? fallback;
    const list = typeof v === 'number' ? [v, v] : v;
    if (!Array.isArray(list) || list.length !== 2 || !list.every((d) => Number.isInteger(d) && (d as number) > 0)) return fail(`${where}: ${key} must be one or two positive integers, got ${JSON.stringify(v)}`);
    return [list[0] as number, list[1] as number];
  };
  const padding = (): 'valid' | 'same' => {
    const v = c.padding ?? 'valid';
    return v === 'valid' || v === 'same' ? v : fail(`${where}: padding ${JSON.stringify(v)} is not supported (valid or same)`);
  };
  const channelsLast = (): void => {
    const v = c.data_format ?? 'channels_last';
    if (v !== 'channels_last') fail(`${where}: data_format ${JSON.stringify(v)} is not supported; only channels_last`);
  };
  const activation = (key = 'activation'): Activation => {
    const v = c[key] ?? 'linear';
    // Keras 3 may serialise a built-in activation as {"class_name": "function", "config": "relu"}
    const named = isRecord(v) ? (typeof v.config === 'string' ? v.config : v.class_name) : v;
    const name = named === null ? 'linear' : named;
    return (SUPPORTED_ACTIVATIONS as readonly unknown[]).includes(name) ? (name as Activation) : fail(`${where}: activation ${JSON.stringify(v)} is not supported (${SUPPORTED_ACTIVATIONS.join(', ')})`);
  };
  const zero = (key: string): void => {
    const v = c[key];
    if (v !== undefined && v !== null && v !== 0) fail(`${where}: ${key} ${JSON.stringify(v)} is not supported`);
  };
  return { where, c, number, positiveInteger, fraction, flag, pair, padding, channelsLast, activation, zero };
}

function checkDtype(layer: KerasLayer): void {
  const v = layer.config.dtype;
  const name = isRecord(v) ? (isRecord(v.config) ? v.config.name : v.class_name) : v;
  if (v !== undefined && v !== null && name !== 'float32') fail(`layer '${layer.name}' (${layer.className}): dtype ${JSON.stringify(name ?? v)} is not supported; only float32`);
}

/**
 * The tfjs layer computing `layer` (InputLayer never comes here: the importer makes the input). It
 * is a layer object only: tfjs allocates its weights when a model builds it.
 */
export function buildLayer(layer: KerasLayer): tf.layers.Layer {
  checkDtype(layer);
  const r = reader(layer);
  const name = layer.name;
  switch (layer.className) {
    case 'Conv2D': {
      r.channelsLast();
      if (r.number('groups', 1) !== 1) fail(`${r.where}: groups ${String(r.c.groups)} is not supported; only 1`);
      return tf.layers.conv2d({
        name, filters: r.positiveInteger('filters'), kernelSize: r.pair('kernel_size', null), strides: r.pair('strides', 1), padding: r.padding(),
        dilationRate: r.pair('dilation_rate', 1), activation: r.activation(), useBias: r.flag('use_bias', true),
      });
    }
    case 'MaxPooling2D':
    case 'AveragePooling2D': {
      r.channelsLast();
      const poolSize = r.pair('pool_size', 2);
      const options = { name, poolSize, strides: r.c.strides === null || r.c.strides === undefined ? poolSize : r.pair('strides', null), padding: r.padding() };
      return layer.className === 'MaxPooling2D' ? tf.layers.maxPooling2d(options) : tf.layers.averagePooling2d(options);
    }
    case 'GlobalAveragePooling2D':
    case 'GlobalMaxPooling2D':
      r.channelsLast();
      if (r.flag('keepdims', false)) fail(`${r.where}: keepdims true is not supported`);
      return layer.className === 'GlobalAveragePooling2D' ? tf.layers.globalAveragePooling2d({ name }) : tf.layers.globalMaxPooling2d({ name });
    case 'BatchNormalization': {
      const axis = Array.isArray(r.c.axis) && r.c.axis.length === 1 ? (r.c.axis[0] as unknown) : (r.c.axis ?? -1);
      if (axis !== -1 && axis !== 3) fail(`${r.where}: axis ${JSON.stringify(r.c.axis)} is not supported; only the channels axis (-1 or 3)`);
      return tf.layers.batchNormalization({ name, axis: -1, epsilon: r.number('epsilon', 1e-3), momentum: r.number('momentum', 0.99), center: r.flag('center', true), scale: r.flag('scale', true) });
    }
    case 'Dropout':
      return tf.layers.dropout({ name, rate: r.fraction('rate', 0) });
    case 'Flatten':
      r.channelsLast();
      return tf.layers.flatten({ name });
    case 'Dense':
      return tf.layers.dense({ name, units: r.positiveInteger('units'), activation: r.activation(), useBias: r.flag('use_bias', true) });
    case 'Reshape': {
      const target = r.c.target_shape;
      if (!Array.isArray(target) || !target.every((d) => Number.isInteger(d) && ((d as number) > 0 || d === -1))) fail(`${r.where}: target_shape ${JSON.stringify(target)} is not a list of sizes`);
      return tf.layers.reshape({ name, targetShape: target as number[] });
    }
    case 'Rescaling':
      return tf.layers.rescaling({ name, scale: r.number('scale', 1), offset: r.number('offset', 0) });
    case 'Activation':
      return tf.layers.activation({ name, activation: r.activation() });
    case 'ReLU':
      r.zero('negative_slope');
      r.zero('threshold');
      return tf.layers.reLU(r.c.max_value === null || r.c.max_value === undefined ? { name } : { name, maxValue: r.number('max_value', 0) });
    case 'LeakyReLU':
      // Keras 3 calls alpha negative_slope; both default to 0.3
      return tf.layers.leakyReLU({ name, alpha: r.number(r.c.negative_slope === undefined ? 'alpha' : 'negative_slope', 0.3) });
    case 'Softmax': {
      const axis = r.c.axis ?? -1;
      if (axis !== -1 && !(Array.isArray(axis) && axis.length === 1 && axis[0] === -1)) fail(`${r.where}: axis ${JSON.stringify(axis)} is not supported; only -1`);
      return tf.layers.softmax({ name });
    }
    default:
      return fail(`layer '${layer.name}' is a ${layer.className}, which cannot be imported; supported layers: ${SUPPORTED_LAYERS.join(', ')}`);
  }
}
