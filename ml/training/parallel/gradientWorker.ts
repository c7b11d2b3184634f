import { Worker } from 'node:worker_threads';
import type * as tf from '@tensorflow/tfjs';
import type { BackendName } from '../../backend/backend.ts';
import type { Recipe } from '../../models/architectures.ts';
import type { ValidationTally } from '../../eval/validationTally.ts';

/**
 * This thread's handle on one gradient worker (ml/training/parallel/gradientWorkerThread.ts) and the messages they
 * exchange, one request at a time: a slice's weights, rows and seed in, its loss and gradients out;
 * or a model's weights and a range of validation images in, how many it classifies right and their
 * summed loss out.
 */

export interface WorkerSetup {
  readonly backend: BackendName;
  readonly artifacts: tf.io.ModelArtifacts;
  /** float32 pixels shaped `shape`, shared by all workers so none needs its own transfer */
  readonly images: SharedArrayBuffer;
  readonly shape: readonly [number, number, number, number];
  readonly labels: Uint8Array;
  /** float32 validation pixels, [validationLabels.length, 28, 28, 1] */
  readonly validationImages: SharedArrayBuffer;
  readonly validationLabels: Uint8Array;
  readonly recipe: Recipe;
  /** the trainable variables' shapes in this thread, which the worker's model must match */
  readonly shapes: readonly (readonly number[])[];
}

export interface SliceRequest {
  readonly kind: 'slice';
  /** the trainable weights to differentiate at, packed (ml/training/parallel/flatTensors.ts) */
  readonly weights: Float32Array;
  /** rows of the training images */
  readonly indices: Int32Array;
  /** the slice's augmentation seed */
  readonly seed: number;
}

export interface SliceReply {
  readonly kind: 'slice';
  readonly loss: number;
  readonly correct: number;
  /** packed like the request's weights */
  readonly gradients: Float32Array;
}

export interface CountRequest {
  readonly kind: 'count';
  /** all of the model's weights (BN statistics too), in getWeights() order, packed */
  readonly weights: Float32Array;
  /** validation images [start, end) */
  readonly start: number;
  readonly end: number;
}

export interface CountReply {
  readonly kind: 'count';
  readonly tally: ValidationTally;
}

export type WorkerRequest = SliceRequest | CountRequest;

export type WorkerReply = { readonly kind: 'ready' } | SliceReply | CountReply | { readonly kind: 'error'; readonly message: string };

interface Pending {
  readonly resolve: (reply: WorkerReply) => void;
  readonly reject: (error: Error) => void;
}

export class GradientWorker {
  readonly ready: Promise<void>;
  private readonly worker: Worker;
  private pending: Pending | undefined;
  private failure: Error | undefined;

  constructor(setup: WorkerSetup) {
    this.worker = new Worker(bootstrap(), { eval: true, workerData: setup });
    this.ready = this.expect().then(() => undefined);
    this.worker.on('message', (reply: WorkerReply) => {
      const pending = this.pending;
      this.pending = undefined;
      if (reply.kind === 'error') pending?.reject(new Error(`gradient worker: ${reply.message}`));
      else pending?.resolve(reply);
    });
    this.worker.on('error', (error) => { this.fail(error); });
    this.worker.on('exit', (code) => { this.fail(new Error(`gradient worker exited (code ${code})`)); });
  }

  async compute(request: SliceRequest): Promise<SliceReply> {
    const answer = await this.ask(request);
    if (answer.kind !== 'slice') throw new Error(`gradient worker: expected a slice, got '${answer.kind}'`);
    return answer;
  }

  async count(request: CountRequest): Promise<ValidationTally> {
    const answer = await this.ask(request);
    if (answer.kind !== 'count') throw new Error(`gradient worker: expected a count, got '${answer.kind}'`);
    return answer.tally;
  }

  async terminate(): Promise<void> {
    await this.worker.terminate();
  }

  private ask(request: WorkerRequest): Promise<WorkerReply> {
    const reply = this.expect();
    this.worker.postMessage(request);
    return reply;
  }

  private expect(): Promise<WorkerReply> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.pending) return Promise.reject(new Error('gradient worker: a request is already waiting'));
    return new Promise((resolve, reject) => (this.pending = { resolve, reject }));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.pending?.reject(error);
    this.pending = undefined;
  }
}

/**
 * Node 20 starts a worker's entry before the parent's tsx loader (inherited or given again in
 * execArgv) is in place, so a .ts entry fails to load; the worker instead runs this line of plain
 * JavaScript, which imports the entry through tsx's API.
 */
function bootstrap(): string {
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const entry = JSON.stringify(new URL('./gradientWorkerThread.ts', import.meta.url).href);
  return `import(${tsx}).then((api) => api.tsImport(${entry}, ${entry}));`;
}
