import type { Rect } from '../layout/rect.ts';

/** A button drawn on the canvas, as the DOM mirror needs it. */
export interface MirroredButton {
  /** its accessible name, the element's text */
  readonly text: string;
  /** said after the name (aria-description), '' for none */
  readonly hint: string;
  /** false while the canvas button is dimmed: still reachable, announced as unavailable */
  readonly enabled: boolean;
  /** aria-pressed for one that stays chosen (a summary's selected round); null for a plain button */
  readonly selected: boolean | null;
  /** canvas CSS pixels */
  readonly rect: Rect;
  press(): void;
}

/**
 * Real <button> elements laid exactly over the canvas buttons, in the order given (the Tab order).
 * They are what the keyboard and assistive technology reach: Tab moves between them, Enter and Space
 * press them (the browser's own button behaviour), and their focus ring (index.html's CSS) is the
 * visible focus. They let pointer events through, so mouse, touch and pen still go to the canvas.
 */
export class DomButtons {
  private readonly layer: HTMLDivElement;
  private readonly elements: HTMLButtonElement[] = [];
  private shown: readonly MirroredButton[] = [];

  constructor(private readonly document: Document, private readonly canvas: HTMLCanvasElement) {
    this.layer = document.createElement('div');
    this.layer.className = 'hd-buttons';
    canvas.after(this.layer);
  }

  /** Cheap when nothing changed: the DOM is written only where a text or a position differs. */
  show(buttons: readonly MirroredButton[]): void {
    this.shown = buttons;
    const box = this.canvas.getBoundingClientRect();
    buttons.forEach((button, i) => {
      const element = this.elements[i] ?? this.add(i);
      if (element.textContent !== button.text) element.textContent = button.text;
      const disabled = button.enabled ? 'false' : 'true';
      if (element.getAttribute('aria-disabled') !== disabled) element.setAttribute('aria-disabled', disabled);
      setAttribute(element, 'aria-pressed', button.selected === null ? null : String(button.selected));
      setAttribute(element, 'aria-description', button.hint === '' ? null : button.hint);
      const { x, y, width, height } = button.rect;
      setPx(element, 'left', box.left + x);
      setPx(element, 'top', box.top + y);
      setPx(element, 'width', width);
      setPx(element, 'height', height);
    });
    for (const extra of this.elements.splice(buttons.length)) extra.remove();
  }

  private add(index: number): HTMLButtonElement {
    const element = this.document.createElement('button');
    element.type = 'button';
    element.addEventListener('click', () => { this.shown[index]?.press(); });
    this.layer.appendChild(element);
    this.elements.push(element);
    return element;
  }
}

/** Writes only a change; null removes the attribute. */
function setAttribute(element: HTMLElement, name: string, value: string | null): void {
  if (element.getAttribute(name) === value) return;
  if (value === null) element.removeAttribute(name);
  else element.setAttribute(name, value);
}

function setPx(element: HTMLElement, property: 'left' | 'top' | 'width' | 'height', value: number): void {
  const text = `${Math.round(value)}px`;
  if (element.style[property] !== text) element.style[property] = text;
}
