import type { Rect } from './layout/rect.ts';
import type { HandwrittenDigitsApi } from './platform/api.ts';

/** The members of window.handwrittenDigits that a mode's screen provides (Screen.exposed). */
export type ModeApi = Pick<HandwrittenDigitsApi,
  'predictionRegions' | 'barRect' | 'number' | 'settledNumber' | 'inside' | 'settledInside' | 'insideRegions' | 'insideCard' |
  'insideEnlarged' | 'menuButtons' | 'personal' | 'teach' | 'compare' | 'settledCompare' | 'meantHint' |
  'train'>;

/** Every ModeApi member once: the compiler checks the list is whole, the page checks every one is provided. */
export const MODE_API_MEMBERS: Readonly<Record<keyof ModeApi, true>> = {
  predictionRegions: true, barRect: true, number: true, settledNumber: true, inside: true, settledInside: true, insideRegions: true,
  insideCard: true, insideEnlarged: true, menuButtons: true, personal: true, teach: true, compare: true, settledCompare: true, meantHint: true,
  train: true,
};

/** Canvas CSS pixels to client CSS pixels, where pointer events and screenshots live. */
export function toClient(canvas: HTMLCanvasElement, rect: Rect): Rect {
  const box = canvas.getBoundingClientRect();
  return { x: box.left + rect.x, y: box.top + rect.y, width: rect.width, height: rect.height };
}
