/** Colours, font names and sizes: the look in one place. */

export const COLORS = Object.freeze({
  background: 0x0d1020,
  card: 0x161a2e,
  cardEdge: 0x262c48,
  paper: 0x0a0c18,
  gridLine: 0x1f2440,
  ink: 0xf3f5ff,
  text: 0xe9ecf8,
  muted: 0x8a92b2,
  faint: 0x4a5175,
  accent: 0x7c8cff,
  accentHover: 0x95a2ff,
  sure: 0x5ee0a0,
  unsure: 0xffc45c,
  warning: 0xffa07a,
  barTrack: 0x20253e,
});

/** Bitmap fonts installed at start-up from the bundled OpenSans files (see view/fonts.ts). */
export const FONTS = Object.freeze({
  /** OpenSans Regular, every printable ASCII character */
  body: 'OpenSans-Body',
  /** OpenSans SemiBold, every printable ASCII character */
  strong: 'OpenSans-Strong',
  /** OpenSans SemiBold at a large size, digits and a few marks only: the prediction */
  display: 'OpenSans-Display',
});

/** Sizes the bitmap fonts are rendered at; BitmapText scales from these. */
export const FONT_RENDER_SIZE = Object.freeze({ body: 40, strong: 40, display: 220 });
