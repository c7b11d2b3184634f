import { NUM_CLASSES } from '../../../../common/digit.ts';
import { OUTPUTS_WITH_REJECTION } from '../../../../common/reading.ts';

/**
 * Names a reader understands, made from what a layer's config says (game/modes/inside/platform/
 * insideNetwork.ts reads the config into a LayerSpec): "Convolution 2 · 48 filters 3x3 ➔ 48 maps
 * 14x14" rather than "conv2d_Conv2D2 · Conv2D". Nothing is written per model, so the seed, the
 * default model and an imported Keras model are named by the same rules. A kind is numbered only
 * when the model has more than one layer of it, so a single convolution is just "Convolution".
 */

export interface LayerSpec {
  /** the layer's class, e.g. Conv2D, MaxPooling2D, Dense */
  readonly kind: string;
  /** output shape without the batch axis, e.g. [14, 14, 48] */
  readonly shape: readonly number[];
  readonly filters?: number;
  /** [height, width] of a convolution's kernel or a pooling window */
  readonly window?: readonly [number, number];
  readonly strides?: readonly [number, number];
  readonly units?: number;
  /** the activation the layer applies itself ('linear' when none) */
  readonly activation?: string;
  /** a dropout's rate */
  readonly rate?: number;
}

/** What each kind is called, and whether its layers are counted ("Convolution 2"). */
const WORDS: Readonly<Record<string, string>> = {
  Conv2D: 'Convolution',
  DepthwiseConv2D: 'Depthwise convolution',
  SeparableConv2D: 'Separable convolution',
  MaxPooling2D: 'Pooling',
  AveragePooling2D: 'Average pooling',
  GlobalAveragePooling2D: 'Global average pooling',
  GlobalMaxPooling2D: 'Global max pooling',
  Dense: 'Dense',
  BatchNormalization: 'Batch normalisation',
  ReLU: 'ReLU',
  Activation: 'Activation',
  Flatten: 'Flatten',
  Dropout: 'Dropout',
  InputLayer: 'Input',
  Rescaling: 'Rescaling',
};

const size = (pair: readonly [number, number]): string => `${pair[0]}x${pair[1]}`;

/** "48 maps 14x14" for [14, 14, 48]; "1152 values" for a flat shape. */
export function describeShape(shape: readonly number[]): string {
  const [h = 0, w = 0, c = 1] = shape;
  if (shape.length === 3) return `${c} map${c === 1 ? '' : 's'} ${h}x${w}`;
  return `${shape.reduce((a, b) => a * b, 1)} values`;
}

/** "10 digits" or "10 digits + not a digit" for a digit model's last layer; null for other counts. */
export function describeOutputs(units: number): string | null {
  if (units === NUM_CLASSES) return `${NUM_CLASSES} digits`;
  if (units === OUTPUTS_WITH_REJECTION) return `${NUM_CLASSES} digits + not a digit`;
  return null;
}

/** One title per layer, in order; the last Dense layer is the outputs. */
export function layerTitles(layers: readonly LayerSpec[]): string[] {
  const lastDense = layers.map((l) => l.kind).lastIndexOf('Dense');
  const outputs = describeOutputs(layers[lastDense]?.units ?? 0);
  // the digit outputs are named by what they are, so they do not count among the Dense layers
  const output = outputs === null ? -1 : lastDense;
  const totals = new Map<string, number>();
  layers.forEach((layer, i) => { if (i !== output) totals.set(layer.kind, (totals.get(layer.kind) ?? 0) + 1); });
  const seen = new Map<string, number>();
  return layers.map((layer, i) => {
    const word = WORDS[layer.kind] ?? layer.kind;
    if (i === output) return `${word} · ${outputs ?? ''}`;
    const n = (seen.get(layer.kind) ?? 0) + 1;
    seen.set(layer.kind, n);
    const counted = (totals.get(layer.kind) ?? 0) > 1 ? `${word} ${n}` : word;
    return `${counted}${detailOf(layer)}`;
  });
}

/** The part after the name: what the layer does and what comes out. */
function detailOf(layer: LayerSpec): string {
  const out = describeShape(layer.shape);
  const stride = layer.strides !== undefined && (layer.strides[0] !== 1 || layer.strides[1] !== 1) ? `, stride ${layer.strides[0]}` : '';
  switch (layer.kind) {
    case 'Conv2D':
    case 'SeparableConv2D':
      return ` · ${layer.filters ?? 0} filters ${size(layer.window ?? [1, 1])}${stride} ➔ ${out}`;
    case 'DepthwiseConv2D':
      return ` · ${size(layer.window ?? [1, 1])} per map${stride} ➔ ${out}`;
    case 'MaxPooling2D':
    case 'AveragePooling2D':
      return ` · ${size(layer.window ?? [2, 2])}${stride === '' || layer.strides?.[0] === layer.window?.[0] ? '' : stride} ➔ ${out}`;
    case 'Dense':
      return ` · ${layer.units ?? 0} units`;
    case 'Dropout':
      return ` · ${Math.round((layer.rate ?? 0) * 100)} % while training, nothing while playing`;
    case 'InputLayer':
      return ` · ${describeShape(layer.shape)}`;
    case 'Activation':
      return ` · ${layer.activation ?? 'linear'}`;
    case 'BatchNormalization':
    case 'ReLU':
      return '';
    default:
      return ` ➔ ${out}`;
  }
}
