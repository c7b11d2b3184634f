import type { Container } from 'pixi.js';
import { inReadingOrder } from './layout/readingOrder.ts';
import type { DomButtons, MirroredButton } from './platform/domButtons.ts';
import { PressableView } from './view/pressable.ts';

/**
 * Finds every PressableView the player can see on the stage (a hidden screen hides its buttons) and
 * hands them to the DOM mirror in reading order. Nothing registers: a button or card any screen adds
 * is mirrored, reachable with Tab and pressed with Enter or Space, without more code.
 */
export function mirrorButtons(stage: Container, dom: DomButtons, afterPress: () => void): void {
  const found: PressableView[] = [];
  collectVisible(stage, found);
  const buttons = inReadingOrder(found, (button) => button.bounds()).map((button): MirroredButton => ({
    text: button.accessibleName,
    hint: button.accessibleDescription,
    enabled: button.isEnabled,
    selected: button.isSelected,
    rect: button.bounds(),
    press: () => {
      button.press();
      afterPress();
    },
  }));
  dom.show(buttons);
}

function collectVisible(container: Container, into: PressableView[]): void {
  for (const child of container.children) {
    if (!child.visible || child.destroyed) continue;
    if (child instanceof PressableView) into.push(child);
    else collectVisible(child, into);
  }
}
