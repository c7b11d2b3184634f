import type { Mode } from './modes.ts';

/** What a key asks for on the mode screens; the caller turns it into a ModeEvent or a grid action. */
export type KeyAction = 'free' | 'number' | 'challenge' | 'inside' | 'digits' | 'settings' | 'playAgain' | 'back' | 'clear';

/**
 * Keyboard play for the menu, a challenge and its summary. Free draw keeps its own keys (Enter
 * classifies, Escape resets) and a challenge and a number follow it, so Escape clears the canvas in
 * all three and M goes back to the menu:
 *   menu      F or 1: free draw · C, 2 or Enter: challenge · N or 3: number · I or 4: inside ·
 *             D or 5: my digits · O or 6: challenge settings
 *   settings  Escape or M: menu (its own keys are the settings screen's)
 *   digits    Escape or M: menu
 *   free      M: menu · I: inside (0-9: "I meant this digit", see meantDigit)
 *   inside    Escape or Backspace: clear the canvas · M: menu
 *   challenge, number   Escape, Backspace or Delete: clear the canvas · M: menu
 *   summary   Enter or Space: play again · Escape or M: menu
 * `key` is KeyboardEvent.key.
 */
export function keyAction(mode: Mode, key: string): KeyAction | null {
  const k = key.length === 1 ? key.toLowerCase() : key;
  switch (mode.kind) {
    case 'menu':
      if (k === 'f' || k === '1') return 'free';
      if (k === 'c' || k === '2' || k === 'Enter') return 'challenge';
      if (k === 'n' || k === '3') return 'number';
      if (k === 'i' || k === '4') return 'inside';
      if (k === 'd' || k === '5') return 'digits';
      if (k === 'o' || k === '6') return 'settings';
      return null;
    case 'settings':
    case 'digits':
      return k === 'Escape' || k === 'm' ? 'back' : null;
    case 'free':
      if (k === 'i') return 'inside';
      return k === 'm' ? 'back' : null;
    case 'inside':
      if (k === 'm') return 'back';
      return k === 'Escape' || k === 'Backspace' ? 'clear' : null;
    case 'challenge':
    case 'number':
      if (k === 'm') return 'back';
      return k === 'Escape' || k === 'Backspace' || k === 'Delete' ? 'clear' : null;
    case 'summary':
      if (k === 'Enter' || k === ' ') return 'playAgain';
      return k === 'Escape' || k === 'm' ? 'back' : null;
  }
}

/** Free draw's own keys: Enter classifies now, Escape or Backspace resets (Delete is left to the page). */
export function freeDrawKey(key: string): 'classify' | 'clear' | null {
  if (key === 'Enter') return 'classify';
  return key === 'Escape' || key === 'Backspace' ? 'clear' : null;
}

/** The digit a key 0-9 names ("I meant this digit" in free draw and a challenge's summary), else null. */
export function meantDigit(key: string): number | null {
  return key.length === 1 && key >= '0' && key <= '9' ? Number(key) : null;
}
