import { BitmapFont } from 'pixi.js';
import { FONT_RENDER_SIZE, FONTS } from './theme.ts';

const FAMILY = 'Open Sans';

/**
 * The glyph atlases' resolution for a canvas drawn at `resolution`: each glyph rendered at
 * FONT_RENDER_SIZE times this many device pixels. Text is shown smaller than its render size, so 1.5x
 * the canvas's is sharp; beyond 3 (body and strong text: 40 px glyphs at 120 device pixels, as large
 * as a 3x phone shows its titles) and 2 (the display digits: 220 px at 440, a phone's big digit is
 * about 120 CSS px) the atlases would only grow, up to 30 MB more for the display digits alone.
 */
export function glyphResolution(resolution: number): { readonly text: number; readonly display: number } {
  return { text: Math.min(resolution * 1.5, 3), display: Math.min(resolution * 1.5, 2) };
}

/**
 * Loads the bundled OpenSans files (relative to the page, so the site works from any folder) and
 * turns them into bitmap fonts: every label is BitmapText, cheap to change every frame. Glyphs are
 * white so each text can be tinted. `resolution`: the canvas's device pixels per CSS pixel.
 */
export async function installFonts(baseUrl: string, resolution: number): Promise<void> {
  const faces = [
    new FontFace(FAMILY, `url(${baseUrl}open-sans-latin-400-normal.woff2)`, { weight: '400' }),
    new FontFace(FAMILY, `url(${baseUrl}open-sans-latin-600-normal.woff2)`, { weight: '600' }),
  ];
  for (const face of await Promise.all(faces.map((f) => f.load()))) document.fonts.add(face);

  // printable ASCII plus the typographic marks the labels use (the Inside mode's layer names and
  // pager: an arrow, the minus sign, the angle quotes). The latin subset has no arrow, so the browser
  // draws it from a fallback font; a heavy one (➔), since a thin → vanishes when a 40 px glyph is
  // scaled down to 12 px.
  const text: (string | [string, string])[] = [[' ', '~'], '·', '–', '—', '…', '➔', '−', '‹', '›'];
  const glyphs = glyphResolution(resolution);
  const common = { resolution: glyphs.text, padding: 4, textureStyle: { scaleMode: 'linear' as const } };
  BitmapFont.install({
    ...common,
    name: FONTS.body,
    chars: text,
    style: { fontFamily: FAMILY, fontWeight: '400', fontSize: FONT_RENDER_SIZE.body, fill: 0xffffff },
  });
  BitmapFont.install({
    ...common,
    name: FONTS.strong,
    chars: text,
    style: { fontFamily: FAMILY, fontWeight: '600', fontSize: FONT_RENDER_SIZE.strong, fill: 0xffffff },
  });
  BitmapFont.install({
    ...common,
    resolution: glyphs.display,
    name: FONTS.display,
    chars: [['0', '9'], '?', '–'],
    style: { fontFamily: FAMILY, fontWeight: '600', fontSize: FONT_RENDER_SIZE.display, fill: 0xffffff },
  });
}
