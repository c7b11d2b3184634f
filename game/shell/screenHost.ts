import type { Container } from 'pixi.js';
import type { Random } from '../../common/random.ts';
import type { BestScores } from './bestScores.ts';
import type { EditableGrid } from './drawingEdits.ts';
import type { ModeApi } from './modeApi.ts';
import type { Recognition } from './reading/recognise.ts';
import type { HostedScreen, ModeKind, Screen } from './screen.ts';
import { reportMode, type ModeReport } from './state/modeReport.ts';
import { MENU, next, type Mode, type ModeEvent } from './state/modes.ts';
import type { DrawingToolsView } from './view/drawingTools.ts';
import type { GridView } from './view/gridView.ts';

export interface ScreenHostOptions {
  readonly random: Random;
  readonly scores: BestScores;
  /** the clock the mode machine runs on, ms */
  now(): number;
  /** every change of mode, after it is shown (the screen reader's announcements) */
  modeChanged(before: Mode, after: Mode): void;
}

/**
 * Owns the current Mode, feeds the mode machine (shell/state/modes.ts) its events with the clock and
 * randomness, and shows the screen of each mode. The screens are built after it (they receive it to
 * change modes) and attached once; every rule lives in modes.ts and in the screens.
 */
export class ScreenHost {
  private mode: Mode = MENU;
  private screens: readonly HostedScreen[] = [];

  constructor(private readonly options: ScreenHostOptions) {}

  /** Adds the screens' views to `stage` and shows the menu's. */
  attach(screens: readonly HostedScreen[], stage: Container): void {
    this.screens = screens;
    for (const { screen } of screens) stage.addChild(screen.view);
    this.show();
    this.current()?.enter?.();
  }

  /** The screen showing the current mode (null only before attach). */
  current(): Screen | null {
    return this.screenFor(this.mode.kind);
  }

  /** The mode now, for what follows it frame by frame (the sound cues) and the screens' own rules. */
  modeNow(): Mode {
    return this.mode;
  }

  /** Mode as reported by window.handwrittenDigits.mode(); the menu and summary add the best score saved. */
  report(): ModeReport | (ModeReport & { readonly best: number }) {
    const report = reportMode(this.mode, this.options.now());
    return report.kind === 'menu' || report.kind === 'summary' ? { ...report, best: this.options.scores.best() } : report;
  }

  dispatch(event: ModeEvent): void {
    const before = this.mode;
    const after = next(before, event, this.options.now(), this.options.random);
    if (after === before) return;
    this.mode = after;
    const from = this.screenFor(before.kind);
    const to = this.screenFor(after.kind);
    if (from !== to) {
      from?.leave?.();
      this.show();
      to?.enter?.();
    }
    to?.follow?.(before, after);
    this.options.modeChanged(before, after);
  }

  /** The current screen's own keys; true when the key was used (the caller then prevents its default). */
  handleKey(key: string): boolean {
    return this.current()?.handleKey(key) ?? false;
  }

  /** Every frame: time-outs end on time, and every screen moves; true when something drawn changed. */
  tick(frames: number): boolean {
    this.dispatch({ type: 'tick' });
    let changed = false;
    for (const { screen } of this.screens) changed = screen.tick(frames) || changed;
    return changed;
  }

  animates(): boolean {
    return this.current()?.animates ?? false;
  }

  layout(width: number, height: number): void {
    for (const { screen } of this.screens) screen.layout(width, height);
  }

  drawingOn(): EditableGrid | null {
    return this.current()?.drawingOn?.() ?? null;
  }

  /** The grid view on screen; screens without one report the first listed screen's (free draw's). */
  gridView(): GridView {
    const shown = this.current()?.gridView?.() ?? null;
    if (shown !== null) return shown;
    for (const { screen } of this.screens) {
      const view = screen.gridView?.() ?? null;
      if (view !== null) return view;
    }
    throw new Error('no screen has a grid');
  }

  tools(): DrawingToolsView | null {
    return this.current()?.tools?.() ?? null;
  }

  recognised(recognition: Recognition): void {
    for (const { screen } of this.screens) screen.recognised?.(recognition);
  }

  toolsChanged(): void {
    for (const { screen } of this.screens) screen.toolsChanged?.();
  }

  showMessage(text: string): void {
    for (const { screen } of this.screens) screen.showMessage?.(text);
  }

  /** What the screens add to window.handwrittenDigits, merged. */
  exposed(): Partial<ModeApi> {
    return Object.assign({}, ...this.screens.map(({ screen }) => screen.exposed?.() ?? {})) as Partial<ModeApi>;
  }

  private screenFor(kind: ModeKind): Screen | null {
    return this.screens.find((hosted) => hosted.kinds.includes(kind))?.screen ?? null;
  }

  private show(): void {
    const shown = this.current();
    for (const { screen } of this.screens) screen.view.visible = screen === shown;
  }
}
