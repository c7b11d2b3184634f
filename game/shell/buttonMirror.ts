import type { Container } from 'pixi.js';
import { inReadingOrder } from './layout/readingOrder.ts';
import type { DomButtons, MirroredButton } from './platform/domButtons.ts';
import { ButtonView } from './view/button.ts';

/**
 * Finds every ButtonView the player can see on the stage (a hidden screen hides its buttons) and
 * hands them to the DOM mirror in reading order. Nothing registers: a button any screen adds is
 * mirrored, reachable with Tab and pressed with Enter or Space, without more code.
 */
export function mirrorButtons(stage: Container, dom: DomButtons, afterPress: () => void): void {
  const found: ButtonView[] = [];
  collectVisible(stage, found);
  const buttons = inReadingOrder(found, (button) => button.bounds()).map((button): MirroredButton => ({
    text: button.text,
    enabled: button.isEnabled,
    rect: button.bounds(),
    press: () => {
      button.press();
      afterPress();
    },
  }));
  dom.show(buttons);
}

function collectVisible(container: Container, into: ButtonView[]): void {
  for (const child of container.children) {
    if (!child.visible || child.destroyed) continue;
    if (child instanceof ButtonView) into.push(child);
    else collectVisible(child, into);
  }
}
