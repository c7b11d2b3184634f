import { NUM_CLASSES } from '../../common/digit.ts';

/** Accuracy figures from predicted and true labels: pure functions, no tensors. */

export interface Scores {
  readonly n: number;
  readonly accuracy: number;
  /** accuracy on each true class 0..9 (NaN for a class with no examples) */
  readonly perClass: number[];
  /** confusion[true][predicted] = count */
  readonly confusion: number[][];
}

export function score(predicted: ArrayLike<number>, truth: ArrayLike<number>, classes = NUM_CLASSES): Scores {
  if (predicted.length !== truth.length) {
    throw new RangeError(`${predicted.length} predictions for ${truth.length} labels`);
  }
  const confusion = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  let correct = 0;
  for (let i = 0; i < truth.length; i++) {
    const t = truth[i] ?? 0;
    const p = predicted[i] ?? 0;
    const row = confusion[t];
    if (!row || !(p >= 0 && p < classes)) throw new RangeError(`label ${t} or prediction ${p} at index ${i} is not in 0..${classes - 1}`);
    row[p] = (row[p] ?? 0) + 1;
    if (t === p) correct++;
  }
  const perClass = confusion.map((row, t) => {
    const total = row.reduce((sum, count) => sum + count, 0);
    return total === 0 ? Number.NaN : (row[t] ?? 0) / total;
  });
  return { n: truth.length, accuracy: truth.length === 0 ? Number.NaN : correct / truth.length, perClass, confusion };
}

export function percent(fraction: number, digits = 2): string {
  return `${(fraction * 100).toFixed(digits)} %`;
}

export function formatConfusion(confusion: number[][]): string {
  const width = Math.max(4, ...confusion.flat().map((count) => String(count).length + 1));
  const pad = (text: string) => text.padStart(width);
  const header = `true\\pred${confusion.map((_, p) => pad(String(p))).join('')}`;
  const rows = confusion.map((row, t) => `${String(t).padStart(9)}${row.map((count) => pad(String(count))).join('')}`);
  return [header, ...rows].join('\n');
}
