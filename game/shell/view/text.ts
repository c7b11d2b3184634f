import { BitmapText } from 'pixi.js';
import { FONTS } from './theme.ts';
import type { Rect } from '../layout/rect.ts';

export type FontRole = keyof typeof FONTS;

/** A tinted BitmapText in one of our installed fonts. */
export function label(role: FontRole, size: number, tint: number, text = ''): BitmapText {
  const t = new BitmapText({ text, style: { fontFamily: FONTS[role], fontSize: size } });
  t.tint = tint;
  return t;
}

/** `text` at `size`, or smaller (not below `min`) where it would be wider than `width`: a line that must not spill off a phone. */
export function fitWidth(text: BitmapText, size: number, width: number, min = 10): void {
  text.style.fontSize = size;
  if (text.width > width) text.style.fontSize = Math.max(min, (size * width) / text.width);
}

/**
 * A screen's title at the top left of `rect` and its one-line subtitle beside it, shown only when it
 * fits in `rect` (a phone has no room for it), both sized from the layout's `unit`.
 */
export function placeTitleLine(title: BitmapText, subtitle: BitmapText, rect: Rect, unit: number): void {
  title.style.fontSize = unit * 2;
  title.position.set(rect.x, rect.y);
  subtitle.style.fontSize = Math.max(12, unit * 1.2);
  subtitle.position.set(rect.x + title.width + unit * 1.5, rect.y + unit * 0.8);
  subtitle.visible = subtitle.x + subtitle.width < rect.x + rect.width;
}
