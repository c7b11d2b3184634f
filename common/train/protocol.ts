/**
 * The messages between the page (game/modes/train/) and the Train mode's worker (ml/worker/), the
 * one place both sides read their shapes from. The worker owns the network and its training; the
 * page only shows what it reports and sends the player's choices and drawing.
 */

/** How fast the worker trains: a few steps a second to watch the filters form, or all it can. */
export const SPEEDS = ['slow', 'medium', 'full'] as const;
export type Speed = (typeof SPEEDS)[number];

/** Training steps per second at each speed; null: as many as the machine does. */
export const STEPS_PER_SECOND: Readonly<Record<Speed, number | null>> = { slow: 4, medium: 20, full: null };

export type ToWorker =
  /** fetch the training set (site-relative to `siteRoot`), start tfjs, then train a new network */
  | { readonly type: 'start'; readonly siteRoot: string; readonly speed: Speed }
  | { readonly type: 'pause' }
  | { readonly type: 'resume' }
  /** a new network from fresh random weights, trained from step 0 */
  | { readonly type: 'restart' }
  | { readonly type: 'speed'; readonly speed: Speed }
  /** the player's drawing as the model sees it (28x28, 0..1, common/preprocess.ts), null when blank;
   * `version` is echoed with the guesses on it */
  | { readonly type: 'drawing'; readonly pixels: Float32Array | null; readonly version: number }
  /** the network's files, to keep it (answered by a 'model' message) */
  | { readonly type: 'export' };

/** What the worker trains on and with. */
export interface TrainReady {
  readonly type: 'ready';
  /** the tfjs backend it trains on */
  readonly backend: string;
  readonly trainDigits: number;
  readonly heldOutDigits: number;
  /** the first convolution's filters: count and size (each filterSize x filterSize) */
  readonly filterCount: number;
  readonly filterSize: number;
}

/** Sent a few times a second while it trains, and once after each change (pause, restart, drawing). */
export interface TrainProgress {
  readonly type: 'progress';
  /** a counter of networks: a restart starts a new one, and reports of the old one are stale */
  readonly run: number;
  readonly steps: number;
  /** training time of this network, s (pauses excluded) */
  readonly seconds: number;
  readonly examples: number;
  /** mean training loss over the steps since the last report, null when there were none */
  readonly loss: number | null;
  /** accuracy on the held-out digits, 0..1, when it was measured since the last report, else null */
  readonly accuracy: number | null;
  /** the first convolution's weights, filter after filter, each filterSize x filterSize row-major */
  readonly filters: Float32Array;
  /** the network's probabilities for the player's drawing, null while it is blank */
  readonly guess: Float32Array | null;
  /** the version of the drawing `guess` is about (the last 'drawing' message's) */
  readonly guessFor: number;
  readonly paused: boolean;
  /** the worker's live tfjs tensors after the report was made: steady while it trains, or something leaks */
  readonly tensors: number;
}

/** The network's files as tfjs saves them (a LayersModel's topology and weights). */
export interface TrainModel {
  readonly type: 'model';
  readonly run: number;
  readonly modelTopology: object;
  readonly weightSpecs: readonly { readonly name: string; readonly shape: readonly number[]; readonly dtype: 'float32' }[];
  readonly weightData: ArrayBuffer;
  readonly accuracy: number | null;
  readonly steps: number;
}

export type FromWorker =
  | TrainReady
  | TrainProgress
  | TrainModel
  /** the training set could not be fetched or is damaged, or tfjs could not start: `message` says which */
  | { readonly type: 'failed'; readonly message: string };

/** The worker's script on the site (scripts/trainWorker.ts builds it), fetched only when the player opens Train. */
export const TRAIN_WORKER_PATH = 'train/worker.js';
