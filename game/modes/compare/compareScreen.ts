import type { Container } from 'pixi.js';
import { isBlank } from '../../../common/ink/grid.ts';
import type { EditableGrid } from '../../shell/drawingEdits.ts';
import { timed } from '../../shell/frames/frameMeter.ts';
import { toClient, type ModeApi } from '../../shell/modeApi.ts';
import type { CompareReport } from '../../shell/platform/api.ts';
import type { Classifier } from '../../shell/platform/classifier.ts';
import { BROWSER_TIMER } from '../../shell/platform/timer.ts';
import { recognise } from '../../shell/reading/recognise.ts';
import type { Screen } from '../../shell/screen.ts';
import { LIVE_INTERVAL_MS, type Shell } from '../../shell/shell.ts';
import { Throttle } from '../../shell/throttle.ts';
import type { GridView } from '../../shell/view/gridView.ts';
import { handleBackOrClear } from '../../shell/sharedKeys.ts';
import { CompareModels } from './compareModels.ts';
import { columnsFor, staleColumns, withLoaded, withReading, type CompareColumn } from './state/compareColumns.ts';
import { answerOf, captionFor, verdict } from './state/compareVerdict.ts';
import { CompareScreenView } from './view/compareScreenView.ts';

/**
 * The Compare mode: free draw's grid read by every model there is, side by side. Each model is read
 * through the same normalisation and reading rule as free draw (shell/reading/recognise.ts), with
 * its own "not a digit" threshold; all of them in one throttled pass, so drawing stays smooth.
 */
export class CompareScreen implements Screen {
  readonly animates = false;
  private readonly compare: CompareScreenView;
  private readonly models: CompareModels;
  private readonly drawing: EditableGrid;
  private readonly throttle: Throttle;
  private readonly classifiers = new Map<string, Classifier>();
  private columns: readonly CompareColumn[] = [];
  /** resolves once every column of the last enter() has loaded or failed */
  private loading: Promise<void> = Promise.resolve();

  constructor(private readonly shell: Shell) {
    const { grid, host } = shell;
    this.models = new CompareModels(shell.models);
    this.compare = new CompareScreenView(grid, {
      clear: () => { this.clear(); },
      menu: () => { host.dispatch({ type: 'back' }); },
    });
    this.throttle = new Throttle(() => this.readStale(), LIVE_INTERVAL_MS, BROWSER_TIMER);
    this.drawing = { grid, changed: () => { this.throttle.request(); } };
  }

  get view(): Container {
    return this.compare;
  }

  choose(): null {
    this.shell.host.dispatch({ type: 'chooseCompare' });
    return null;
  }

  /** Lists the models there are now (a personal model may have been taught since) and loads those not loaded yet. */
  enter(): void {
    this.loading = this.models.sources().then(async (sources) => {
      this.update(columnsFor(sources, this.columns));
      await Promise.all(this.columns.filter((column) => column.status === 'loading').map(async ({ source }) => {
        try {
          this.classifiers.set(source.name, await this.models.classifier(source));
          this.update(withLoaded(this.columns, source.name, null));
        } catch (error) {
          this.update(withLoaded(this.columns, source.name, error instanceof Error ? error.message : String(error)));
        }
        this.throttle.request();
      }));
    }, (error: unknown) => {
      this.shell.messages.add(`Compare: the list of models could not be read (${error instanceof Error ? error.message : String(error)})`);
    });
    this.throttle.request();
  }

  /** Free draw shows the same grid: its reading follows what was drawn here. */
  leave(): void {
    this.shell.reading.request();
  }

  layout(width: number, height: number): void {
    this.compare.layout(width, height);
  }

  tick(): boolean {
    return this.compare.tick();
  }

  handleKey(key: string): boolean {
    return handleBackOrClear(this.shell, key, () => { this.clear(); });
  }

  drawingOn(): EditableGrid {
    return this.drawing;
  }

  gridView(): GridView {
    return this.compare.gridView;
  }

  tools(): null {
    return null;
  }

  exposed(): Pick<ModeApi, 'compare' | 'settledCompare'> {
    return {
      compare: () => this.report(),
      settledCompare: async () => {
        await this.loading;
        const version = (): number => this.shell.grid.version;
        while (staleColumns(this.columns, version()).length > 0) await this.throttle.now();
        return this.report();
      },
    };
  }

  private report(): CompareReport {
    const cards = this.compare.cardRects();
    return {
      verdict: verdict(this.columns, this.shell.grid.version, isBlank(this.shell.grid)),
      columns: this.columns.map((column, i) => ({
        name: column.source.name,
        kind: column.source.kind,
        status: column.status,
        problem: column.problem,
        answer: answerOf(column),
        digit: column.prediction.digit,
        probabilities: column.prediction.probabilities,
        caption: captionFor(column),
        canRefuse: column.source.entry.rejectThreshold !== null,
        rect: toClient(this.shell.app.canvas, cards[i] ?? { x: 0, y: 0, width: 0, height: 0 }),
      })),
    };
  }

  private clear(): void {
    const { edits, grid, meter, now, reading } = this.shell;
    edits.beforeClear(grid);
    // the shared grid is free draw's: its own reading shows the blank too
    timed(meter, now, () => { reading.reset(); });
    this.throttle.request();
    this.shell.clock.invalidate();
  }

  /** Reads the grid with every ready model whose reading is not for the grid as it is. */
  private async readStale(): Promise<void> {
    const { grid, meter, now } = this.shell;
    for (const column of staleColumns(this.columns, grid.version)) {
      const classifier = this.classifiers.get(column.source.name);
      if (classifier === undefined) continue;
      const start = now();
      const { prediction, gridVersion } = await recognise(grid, classifier, now, column.source.entry.rejectThreshold);
      meter.add(now() - start);
      this.update(withReading(this.columns, column.source.name, prediction, gridVersion));
    }
  }

  private update(columns: readonly CompareColumn[]): void {
    this.columns = columns;
    this.compare.show(columns, verdict(columns, this.shell.grid.version, isBlank(this.shell.grid)));
    this.shell.clock.invalidate();
  }
}
