import type { Container } from 'pixi.js';
import type { EditableGrid } from '../../shell/drawingEdits.ts';
import { timed } from '../../shell/frames/frameMeter.ts';
import { toClient, type ModeApi } from '../../shell/modeApi.ts';
import { drawingOf } from '../../shell/personalDigits.ts';
import type { Recognition } from '../../shell/reading/recognise.ts';
import type { Screen } from '../../shell/screen.ts';
import { toolsState, type Shell } from '../../shell/shell.ts';
import { pressMeant, type MeantGate } from '../../shell/state/meantGate.ts';
import { freeDrawKey, keyAction, meantDigit } from '../../shell/state/modeKeys.ts';
import { freeSubtitle, meantHint, type PointerKind } from '../../shell/state/pointerKind.ts';
import type { DrawingToolsView } from '../../shell/view/drawingTools.ts';
import type { GridView } from '../../shell/view/gridView.ts';
import { FreeScreenView } from './view/freeScreenView.ts';

/** Elapsed time so long that every easing has arrived: reduced motion shows end states at once. */
const SETTLED_FRAMES = Number.POSITIVE_INFINITY;

/** Free draw: the shell's grid read live, Reset and Classify, and "I meant this digit" saved for teaching. */
export class FreeScreen implements Screen {
  readonly animates = false;
  private readonly free: FreeScreenView;
  private readonly drawing: EditableGrid;
  private modelLabel = '';
  private pointerKind: PointerKind | null = null;
  /** counts changes of the grid: a save's message and a pending second press belong to one drawing */
  private drawingVersion = 0;
  private gate: MeantGate = null;

  constructor(private readonly shell: Shell) {
    const { grid, reading, edits } = shell;
    this.drawing = {
      grid,
      changed: () => {
        this.drawingChanged();
        reading.request();
      },
    };
    this.free = new FreeScreenView(grid, {
      ...shell.tools,
      reset: () => {
        edits.beforeClear(grid);
        this.drawingChanged();
        reading.reset();
      },
      classify: () => void reading.now(),
      menu: () => { shell.host.dispatch({ type: 'back' }); },
      meant: (digit) => { this.meant(digit); },
    });
  }

  get view(): Container {
    return this.free;
  }

  choose(): null {
    this.shell.host.dispatch({ type: 'chooseFree' });
    return null;
  }

  layout(width: number, height: number): void {
    this.free.layout(width, height);
  }

  /** What was said about the last drawing is stale on return. */
  leave(): void {
    this.drawingChanged();
  }

  /**
   * The prediction panel eases; the model label follows the model playing (a personal one after
   * teaching), the hints the pointer in use (a finger taps a bar, a mouse has keys beside it).
   */
  tick(frames: number): boolean {
    const label = this.shell.models.label(this.shell.renderer);
    const relabelled = label !== this.modelLabel;
    if (relabelled) {
      this.modelLabel = label;
      this.free.setModelLabel(label);
    }
    const kind = this.shell.pointerKind();
    const rehinted = kind !== this.pointerKind;
    if (rehinted) {
      this.pointerKind = kind;
      this.free.setHints(freeSubtitle(kind), meantHint(kind));
      // the subtitle's width decides whether it fits beside the title
      this.free.layout(this.shell.app.screen.width, this.shell.app.screen.height);
    }
    return this.free.tick(this.shell.reducedMotion() ? SETTLED_FRAMES : frames) || relabelled || rehinted;
  }

  handleKey(key: string): boolean {
    const { host, reading } = this.shell;
    const action = keyAction(host.modeNow(), key);
    if (action === 'back' || action === 'inside') {
      host.dispatch({ type: action === 'back' ? 'back' : 'chooseInside' });
      return true;
    }
    switch (freeDrawKey(key)) {
      case 'classify':
        void reading.now();
        return true;
      case 'clear':
        this.clear();
        return true;
      case null: {
        const digit = meantDigit(key);
        if (digit === null) return false;
        this.meant(digit);
        return true;
      }
    }
  }

  drawingOn(): EditableGrid {
    return this.drawing;
  }

  gridView(): GridView {
    return this.free.gridView;
  }

  tools(): DrawingToolsView {
    return this.free.tools;
  }

  recognised(recognition: Recognition): void {
    this.free.showPrediction(recognition.prediction, recognition.seen);
  }

  toolsChanged(): void {
    this.free.showTools(toolsState(this.shell, this.shell.grid));
  }

  showMessage(text: string): void {
    this.free.setMessage(text);
  }

  exposed(): Pick<ModeApi, 'predictionRegions' | 'barRect' | 'meantHint'> {
    const canvas = this.shell.app.canvas;
    return {
      predictionRegions: () => {
        const { digit, preview } = this.free.predictionRegions();
        return { digit: toClient(canvas, digit), preview: toClient(canvas, preview) };
      },
      barRect: (digit) => toClient(canvas, this.free.barRect(digit)),
      meantHint: () => this.free.meantHint(),
    };
  }

  private clear(): void {
    const { edits, grid, meter, now, reading } = this.shell;
    edits.beforeClear(grid);
    this.drawingChanged();
    timed(meter, now, () => { reading.reset(); });
  }

  /** A new drawing: the last one's message goes, and so does a pending second press. */
  private drawingChanged(): void {
    this.drawingVersion++;
    this.gate = null;
    this.free.setStatus('', true);
    this.shell.clock.invalidate();
  }

  /** "I meant this digit": the grid as drawn, with the guess on screen; a digit it already reads asks twice. */
  private meant(digit: number): void {
    const { personal, grid, reading, clock } = this.shell;
    const drawing = drawingOf(grid.cells.slice(), reading.current());
    const press = pressMeant(this.gate, digit, drawing.guess, this.drawingVersion);
    this.gate = press.gate;
    if (!press.save) {
      this.free.setStatus(press.message, false);
      clock.invalidate();
      return;
    }
    const version = this.drawingVersion;
    void personal.correct(drawing, digit).then(({ saved, message }) => {
      // a message about a drawing already gone would be read as about the new one
      if (version !== this.drawingVersion) return;
      this.free.setStatus(message, saved);
      clock.invalidate();
    });
  }
}
