import { Container } from 'pixi.js';
import type { Rect } from '../layout/rect.ts';

/**
 * Anything on the canvas a player presses: a ButtonView, a summary's round card. The page's DOM
 * mirror (game/shell/buttonMirror.ts) finds every visible one on the stage and lays a real <button>
 * over it, so each is reached with Tab, pressed with Enter or Space and named to a screen reader,
 * without registering anywhere.
 */
export abstract class PressableView extends Container {
  /** what a screen reader says for it: a button's caption, or a fuller name where the caption is a sign ("–") or a picture */
  abstract get accessibleName(): string;

  /** false while dimmed or inert: still reachable, announced as unavailable */
  abstract get isEnabled(): boolean;

  /** Where it is drawn, in the stage's CSS pixels. */
  abstract bounds(): Rect;

  /** The same action as a click (the keyboard's, through the DOM mirror); nothing while disabled. */
  abstract press(): void;

  /** true or false for one that stays chosen once pressed (a summary's selected round); null for a plain button */
  abstract get isSelected(): boolean | null;

  /** a longer hint said after the name, '' for none */
  abstract get accessibleDescription(): string;
}
