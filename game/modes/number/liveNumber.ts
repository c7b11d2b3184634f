import type { ClassifyBatch, VerifyBatch } from '../../../common/segmentation/readNumber.ts';
import { clearGrid, type Grid } from '../../../common/ink/grid.ts';
import { BLANK_NUMBER, type NumberReport } from '../../shell/state/numberReport.ts';
import { readGrid, type NumberRecognition } from './numberReading.ts';
import { PieceCache } from './pieceCache.ts';
import { ShownAnswer } from '../../shell/reading/shownAnswer.ts';
import type { Timer } from '../../shell/platform/timer.ts';
import { Throttle } from '../../shell/throttle.ts';

export interface LiveNumberOptions {
  readonly grid: Grid;
  /** the loaded model's batch classifier, null while none is loaded */
  classifier(): ClassifyBatch | null;
  /** the piece verifier's batch function, null while none is loaded (or none exists) */
  verifier(): VerifyBatch | null;
  /** called with each answer that is shown (never a stale one), and how long reading it took
   * (segmentation and both models; 0 for the blank answer after a Reset) */
  show(report: NumberReport, ms: number): void;
  readonly timer: Timer;
  /**
   * At most one reading per this many ms while drawing: a touching number sends around a hundred
   * candidate pieces through the model per reading, so reading on every pointer move would stall
   * the pen.
   */
  readonly intervalMs: number;
}

/**
 * Reads the wide grid live: throttled, never two readings in flight, and an answer for an older
 * grid than the one shown is dropped (a Reset while the model ran makes it stale). Each model sees
 * only the pieces whose input changed since it last saw them (pieceCache.ts).
 */
export class LiveNumber {
  private readonly shown: ShownAnswer<NumberRecognition>;
  /** the answer shown was read with fewer models than are loaded now */
  private stale = false;
  private readonly throttle: Throttle;
  private readonly digitCache = new PieceCache();
  private readonly verifierCache = new PieceCache();

  constructor(private readonly options: LiveNumberOptions) {
    this.shown = new ShownAnswer(blankFor(options.grid));
    this.throttle = new Throttle(() => this.readLatest(), options.intervalMs, options.timer);
  }

  /** What the page shows now. */
  current(): NumberReport {
    return this.shown.current().report;
  }

  /** Ink changed: read again soon. */
  request(): void {
    this.throttle.request();
  }

  /** A model arrived (the piece verifier loads after the digit model): read the same ink again soon. */
  reread(): void {
    this.stale = true;
    this.throttle.request();
  }

  /** Empties the grid; the blank answer shows at once. */
  reset(): void {
    clearGrid(this.options.grid);
    this.shown.replace(blankFor(this.options.grid));
    this.options.show(BLANK_NUMBER, 0);
  }

  /** Resolves with the answer once it is for the grid as it is (waits for a model to be loaded). */
  async settled(): Promise<NumberReport> {
    while ((this.stale || !this.shown.isFor(this.options.grid.version)) && this.options.classifier() !== null) {
      await this.throttle.now();
    }
    return this.shown.current().report;
  }

  private async readLatest(): Promise<void> {
    const classify = this.options.classifier();
    if (classify === null || (!this.stale && this.shown.isFor(this.options.grid.version))) return;
    this.stale = false;
    const verify = this.options.verifier();
    const result = await readGrid(this.options.grid, this.digitCache.wrap(classify), () => this.options.timer.now(), verify === null ? undefined : this.verifierCache.wrap(verify));
    if (this.shown.offer(result)) this.options.show(result.report, result.ms);
  }
}

function blankFor(grid: Grid): NumberRecognition {
  return { report: BLANK_NUMBER, gridVersion: grid.version, ms: 0 };
}
