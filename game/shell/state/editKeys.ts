/** The drawing keys every drawing screen shares (free draw, a challenge round, the Number mode). */
export type EditAction = 'undo' | 'redo' | 'eraser';

/** The parts of a KeyboardEvent that decide (so this stays DOM-free). */
export interface KeyPress {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
}

/**
 * Ctrl+Z or Cmd+Z undo; Shift+Ctrl/Cmd+Z and Ctrl+Y redo; E toggles the eraser (without modifiers,
 * so the browser's own shortcuts stay theirs). With Shift held `key` is 'Z', hence the lower-casing.
 */
export function editKey(press: KeyPress): EditAction | null {
  const k = press.key.length === 1 ? press.key.toLowerCase() : press.key;
  const command = press.ctrlKey || press.metaKey;
  if (press.altKey) return null;
  if (command && k === 'z') return press.shiftKey ? 'redo' : 'undo';
  if (press.ctrlKey && !press.shiftKey && k === 'y') return 'redo';
  if (!command && !press.shiftKey && k === 'e') return 'eraser';
  return null;
}

/** S mutes or unmutes the sound on every screen. */
export function isMuteKey(press: KeyPress): boolean {
  return !press.ctrlKey && !press.metaKey && !press.altKey && press.key.toLowerCase() === 's';
}
