import type { Container } from 'pixi.js';
import { IMAGE_SIZE } from '../../../common/digit.ts';
import { createGrid, type Grid } from '../../../common/ink/grid.ts';
import type { EditableGrid } from '../../shell/drawingEdits.ts';
import type { ModeApi } from '../../shell/modeApi.ts';
import { BROWSER_TIMER } from '../../shell/platform/timer.ts';
import type { Screen } from '../../shell/screen.ts';
import { drawOn, toolsState, type Shell } from '../../shell/shell.ts';
import type { DrawingToolsView } from '../../shell/view/drawingTools.ts';
import type { GridView } from '../../shell/view/gridView.ts';
import { handleBackOrClear } from '../../shell/sharedKeys.ts';
import { LiveNumber } from './liveNumber.ts';
import { NumberScreenView } from './view/numberScreenView.ts';

/** The Number mode's grid: four MNIST-sized digits side by side, at the same cell size. */
const NUMBER_COLUMNS = 4 * IMAGE_SIZE;
/** Reading a number sends ~100 pieces through the model: ~5 readings a second keeps the pen smooth. */
const NUMBER_INTERVAL_MS = 200;

/** The Number mode: several digits on a wide grid of its own, read live as one number. */
export class NumberScreen implements Screen {
  readonly animates = false;
  private readonly grid: Grid = createGrid(NUMBER_COLUMNS, IMAGE_SIZE);
  private readonly number: NumberScreenView;
  private readonly live: LiveNumber;
  private readonly drawing: EditableGrid;

  constructor(private readonly shell: Shell) {
    const { models, clock, numberReads } = shell;
    this.live = new LiveNumber({
      grid: this.grid,
      classifier: () => models.classifyBatch(),
      verifier: () => models.verifyBatch(),
      show: (report, ms) => {
        if (ms > 0) numberReads.add(ms);
        this.number.show(report);
        clock.invalidate();
      },
      timer: BROWSER_TIMER,
      intervalMs: NUMBER_INTERVAL_MS,
    });
    this.number = new NumberScreenView(this.grid, { ...shell.tools, reset: () => { this.clear(); }, menu: () => { shell.host.dispatch({ type: 'back' }); } });
    this.drawing = { grid: this.grid, changed: () => { this.live.request(); } };
    drawOn(shell, this.grid);
    models.digitReady.then(() => { this.live.request(); }, () => undefined);
    // the piece verifier may load after the digit model: read again with it
    models.allReady.then(() => { if (models.verifier !== null) this.live.reread(); }, () => undefined);
  }

  get view(): Container {
    return this.number;
  }

  choose(): null {
    this.shell.host.dispatch({ type: 'chooseNumber' });
    return null;
  }

  layout(width: number, height: number): void {
    this.number.layout(width, height);
  }

  tick(): boolean {
    return this.number.tick();
  }

  handleKey(key: string): boolean {
    return handleBackOrClear(this.shell, key, () => { this.clear(); });
  }

  drawingOn(): EditableGrid {
    return this.drawing;
  }

  gridView(): GridView {
    return this.number.gridView;
  }

  tools(): DrawingToolsView {
    return this.number.tools;
  }

  toolsChanged(): void {
    this.number.showTools(toolsState(this.shell, this.grid));
  }

  exposed(): Pick<ModeApi, 'number' | 'settledNumber'> {
    return {
      number: () => this.live.current(),
      settledNumber: async () => {
        await this.shell.models.allReady;
        return this.live.settled();
      },
    };
  }

  private clear(): void {
    this.shell.edits.beforeClear(this.grid);
    this.live.reset();
  }
}
