import { BitmapText } from 'pixi.js';
import { FONTS } from './theme.ts';

export type FontRole = keyof typeof FONTS;

/** A tinted BitmapText in one of our installed fonts. */
export function label(role: FontRole, size: number, tint: number, text = ''): BitmapText {
  const t = new BitmapText({ text, style: { fontFamily: FONTS[role], fontSize: size } });
  t.tint = tint;
  return t;
}
