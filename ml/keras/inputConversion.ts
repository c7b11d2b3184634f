/**
 * What an imported model expects as input, as the affine map from the game's pixels (0..1, ink = 1,
 * white on black, common/digit.ts) to the model's: x' = ((invert ? 1 - x : x) * scale - mean) / std.
 * The importer bakes it into a Rescaling layer in front of the model, so the game feeds every model alike.
 */

export interface InputConversion {
  /** the model's full-ink value: 1 for pixels / 255, 255 for raw bytes */
  readonly scale: number;
  /** black ink on white paper */
  readonly invert: boolean;
  /** subtracted after scaling, in the scaled units (MNIST's is 0.1307 on the 0..1 scale) */
  readonly mean: number;
  /** divides after the mean */
  readonly std: number;
}

export const NO_CONVERSION: InputConversion = { scale: 1, invert: false, mean: 0, std: 1 };

/** x' = x * factor + offset, the Rescaling layer's parameters. */
export function affineOf(c: InputConversion): { factor: number; offset: number } {
  return { factor: ((c.invert ? -1 : 1) * c.scale) / c.std, offset: ((c.invert ? c.scale : 0) - c.mean) / c.std };
}

export function isIdentity(c: InputConversion): boolean {
  const { factor, offset } = affineOf(c);
  return factor === 1 && offset === 0;
}

/** For messages and metadata: "pixels x 255, inverted, (x - 0.1307) / 0.3081". */
export function describeConversion(c: InputConversion): string {
  if (isIdentity(c)) return 'none (the model takes 0..1 pixels, white ink on black, as the game does)';
  const parts = [`pixels x ${c.scale}`];
  if (c.invert) parts.push('inverted (black ink on white)');
  if (c.mean !== 0 || c.std !== 1) parts.push(`(x - ${c.mean}) / ${c.std}`);
  return parts.join(', ');
}

/** The conversions worth trying when a model scores low, as command-line flags. */
export const CONVERSION_HINTS: readonly string[] = ['--input-scale 255', '--mean 0.1307 --std 0.3081', '--invert', '--input-scale 255 --invert'];
