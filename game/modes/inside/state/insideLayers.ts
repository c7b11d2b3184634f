/** What the Inside mode shows of a network, as data: its layers' shapes and one reading of them (game/modes/inside/platform/insideNetwork.ts makes both). */

export interface MapsLayer {
  readonly name: string;
  /** the layer's class, e.g. Conv2D, MaxPooling2D */
  readonly kind: string;
  readonly height: number;
  readonly width: number;
  /** feature maps */
  readonly maps: number;
}

export interface DenseLayer {
  readonly name: string;
  readonly units: number;
}

export interface InsideReading {
  /** per MapsLayer, height * width * maps values, channel-last as tfjs gives them */
  readonly maps: readonly Float32Array[];
  /** per DenseLayer, its units */
  readonly dense: readonly Float32Array[];
  readonly probabilities: Float32Array;
}
