/**
 * A model whose weights hold NaN or Infinity answers NaN for every drawing, which the game would
 * show as "0 · NaN%": such a model is refused before it is installed (ml/) or played (game/). One
 * check for both, so the CLI and the page refuse the same models with the same words.
 */

export interface NamedValues {
  /** the weight's name as tfjs gives it, e.g. "dense_Dense1/kernel" */
  readonly name: string;
  readonly values: ArrayLike<number>;
}

/** Index of the first NaN or ±Infinity in `values`, -1 when all are finite. */
export function firstNonFinite(values: ArrayLike<number>): number {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return i;
  return -1;
}

/** What is wrong with the first weight holding a value that is not a finite number, null when none does. */
export function nonFiniteWeight(weights: readonly NamedValues[]): string | null {
  for (const { name, values } of weights) {
    const at = firstNonFinite(values);
    if (at >= 0) return `weight ${name} holds ${String(values[at])} at index ${at}, not a number a model can read with`;
  }
  return null;
}
