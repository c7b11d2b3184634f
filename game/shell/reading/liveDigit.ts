import { clearGrid, type Grid } from '../../../common/ink/grid.ts';
import { BLANK_PREDICTION, type Prediction } from '../state/prediction.ts';
import type { Timer } from '../platform/timer.ts';
import type { FrameMeter } from '../frames/frameMeter.ts';
import type { RecentMs } from '../frames/recentMs.ts';
import { recognise, type DigitModel, type Recognition } from './recognise.ts';
import { ShownAnswer } from './shownAnswer.ts';
import { Throttle } from '../throttle.ts';

export interface LiveDigitOptions {
  readonly grid: Grid;
  /** the loaded model, null while none is loaded */
  model(): DigitModel | null;
  /** the loaded model's "not a digit" threshold, null for a model that only names digits */
  rejectThreshold(): number | null;
  /** called with each answer that is shown (never a stale one), including the blank one after a Reset */
  show(recognition: Recognition): void;
  /** every reading's normalisation + model time, shown or not */
  readonly latencies: RecentMs;
  /** the frame budget our work between frames is charged to */
  readonly meter: FrameMeter;
  readonly timer: Timer;
  /** at most one reading per this many ms while drawing */
  readonly intervalMs: number;
}

/** Free draw's live recognition: the 28x28 grid read while drawing, throttled, stale answers dropped. */
export class LiveDigit {
  private readonly shown: ShownAnswer<Recognition>;
  private readonly throttle: Throttle;

  constructor(private readonly options: LiveDigitOptions) {
    this.shown = new ShownAnswer(blankFor(options.grid));
    this.throttle = new Throttle(() => this.classifyLatest(), options.intervalMs, options.timer);
  }

  /** What the page shows now. */
  current(): Prediction {
    return this.shown.current().prediction;
  }

  /** Ink changed (or a model arrived): read again soon. */
  request(): void {
    this.throttle.request();
  }

  /** The model changed (a personal model, or back to the base): read the same drawing again. */
  reread(): void {
    this.options.grid.version++;
    this.throttle.request();
  }

  /** Reads now, ignoring the interval (Classify, Enter). */
  now(): Promise<void> {
    return this.throttle.now();
  }

  /** Empties the grid; the blank answer shows at once. */
  reset(): void {
    clearGrid(this.options.grid);
    this.shown.replace(blankFor(this.options.grid));
    this.options.show(this.shown.current());
  }

  /** Resolves with the answer once it is for the grid as it is; call only once a model is loaded. */
  async settled(): Promise<Prediction> {
    while (!this.shown.isFor(this.options.grid.version)) await this.throttle.now();
    return this.current();
  }

  private async classifyLatest(): Promise<void> {
    const model = this.options.model();
    if (model === null || this.shown.isFor(this.options.grid.version)) return;
    const { timer } = this.options;
    const start = timer.now();
    const result = await recognise(this.options.grid, model, () => timer.now(), this.options.rejectThreshold());
    this.options.latencies.add(result.ms);
    if (this.shown.offer(result)) this.options.show(result);
    this.options.meter.add(timer.now() - start);
  }
}

function blankFor(grid: Grid): Recognition {
  return { prediction: BLANK_PREDICTION, seen: null, gridVersion: grid.version, ms: 0 };
}
