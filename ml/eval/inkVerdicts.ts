import { inkFromBytes, inkImage } from '../../common/digit.ts';
import { checkInk, type InkVerdict } from '../../common/inkCheck.ts';
import type { IdxImages } from '../data/idx.ts';

export interface InkVerdicts {
  /** per image, in order */
  readonly verdicts: readonly InkVerdict[];
  readonly tooLittle: number;
  readonly notADigit: number;
}

/** common/inkCheck.ts's verdict on every image as it is (before normalisation), as the game judges
 * its grid: what it rejects never reaches the model there. */
export function inkVerdicts(images: IdxImages): InkVerdicts {
  const { count, width, height, data } = images;
  const source = new Float32Array(width * height);
  const verdicts: InkVerdict[] = [];
  let tooLittle = 0;
  let notADigit = 0;
  for (let i = 0; i < count; i++) {
    inkFromBytes(data.subarray(i * source.length, (i + 1) * source.length), source);
    const verdict = checkInk(inkImage(width, height, source));
    if (verdict === 'too-little') tooLittle++;
    if (verdict === 'not-a-digit') notADigit++;
    verdicts.push(verdict);
  }
  return { verdicts, tooLittle, notADigit };
}
