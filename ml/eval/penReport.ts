import type { PenSample } from '../data/pen.ts';
import type { ModelReader } from '../models/modelReading.ts';
import { percent } from './metrics.ts';
import { CONFIDENT, evaluatePenDigits, evaluatePenLetters, type DigitFigures, type LetterFigures } from './penEval.ts';

/** `npm run evaluate -- --pen FILE [--prefix F]`: the figures and the lines that say them. */
export interface PenReport {
  readonly figures: { readonly prefix: number | null; readonly digits: DigitFigures; readonly letters: LetterFigures | null };
  readonly lines: string[];
}

export function penReport(reader: ModelReader, samples: readonly PenSample[], prefix: number | undefined): PenReport {
  const digits = evaluatePenDigits(reader, samples, prefix ?? 1);
  const hasLetters = samples.some((s) => typeof s.label === 'string');
  const letters = prefix === undefined && hasLetters ? evaluatePenLetters(reader, samples) : null;
  const lines: string[] = [];
  if (digits.n > 0) {
    if (prefix === undefined) {
      lines.push(`pen digits ${percent(digits.correct / digits.n)} read right of ${digits.n}; ${digits.rejected} (${percent(digits.rejected / digits.n)}) turned away as not a digit`);
      const groups = Object.entries(digits.groups).filter(([, [n]]) => n > 0).map(([g, [n, c]]) => `${g} ${percent(c / n, 1)} (${n})`);
      lines.push(`by group   ${groups.join('  ')}`);
    } else {
      lines.push(`first ${percent(prefix, 0)} of ${digits.n} pen digits: ${digits.confidentWrong} (${percent(digits.confidentWrong / digits.n)}) read as another digit at >= ${CONFIDENT}, ` +
        `${digits.rejected} (${percent(digits.rejected / digits.n)}) turned away, ${digits.correct} read as their digit`);
    }
  }
  if (letters && letters.n > 0) {
    lines.push(`letters    ${letters.n} that are no digit: ${letters.shownAsDigit} (${percent(letters.shownAsDigit / letters.n)}) shown as a digit, ` +
      `${letters.confident} at >= ${CONFIDENT}, ${letters.rejected} (${percent(letters.rejected / letters.n)}) turned away`);
  }
  return { figures: { prefix: prefix ?? null, digits, letters }, lines };
}
