import { initialPointerKind, pointerKindAfter, type PointerKind } from '../state/pointerKind.ts';

/**
 * The pointer the player uses now: the browser's primary pointer until one goes down on `element`,
 * then the last one that did (capture phase, so it is known before the press is handled).
 */
export function watchPointerKind(window: Window, element: HTMLElement): () => PointerKind {
  let kind = initialPointerKind(window.matchMedia('(pointer: coarse)').matches);
  element.addEventListener('pointerdown', (event) => { kind = pointerKindAfter(kind, event.pointerType); }, { capture: true, passive: true });
  return () => kind;
}
