import type { Container } from 'pixi.js';
import type { EditableGrid } from './drawingEdits.ts';
import type { ModeApi } from './modeApi.ts';
import type { Recognition } from './reading/recognise.ts';
import type { Mode } from './state/modes.ts';
import type { DrawingToolsView } from './view/drawingTools.ts';
import type { GridView } from './view/gridView.ts';

export type ModeKind = Mode['kind'];

/**
 * The contract every mode's controller implements. The shell's ScreenHost shows the screen of the
 * current mode, lays every screen out, ticks every screen each frame and hands the current one the
 * keys the shell did not use; game/screens.ts lists the screens. Optional members are what only some
 * screens need (a grid that is read live, a summary of the modes' changes).
 */
export interface Screen {
  /** shown while the mode is one of this screen's (the host sets `visible`) */
  readonly view: Container;
  /** whether it moves by itself (timers, easing): the page then renders every frame it is shown */
  readonly animates: boolean;
  /** the player picked it in the menu (button, letter or position key): null when it starts, else why not */
  choose(): string | null;
  layout(width: number, height: number): void;
  /** every frame, shown or not (`frames`: Pixi's deltaTime); true when something drawn changed */
  tick(frames: number): boolean;
  /** its own keys (the shell's shared keys come first); true when the key was used */
  handleKey(key: string): boolean;
  /** the grid the pointer draws on now, null when none (a round's result); absent on screens without a grid (menu, settings) */
  drawingOn?(): EditableGrid | null;
  /** the grid view on screen (pointer mapping, the page API), null or absent when it shows none */
  gridView?(): GridView | null;
  /** its undo/redo/eraser/sound buttons while they are on screen, else null or absent */
  tools?(): DrawingToolsView | null;
  /** it became the screen shown */
  enter?(): void;
  /** another screen is shown from now on */
  leave?(): void;
  /** every change of mode while it is shown, entering included (a challenge's rounds and summary) */
  follow?(before: Mode, after: Mode): void;
  /** the shell's live reading of the 28x28 grid changed (shown or not) */
  recognised?(recognition: Recognition): void;
  /** the drawing tools' state changed (undo history, eraser, sound) */
  toolsChanged?(): void;
  /** the page's warning line changed */
  showMessage?(text: string): void;
  /** its part of window.handwrittenDigits */
  exposed?(): Partial<ModeApi>;
}

/** A screen and the modes it shows: the challenge's screen also shows its summary. */
export interface HostedScreen {
  readonly kinds: readonly ModeKind[];
  readonly screen: Screen;
}
