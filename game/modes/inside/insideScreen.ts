import type { Container } from 'pixi.js';
import type { EditableGrid } from '../../shell/drawingEdits.ts';
import { timed } from '../../shell/frames/frameMeter.ts';
import { toClient, type ModeApi } from '../../shell/modeApi.ts';
import { BROWSER_TIMER } from '../../shell/platform/timer.ts';
import type { Screen } from '../../shell/screen.ts';
import type { Shell } from '../../shell/shell.ts';
import type { Rect } from '../../shell/layout/rect.ts';
import type { GridView } from '../../shell/view/gridView.ts';
import { handleBackOrClear } from '../../shell/sharedKeys.ts';
import { InsideLive, LAYERS_INTERVAL_MS } from './insideLive.ts';
import { InsideModel } from './insideModel.ts';
import { InsideScreenView } from './view/insideScreenView.ts';

/** Arrow keys: [pages, layers] to move. */
const ARROWS: Readonly<Record<string, readonly [number, number]>> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

/** The Inside mode: the shell's grid read through every layer of the network, and why it chose. */
export class InsideScreen implements Screen {
  // nothing moves by itself: readings, hovers and page turns invalidate the frame they change
  readonly animates = false;
  private readonly inside: InsideScreenView;
  private readonly model: InsideModel;
  private readonly live: InsideLive;
  private readonly drawing: EditableGrid;

  constructor(private readonly shell: Shell) {
    const { grid, models, clock, host } = shell;
    this.inside = new InsideScreenView(grid, {
      clear: () => {
        shell.edits.beforeClear(grid);
        this.live.reset();
      },
      menu: () => { host.dispatch({ type: 'back' }); },
      explain: (digit) => { this.live.explain(digit); },
    });
    this.model = new InsideModel(() => models.loaded, new URL('models/', shell.siteRoot));
    this.live = new InsideLive({
      grid,
      network: () => this.model.network(),
      view: {
        show: (...shown) => {
          this.inside.show(...shown);
          clock.invalidate();
        },
      },
      meter: shell.meter,
      timer: BROWSER_TIMER,
      intervalMs: LAYERS_INTERVAL_MS,
    });
    this.drawing = { grid, changed: () => { this.live.request(); } };
    models.digitReady.then(() => { if (host.modeNow().kind === 'inside') this.enter(); }, () => undefined);
  }

  get view(): Container {
    return this.inside;
  }

  choose(): null {
    this.shell.host.dispatch({ type: 'chooseInside' });
    return null;
  }

  /** Builds the network's multi-output model once one is loaded, then reads the grid. */
  enter(): void {
    void this.model.prepare().then((shown) => {
      if (shown === null) return;
      this.inside.setNetwork(shown);
      this.live.request();
      this.shell.clock.invalidate();
    });
  }

  layout(width: number, height: number): void {
    this.inside.layout(width, height);
  }

  tick(): boolean {
    return this.inside.tick();
  }

  /**
   * Escape closes the top-most panel (card, then map detail) before it clears the drawing; the
   * arrow keys turn the pages of maps (left / right) and jump between layers (up / down).
   */
  handleKey(key: string): boolean {
    const { edits, grid, meter, now } = this.shell;
    if (key === 'Escape' && this.inside.escape() !== 'clear') {
      this.shell.clock.invalidate();
      return true;
    }
    const arrow = ARROWS[key];
    if (arrow !== undefined) {
      this.inside.step(...arrow);
      return true;
    }
    return handleBackOrClear(this.shell, key, () => {
      edits.beforeClear(grid);
      timed(meter, now, () => { this.live.reset(); });
    });
  }

  drawingOn(): EditableGrid {
    return this.drawing;
  }

  gridView(): GridView {
    return this.inside.gridView;
  }

  tools(): null {
    return null;
  }

  exposed(): Pick<ModeApi, 'inside' | 'settledInside' | 'insideRegions' | 'insideCard' | 'insideEnlarged'> {
    const canvas = this.shell.app.canvas;
    return {
      inside: () => this.live.current(),
      settledInside: async () => {
        await this.shell.models.digitReady;
        return this.live.settled();
      },
      insideRegions: () => {
        const r = this.inside.regions();
        const client = (rect: Rect) => toClient(canvas, rect);
        return {
          ...r, grid: client(r.grid), firstTile: r.firstTile === null ? null : client(r.firstTile), tiles: r.tiles.map(client),
          bars: r.bars.map(client), card: client(r.card), next: client(r.next),
        };
      },
      insideCard: () => this.inside.cardShown(),
      insideEnlarged: () => this.inside.enlarged(),
    };
  }
}
