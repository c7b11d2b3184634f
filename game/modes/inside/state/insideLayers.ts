/** What the Inside mode shows of a network, as data: its layers' shapes and one reading of them (game/modes/inside/platform/insideNetwork.ts makes both). */

import type { FieldStep } from './receptiveField.ts';

export interface MapsLayer {
  /** the model's own name for it, e.g. conv2d_Conv2D2 */
  readonly name: string;
  /** what a reader sees, e.g. "Convolution 2 · 48 filters 3x3 ➔ 48 maps 14x14" (state/layerNames.ts) */
  readonly title: string;
  /** the layer's class, e.g. Conv2D, MaxPooling2D */
  readonly kind: string;
  readonly height: number;
  readonly width: number;
  /** feature maps */
  readonly maps: number;
  /** the spatial layers from the input up to and including this one: where a pixel looks */
  readonly steps: readonly FieldStep[];
  /** the maps layer this one reads (index into the maps layers), -1 for the input image */
  readonly reads: number;
  /** what happens after it before the next layer shown, e.g. "batch normalisation, then ReLU"; '' for nothing */
  readonly then: string;
}

export interface DenseLayer {
  readonly name: string;
  readonly title: string;
  readonly units: number;
}

/** One convolution filter: what made one map. */
export interface Filter {
  /** [height, width] */
  readonly size: readonly [number, number];
  /** one kernel slice per input map, height * width values, row-major */
  readonly slices: readonly Float32Array[];
  readonly bias: number | null;
  /** the activation the layer applies itself, 'linear' for none */
  readonly activation: string;
}

export interface InsideReading {
  /** per MapsLayer, height * width * maps values, channel-last as tfjs gives them */
  readonly maps: readonly Float32Array[];
  /** per DenseLayer, its units */
  readonly dense: readonly Float32Array[];
  readonly probabilities: Float32Array;
}

/** How the normalisation placed the drawing in the 28x28 input (common/preprocess.ts); absent for a blank grid. */
export interface InputFrame {
  readonly scale: number;
  readonly offsetX: number;
  readonly offsetY: number;
}
