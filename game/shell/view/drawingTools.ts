import { Container } from 'pixi.js';
import { splitStrip, type Rect } from '../layout/rect.ts';
import { ButtonView } from './button.ts';

export interface ToolActions {
  undo(): void;
  redo(): void;
  toggleEraser(): void;
  toggleSound(): void;
}

/** What the tool buttons show: the eraser's and the sound's state, what can be undone. */
export interface ToolsState {
  readonly eraser: boolean;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  readonly muted: boolean;
}

/** The names, in order, of the buttons in a tools strip (the page API reports where each is). */
export const TOOL_BUTTONS = ['undo', 'redo', 'eraser', 'sound'] as const;
export type ToolButton = (typeof TOOL_BUTTONS)[number];

/** Undo, Redo, Eraser and Sound, in a row or a column (whichever the strip is), on every drawing screen. */
export class DrawingToolsView extends Container {
  private readonly buttons: Readonly<Record<ToolButton, ButtonView>>;
  private rects: readonly Rect[] = [];

  constructor(actions: ToolActions) {
    super();
    this.buttons = {
      undo: new ButtonView('Undo', 'secondary', () => { actions.undo(); }),
      redo: new ButtonView('Redo', 'secondary', () => { actions.redo(); }),
      eraser: new ButtonView('Eraser', 'secondary', () => { actions.toggleEraser(); }),
      sound: new ButtonView('Sound', 'secondary', () => { actions.toggleSound(); }),
    };
    this.addChild(...TOOL_BUTTONS.map((name) => this.buttons[name]));
    this.show({ eraser: false, canUndo: false, canRedo: false, muted: false });
  }

  setRect(strip: Rect, unit: number): void {
    this.rects = splitStrip(strip, TOOL_BUTTONS.length, unit * 0.6, unit * 4.5);
    TOOL_BUTTONS.forEach((name, i) => {
      const rect = this.rects[i];
      if (rect !== undefined) this.buttons[name].setRect(rect, unit * 0.8);
    });
  }

  show(state: ToolsState): void {
    this.buttons.undo.setEnabled(state.canUndo);
    this.buttons.redo.setEnabled(state.canRedo);
    this.buttons.eraser.setLabel(state.eraser ? 'Erasing' : 'Eraser', state.eraser ? 'primary' : 'secondary');
    this.buttons.sound.setLabel(state.muted ? 'Muted' : 'Sound');
  }

  /** Each button's rectangle in canvas CSS pixels, for the page API. */
  regions(): Readonly<Record<ToolButton, Rect>> {
    const at = (i: number): Rect => this.rects[i] ?? { x: 0, y: 0, width: 0, height: 0 };
    return { undo: at(0), redo: at(1), eraser: at(2), sound: at(3) };
  }
}
