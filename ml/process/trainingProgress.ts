import { SingleBar } from 'cli-progress';
import { stopOnCtrlC, type StopRequest } from './interrupt.ts';

/** One training step as the loop reports it (ml/training/trainContract.ts's StepReport has these fields). */
export interface ProgressStep {
  readonly epoch: number;
  readonly step: number;
  readonly stepsPerEpoch: number;
  readonly loss: number;
  readonly accuracy: number;
}

export interface TrainingProgressOptions {
  readonly stepsPerEpoch: number;
  readonly epochs: number;
  /** steps done before this run started (a resumed checkpoint's) */
  readonly stepsDone: number;
  /** images per step, for the speed shown */
  readonly batchSize: number;
  /** a line per step ("step 12/300 …", --log-steps) instead of the bar */
  readonly lineSteps: boolean;
  /** what a Ctrl-C does once training is over, e.g. "stopping before the model is saved; DIR stays as it is" */
  readonly afterTraining: string;
}

/**
 * What a long training shows and how it stops, the same for npm run train and train-pieces: a
 * progress bar (steps, ETA, loss, accuracy, images/s) paused for each validation line, or a line per
 * step; and Ctrl-C (process/interrupt.ts): during training it asks the loop to stop after its step,
 * which then saves a checkpoint, after it to stop before the model is saved.
 */
export class TrainingProgress {
  private done: number;
  private training = true;
  private imagesSeen = 0;
  private readonly started = performance.now();
  private readonly total: number;
  private readonly bar = new SingleBar({
    format: 'epoch {epochNo} |{bar}| {percentage}% | ETA {eta_formatted} | loss {loss} | acc {acc} | {speed} img/s',
    hideCursor: true,
    etaBuffer: 200,
    noTTYOutput: true,
    notTTYSchedule: 10_000,
  });
  private readonly stop: StopRequest;

  constructor(private readonly options: TrainingProgressOptions) {
    this.done = options.stepsDone;
    this.total = options.stepsPerEpoch * options.epochs;
    this.stop = stopOnCtrlC(() => (this.training ? `stopping after step ${this.done} and saving a checkpoint` : options.afterTraining));
    this.startBar(this.done, 1);
  }

  /** For the loop's shouldStop: a Ctrl-C arrived. */
  readonly stopRequested = (): boolean => this.stop.requested();

  /** Steps done in all, the resumed ones included. */
  stepsDone(): number {
    return this.done;
  }

  step(s: ProgressStep): void {
    this.done = s.epoch * s.stepsPerEpoch + s.step;
    this.imagesSeen += this.options.batchSize;
    if (this.options.lineSteps) console.log(`step ${this.done}/${this.total}  loss ${s.loss.toFixed(3)}  acc ${s.accuracy.toFixed(3)}`);
    this.bar.update(this.done, {
      epochNo: `${s.epoch + 1}/${this.options.epochs}`,
      loss: s.loss.toFixed(3),
      acc: s.accuracy.toFixed(3),
      speed: Math.round(this.imagesSeen / ((performance.now() - this.started) / 1000)),
    });
  }

  /** A validation at `epoch` (fractional): its line, then the bar again from there. */
  evaluated(epoch: number, line: string): void {
    this.bar.stop();
    console.log(line);
    this.startBar(Math.round(epoch * this.options.stepsPerEpoch), '');
  }

  /** Training is over: the bar goes, and a Ctrl-C from now stops before the model is saved. */
  endTraining(): void {
    this.bar.stop();
    this.training = false;
  }

  dispose(): void {
    this.bar.stop();
    this.stop.dispose();
  }

  private startBar(at: number, epochNo: number | string): void {
    if (!this.options.lineSteps) this.bar.start(this.total, at, { epochNo, loss: '-', acc: '-', speed: '-' });
  }
}
