import type { Mode } from './modes.ts';

/** What a key asks for on the mode screens; the caller turns it into a ModeEvent or a grid action. */
export type KeyAction = 'inside' | 'playAgain' | 'back' | 'clear';

/**
 * Keyboard play in every mode but the menu, whose keys come with game/screens.ts's list
 * (modes/menu/menuKeys.ts). Free draw keeps its own keys (Enter
 * classifies, Escape resets) and a challenge and a number follow it, so Escape clears the canvas in
 * all three and M goes back to the menu:
 *   settings  Escape or M: menu (its own keys are the settings screen's)
 *   digits    Escape or M: menu
 *   free      M: menu · I: inside (0-9: "I meant this digit", see meantDigit)
 *   inside, compare   Escape or Backspace: clear the canvas · M: menu
 *   train     Escape or Backspace: clear the canvas · M: menu (Space: pause or resume, its own key)
 *   challenge, number   Escape, Backspace or Delete: clear the canvas · M: menu
 *   summary   Enter or Space: play again · Escape or M: menu
 * `key` is KeyboardEvent.key.
 */
export function keyAction(mode: Mode, key: string): KeyAction | null {
  const k = key.length === 1 ? key.toLowerCase() : key;
  switch (mode.kind) {
    case 'menu':
      return null;
    case 'settings':
    case 'digits':
      return k === 'Escape' || k === 'm' ? 'back' : null;
    case 'free':
      if (k === 'i') return 'inside';
      return k === 'm' ? 'back' : null;
    case 'inside':
    case 'compare':
    case 'train':
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
