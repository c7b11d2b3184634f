import { editKey, isMuteKey, type KeyPress } from './state/editKeys.ts';
import type { DrawingEdits } from './drawingEdits.ts';
import type { Shell } from './shell.ts';
import { keyAction } from './state/modeKeys.ts';

/**
 * The keys every screen shares, looked at before the mode's own: undo, redo and the eraser while a
 * grid is being drawn on, and S for sound everywhere. Returns true when the key was used.
 */
export function handleSharedKey(press: KeyPress, edits: DrawingEdits, drawing: boolean, toggleSound: () => void): boolean {
  if (isMuteKey(press)) {
    toggleSound();
    return true;
  }
  if (!drawing) return false;
  switch (editKey(press)) {
    case null:
      return false;
    case 'undo':
      edits.undo();
      return true;
    case 'redo':
      edits.redo();
      return true;
    case 'eraser':
      edits.toggleEraser();
      return true;
  }
}

/**
 * The mode machine's keys of a drawing screen that has no others of its own (state/modeKeys.ts):
 * 'back' goes back to the menu, 'clear' runs the screen's `clear`. Returns true when the key was used.
 */
export function handleBackOrClear(shell: Shell, key: string, clear: () => void): boolean {
  switch (keyAction(shell.host.modeNow(), key)) {
    case 'back':
      shell.host.dispatch({ type: 'back' });
      return true;
    case 'clear':
      clear();
      return true;
    default:
      return false;
  }
}

/** The page's keys: the shared ones first, then the current screen's; a used key does nothing else. */
export function listenForKeys(target: Window, shell: Shell): void {
  target.addEventListener('keydown', (event) => {
    // a focused button takes Enter and Space itself (the browser presses it)
    if (event.target instanceof HTMLButtonElement && (event.key === 'Enter' || event.key === ' ')) return;
    const drawing = shell.host.drawingOn() !== null;
    if (handleSharedKey(event, shell.edits, drawing, () => { shell.settings.toggleSound(); }) || shell.host.handleKey(event.key)) event.preventDefault();
  });
}
