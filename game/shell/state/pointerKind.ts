/**
 * How the player points, for the hints that name an action: a finger or a pen taps and has no
 * keyboard to hand, a mouse clicks beside one. Pure: the browser's answers come in as arguments
 * (platform/pointerKind.ts).
 */
export type PointerKind = 'touch' | 'mouse';

/** The kind before any pointer is used: the primary pointer the browser reports (`(pointer: coarse)` is a finger). */
export function initialPointerKind(coarse: boolean): PointerKind {
  return coarse ? 'touch' : 'mouse';
}

/** The kind after a pointer went down: the last one used wins (a touch laptop, a tablet with a mouse). `pointerType`: PointerEvent.pointerType. */
export function pointerKindAfter(kind: PointerKind, pointerType: string): PointerKind {
  if (pointerType === 'touch' || pointerType === 'pen') return 'touch';
  return pointerType === 'mouse' ? 'mouse' : kind;
}

/** Free draw's hint on the prediction card: how to say which digit was meant when it misreads. */
export function meantHint(kind: PointerKind): string {
  return kind === 'touch' ? 'Misread? Tap the digit you meant' : 'Misread? Press 0-9 or click a bar';
}

/** Free draw's line beside its title (wide screens): its keys with a mouse, its taps with a finger. */
export function freeSubtitle(kind: PointerKind): string {
  return kind === 'touch'
    ? 'draw one digit · tap a bar: I meant this digit'
    : 'draw one digit · Enter classifies · Esc resets · 0-9 or a bar: I meant this digit';
}
