import { NUM_CLASSES } from '../../../common/digit.ts';
import { NOT_A_DIGIT } from '../../../common/reading.ts';
import { centreLikeMnist } from '../../../common/preprocess.ts';
import type { InsideNetwork } from './platform/insideNetwork.ts';
import type { InputFrame, InsideReading } from './state/insideLayers.ts';
import type { Timer } from '../../shell/platform/timer.ts';
import { gridAttribution } from './state/attributionMap.ts';
import { asInkImage, clearGrid, type Grid } from '../../../common/ink/grid.ts';
import type { FrameMeter } from '../../shell/frames/frameMeter.ts';
import { Throttle } from '../../shell/throttle.ts';

export interface InsideShow {
  show(seen: Float32Array | null, frame: InputFrame | null, reading: InsideReading | null, attribution: Float32Array | null, explained: number | null, status: string): void;
}

export interface InsideLiveOptions {
  readonly grid: Grid;
  /** the loaded model's layers, null while none is loaded */
  network(): InsideNetwork | null;
  readonly view: InsideShow;
  readonly meter: FrameMeter;
  readonly timer: Timer;
  readonly intervalMs: number;
}

/**
 * At most one pass through every layer per this many ms while the pen moves. A pass (every layer's
 * maps, then painting the page shown) costs about 1.3 predictions, and free draw predicts every
 * LIVE_INTERVAL_MS (80 ms); at twice that interval drawing here costs the main thread about what
 * it costs in free draw (BENCHMARKS.md, "The Inside mode at full speed"), and the maps still follow
 * the pen six times a second. The ink itself is drawn every frame, apart from any pass.
 */
export const LAYERS_INTERVAL_MS = 160;

/**
 * How long the ink must rest before the heat map is computed, ms. A gradient through the network
 * costs about a frame on a laptop without a GPU; between two pointer moves of a slow or busy
 * machine (over 80 ms apart) it would run and be thrown away at the next move, so it waits for a
 * pause a person makes on purpose: lifting the pen, or stopping to look.
 */
export const HEAT_MAP_REST_MS = 300;

/** What the Inside mode shows now, for window.handwrittenDigits.inside(). */
export interface InsideReport {
  readonly gridVersion: number;
  /** the top output, null for a blank grid */
  readonly guess: number | null;
  /** the digit the heat map explains: the guess, or the one whose bar was tapped */
  readonly explained: number | null;
  readonly probabilities: readonly number[];
  /** cells the heat map colours (non-zero attribution) */
  readonly heatCells: readonly number[];
}

/**
 * The Inside mode's live loop: on ink, at most once per interval, the normalised input through the
 * multi-output model (every layer) and the gradient of the explained digit, carried back onto the
 * grid's cells. The player picks the explained digit by tapping its bar; tapping it again, or new
 * ink after clearing, goes back to explaining the guess.
 */
export class InsideLive {
  private readonly throttle: Throttle;
  private chosen: number | null = null;
  private shownVersion = -1;
  /** the heat map shown is for shownVersion (it is left out while the pen moves) */
  private attributed = false;
  private lastInk = Number.NEGATIVE_INFINITY;
  private shownChoice: number | null = null;
  private report: InsideReport;

  constructor(private readonly options: InsideLiveOptions) {
    this.throttle = new Throttle(() => this.update(), options.intervalMs, options.timer);
    this.report = { gridVersion: -1, guess: null, explained: null, probabilities: new Array<number>(NUM_CLASSES).fill(0), heatCells: [] };
  }

  /** Ink changed: read again soon. */
  request(): void {
    this.lastInk = this.options.timer.now();
    this.throttle.request();
  }

  /** "Why not that one?": explain `digit` instead of the guess; the same digit again goes back to the guess. */
  explain(digit: number): void {
    this.chosen = this.chosen === digit ? null : digit;
    this.throttle.request();
  }

  reset(): void {
    clearGrid(this.options.grid);
    this.chosen = null;
    this.throttle.request();
  }

  current(): InsideReport {
    return this.report;
  }

  /** Resolves once what is shown is for the grid as it is and the digit chosen. */
  async settled(): Promise<InsideReport> {
    while (this.shownVersion !== this.options.grid.version || this.shownChoice !== this.chosen || !this.attributed || this.options.network() === null) {
      await this.throttle.now();
      if (this.options.network() === null) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return this.report;
  }

  private async update(): Promise<void> {
    const network = this.options.network();
    const { grid, timer, view } = this.options;
    if (network === null) return;
    if (this.shownVersion === grid.version && this.shownChoice === this.chosen && this.attributed) return;
    const version = grid.version;
    const chosen = this.chosen;
    const start = timer.now();
    const normal = centreLikeMnist(asInkImage(grid));
    if (normal.blank) {
      view.show(null, null, null, null, null, 'Draw a digit · then point at a map to see where it looks');
      this.shownVersion = version;
      this.shownChoice = chosen;
      this.attributed = true;
      this.report = { gridVersion: version, guess: null, explained: null, probabilities: new Array<number>(NUM_CLASSES).fill(0), heatCells: [] };
      this.options.meter.add(timer.now() - start);
      return;
    }
    const reading = await network.read(normal.pixels);
    const probabilities = Array.from(reading.probabilities);
    const guess = probabilities.indexOf(Math.max(...probabilities));
    const explained = chosen ?? guess;
    const p = (d: number) => `${((probabilities[d] ?? 0) * 100).toFixed(1)} %`;
    const read = guess === NOT_A_DIGIT ? `reads no digit (not a digit ${p(guess)})` : `reads ${guess} (${p(guess)})`;
    const name = (d: number) => (d === NOT_A_DIGIT ? '"not a digit"' : String(d));
    // The layers and the gradient each take a good part of a frame: while the pen moves only the
    // layers follow it, and the heat map comes once the ink has rested for HEAT_MAP_REST_MS.
    this.options.meter.add(timer.now() - start);
    const rested = timer.now() - this.lastInk;
    if (rested < HEAT_MAP_REST_MS) {
      view.show(normal.pixels, normal, reading, null, explained, `The network ${read}; the heat map follows when you pause`);
      this.shownVersion = version;
      this.shownChoice = chosen;
      this.attributed = false;
      this.report = { gridVersion: version, guess, explained, probabilities, heatCells: [] };
      timer.after(HEAT_MAP_REST_MS - rested, () => { this.throttle.request(); });
      return;
    }
    // a turn for the browser between the layers and the gradient, so one frame never carries both

    await new Promise<void>((resolve) => { timer.after(0, resolve); });
    const gradientStart = timer.now();
    const attribution = gridAttribution(grid, await network.gradient(normal.pixels, explained));
    // a stroke may have landed while the model ran: show nothing stale, read again
    if (grid.version !== version) {
      this.options.meter.add(timer.now() - gradientStart);
      this.throttle.request();
      return;
    }
    const status = explained === guess ? `The network ${read}; the heat map shows why` : `Why not ${name(explained)} (${p(explained)})? The network ${read}`;
    view.show(normal.pixels, normal, reading, attribution, explained, status);
    this.shownVersion = version;
    this.shownChoice = chosen;
    this.attributed = true;
    const heatCells: number[] = [];
    attribution?.forEach((v, i) => { if (v !== 0) heatCells.push(i); });
    this.report = { gridVersion: version, guess, explained, probabilities, heatCells };
    this.options.meter.add(timer.now() - gradientStart);
  }
}
