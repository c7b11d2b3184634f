import * as tf from '@tensorflow/tfjs';
import { STEPS_PER_SECOND, type FromWorker, type Speed } from '../../common/train/protocol.ts';
import type { TrainingSet } from '../../common/train/trainingSet.ts';
import { LIVE_RECIPE } from '../models/liveNet.ts';
import { LiveTraining } from '../training/liveTraining.ts';

/** At full speed, steps run back to back for this long before the worker reads its messages (pause, a drawing). */
const SLICE_MS = 40;
/** Progress reports at full speed: five a second moves the curves smoothly and costs nothing. */
const REPORT_MS = 200;
/** Held-out accuracy is measured this often while the curve climbs fast, then every EVAL_LATER_MS (training time). */
const EVAL_EARLY_MS = 500;
const EVAL_LATER_MS = 2000;
const EARLY_MS = 10_000;

export interface TrainLoopOptions {
  readonly now: () => number;
  readonly post: (message: FromWorker, transfer: ArrayBuffer[]) => void;
  /** resolves after `ms`; with 0, after the worker has read the messages waiting for it */
  readonly wait: (ms: number) => Promise<void>;
}

/**
 * Drives one LiveTraining after another in the worker: steps at the chosen speed, measures and
 * reports, pauses, resumes, restarts with fresh weights. Messages are read between slices, so a
 * pause or a drawing waits at most one slice.
 */
export class TrainLoop {
  private training: LiveTraining;
  private run = 1;
  private paused = false;
  private looping = false;
  /** this network's training time before the current stretch, ms */
  private trainedMs = 0;
  private stretchStart: number | null = null;
  private lastEvalMs = Number.NEGATIVE_INFINITY;
  private lastReport = Number.NEGATIVE_INFINITY;
  private lossSum = 0;
  private lossCount = 0;
  private accuracy: number | null = null;
  /** measured since the last report */
  private pendingAccuracy: number | null = null;
  private drawing: Float32Array | null = null;
  private drawingVersion = 0;

  constructor(private readonly set: TrainingSet, private speed: Speed, private readonly options: TrainLoopOptions) {
    this.training = new LiveTraining(set, LIVE_RECIPE, this.run);
  }

  start(): void {
    this.resume();
  }

  pause(): void {
    if (this.paused) return;
    this.paused = true;
    if (this.stretchStart !== null) this.trainedMs += this.options.now() - this.stretchStart;
    this.stretchStart = null;
    this.report();
  }

  resume(): void {
    this.paused = false;
    this.stretchStart ??= this.options.now();
    void this.loop();
  }

  /** A new network from fresh weights (a new seed each time), paused or not as before. */
  restart(): void {
    this.training.dispose();
    this.run++;
    this.training = new LiveTraining(this.set, LIVE_RECIPE, this.run);
    this.trainedMs = 0;
    this.stretchStart = this.paused ? null : this.options.now();
    this.lastEvalMs = Number.NEGATIVE_INFINITY;
    // what was measured of the old network is not reported as the new one's
    this.lossSum = 0;
    this.lossCount = 0;
    this.accuracy = null;
    this.pendingAccuracy = null;
    this.report();
  }

  setSpeed(speed: Speed): void {
    this.speed = speed;
  }

  /** The player's drawing changed: its guess is reported at once, paused or not. */
  setDrawing(pixels: Float32Array | null, version: number): void {
    this.drawing = pixels;
    this.drawingVersion = version;
    this.report();
  }

  /** Sends the network's files (the weights' buffer is transferred, not copied). */
  async exportModel(): Promise<void> {
    const { run } = this;
    const steps = this.training.steps;
    const artifacts = await this.training.artifacts();
    const { modelTopology, weightSpecs, weightData } = artifacts;
    if (modelTopology == null || weightSpecs === undefined || !(weightData instanceof ArrayBuffer)) throw new Error('tfjs saved the network without its weights');
    const specs = weightSpecs.map((spec) => ({ name: spec.name, shape: [...spec.shape], dtype: 'float32' as const }));
    this.options.post({ type: 'model', run, modelTopology, weightSpecs: specs, weightData, accuracy: this.accuracy, steps }, [weightData]);
  }

  /** Training time of the current network, ms, pauses excluded. */
  private trainingMs(): number {
    return this.trainedMs + (this.stretchStart === null ? 0 : this.options.now() - this.stretchStart);
  }

  private async loop(): Promise<void> {
    if (this.looping) return;
    this.looping = true;
    try {
      while (!this.paused) {
        const sliceStart = this.options.now();
        const rate = STEPS_PER_SECOND[this.speed];
        this.measure();
        do this.takeStep(); while (rate === null && this.options.now() - sliceStart < SLICE_MS);
        if (rate !== null || this.options.now() - this.lastReport >= REPORT_MS) this.report();
        await this.options.wait(rate === null ? 0 : Math.max(0, 1000 / rate - (this.options.now() - sliceStart)));
      }
    } finally {
      this.looping = false;
    }
  }

  private takeStep(): void {
    const loss = this.training.step();
    if (Number.isFinite(loss)) {
      this.lossSum += loss;
      this.lossCount++;
    }
  }

  /** Held-out accuracy when it is due: at the first step, then every EVAL_EARLY_MS / EVAL_LATER_MS of training. */
  private measure(): void {
    const ms = this.trainingMs();
    if (ms - this.lastEvalMs < (ms < EARLY_MS ? EVAL_EARLY_MS : EVAL_LATER_MS)) return;
    this.lastEvalMs = ms;
    this.accuracy = this.training.accuracy();
    this.pendingAccuracy = this.accuracy;
  }

  private report(): void {
    const filters = this.training.filters();
    const guess = this.drawing === null ? null : this.training.read(this.drawing);
    this.options.post({
      type: 'progress',
      run: this.run,
      steps: this.training.steps,
      seconds: this.trainingMs() / 1000,
      examples: this.training.examples,
      loss: this.lossCount === 0 ? null : this.lossSum / this.lossCount,
      accuracy: this.pendingAccuracy,
      filters,
      guess,
      guessFor: this.drawingVersion,
      paused: this.paused,
      tensors: tf.memory().numTensors,
    }, [filters, guess].flatMap((values) => (values?.buffer instanceof ArrayBuffer ? [values.buffer] : [])));
    this.lossSum = 0;
    this.lossCount = 0;
    this.pendingAccuracy = null;
    this.lastReport = this.options.now();
  }
}
