import type { Tool } from './state/eraser.ts';
import type { Grid } from '../../common/ink/grid.ts';
import { canRedo, canUndo, createHistory, forgetHistory, recordChange, recordSnapshot, redo, undo, type StrokeHistory } from './state/strokeHistory.ts';

/** A grid the player draws on, with what to do once undo or redo changed it (read it again). */
export interface EditableGrid {
  readonly grid: Grid;
  changed(): void;
}

export interface DrawingEditsOptions {
  /** the grid being drawn on now, or null on screens without one (menu, settings, a round's result) */
  active(): EditableGrid | null;
  /** the tool or what can be undone changed: update each screen's buttons from its own grid's state */
  show(stateOf: (grid: Grid) => EditState): void;
}

export interface EditState {
  readonly tool: Tool;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
}

/**
 * Undo, redo and the eraser toggle for every drawing screen. Each grid has its own history; a
 * gesture is recorded when it ends, and only if it changed the grid, so an eraser stroke over blank
 * paper leaves nothing to undo.
 */
export class DrawingEdits {
  private readonly histories = new Map<Grid, StrokeHistory>();
  private pending: { readonly grid: Grid; readonly version: number; readonly cells: Float32Array } | null = null;
  private toggled: Tool = 'pen';

  constructor(private readonly options: DrawingEditsOptions) {}

  tool(): Tool {
    return this.toggled;
  }

  toggleEraser(): void {
    this.toggled = this.toggled === 'pen' ? 'eraser' : 'pen';
    this.show();
  }

  /** A gesture starts on `grid`: keep its cells until we know whether it changed them. */
  strokeStarted(grid: Grid): void {
    this.pending = { grid, version: grid.version, cells: grid.cells.slice() };
  }

  strokeEnded(grid: Grid): void {
    const pending = this.pending;
    this.pending = null;
    if (pending?.grid !== grid || grid.version === pending.version) return;
    recordSnapshot(this.historyOf(grid), pending.cells);
    this.show();
  }

  /** Call before the player clears `grid` (Reset, Escape): a clear can be undone too. */
  beforeClear(grid: Grid): void {
    if (grid.cells.every((v) => v === 0)) return;
    recordChange(this.historyOf(grid), grid);
    this.show();
  }

  /** A new challenge round starts on an empty canvas: the last round's drawing is not undoable into it. */
  forget(grid: Grid): void {
    forgetHistory(this.historyOf(grid));
    this.pending = null;
    this.show();
  }

  undo(): boolean {
    return this.apply(undo);
  }

  redo(): boolean {
    return this.apply(redo);
  }

  /** What a screen's buttons show for its grid. */
  stateOf(grid: Grid): EditState {
    const history = this.historyOf(grid);
    return { tool: this.toggled, canUndo: canUndo(history), canRedo: canRedo(history) };
  }

  show(): void {
    this.options.show((grid) => this.stateOf(grid));
  }

  private apply(step: (history: StrokeHistory, grid: Grid) => boolean): boolean {
    const active = this.options.active();
    if (active === null || !step(this.historyOf(active.grid), active.grid)) return false;
    active.changed();
    this.show();
    return true;
  }

  private historyOf(grid: Grid): StrokeHistory {
    let history = this.histories.get(grid);
    if (history === undefined) {
      history = createHistory();
      this.histories.set(grid, history);
    }
    return history;
  }
}
