import type { InkBox } from '../../../common/preprocess.ts';
import type { NumberReading } from '../../../common/segmentation/readNumber.ts';
import { UNSURE_BELOW } from './prediction.ts';

/**
 * The Number mode's answer for the wide grid, as shown on the page and reported by
 * window.handwrittenDigits.number(): plain JSON, no pixel arrays.
 */
export interface NumberReport {
  /** the digits read, left to right, e.g. "2026"; "" for a blank canvas */
  readonly text: string;
  readonly digits: readonly DigitReport[];
}

export interface DigitReport {
  readonly digit: number;
  /** the model's probability for `digit`, 0..1 */
  readonly confidence: number;
  /** below UNSURE_BELOW: shown as a guess, as free draw does */
  readonly unsure: boolean;
  /** the digit's ink in grid cells, inclusive on all sides */
  readonly box: InkBox;
}

export const BLANK_NUMBER: NumberReport = Object.freeze({ text: '', digits: Object.freeze([]) });

export function reportNumber(reading: NumberReading): NumberReport {
  return {
    text: reading.text,
    digits: reading.digits.map((d) => ({
      digit: d.digit,
      confidence: d.confidence,
      unsure: d.confidence < UNSURE_BELOW,
      box: { x0: d.box.x0, y0: d.box.y0, x1: d.box.x1, y1: d.box.y1 },
    })),
  };
}
