import { editKey, isMuteKey, type KeyPress } from './state/editKeys.ts';
import type { DrawingEdits } from './drawingEdits.ts';

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
