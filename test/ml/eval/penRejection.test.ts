import { beforeAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { IMAGE_SIZE } from '../../../common/digit.ts';
import { isNonDigitLetter } from '../../../common/pen/letters.ts';
import { pathBounds, type PenStrokes } from '../../../common/pen/penPath.ts';
import { shownAsDigit, type Reading } from '../../../common/reading.ts';
import { initBackend } from '../../../ml/backend/backend.ts';
import { loadPenFile, resolvePenDir, samplesOf, writerParts, type PenSample } from '../../../ml/data/pen.ts';
import { penImage } from '../../../common/pen/penImage.ts';
import { packImages, standardPlacement } from '../../../ml/data/penImages.ts';
import { loadModel } from '../../../ml/models/modelFiles.ts';
import { modelReader, type ModelReader } from '../../../ml/models/modelReading.ts';

// The shipped default on real pen handwriting of writers it was never trained on (ml/data/pen.ts
// sets them aside): letters and unfinished digits are turned away, their whole digits are not.
const PEN_DIR = resolvePenDir({});
const MODEL = 'assets/models/default';

async function setup() {
  if (!PEN_DIR) throw new Error('PEN_DIR is not set');
  const [digits, letters] = await Promise.all([loadPenFile(PEN_DIR, 'digits'), loadPenFile(PEN_DIR, 'letters')]);
  const parts = writerParts(digits);
  const model = await loadModel(MODEL);
  return { digits: samplesOf(digits, parts, 'test'), letters: samplesOf(letters, parts, 'test'), reader: await modelReader(model, MODEL), model };
}

/** Each drawing placed as its whole digit would be (`whole`), read by the model. */
function read(reader: ModelReader, drawings: readonly { strokes: PenStrokes; whole: PenStrokes }[]): Reading[] {
  const images = drawings.map((d) => penImage(d.strokes, standardPlacement(d.whole)) ?? new Float32Array(IMAGE_SIZE * IMAGE_SIZE));
  const tensor = tf.tensor4d(packImages(images), [images.length, IMAGE_SIZE, IMAGE_SIZE, 1]);
  try {
    return reader.read(tensor);
  } finally {
    tensor.dispose();
  }
}

/** A 4's first stroke (its "L" or its stem), of the 4s written in two strokes. */
function firstStrokesOfFours(samples: readonly PenSample[]) {
  return samples.filter((s) => s.label === 4 && s.strokes.length === 2).map((s) => ({ strokes: s.strokes.slice(0, 1), whole: s.strokes }));
}

/** A 7's top bar: its first stroke up to the corner (its rightmost point), where that part is flat. */
function topBarsOfSevens(samples: readonly PenSample[]) {
  return samples.filter((s) => s.label === 7).flatMap((s) => {
    const first = s.strokes[0] ?? [];
    let corner = 0;
    for (let i = 0; i + 1 < first.length; i += 2) if ((first[i] ?? 0) > (first[corner] ?? 0)) corner = i;
    const bar = [first.slice(0, corner + 2)];
    const b = pathBounds(bar);
    return corner > 0 && b.x1 - b.x0 > 3 * (b.y1 - b.y0) ? [{ strokes: bar, whole: s.strokes }] : [];
  });
}

describe.skipIf(!PEN_DIR)('the shipped default on pen writers it never saw (needs PEN_DIR)', () => {
  // the backend the CLIs read with; tfjs's pure-JS default is many times slower on convolutions
  beforeAll(async () => {
    await initBackend('wasm');
  });

  test('letters that are no digit are turned away or unsure, and whole digits are read', { timeout: 600_000 }, async () => {
    const { digits, letters, reader, model } = await setup();
    try {
      const noDigit = letters.filter((s) => typeof s.label === 'string' && isNonDigitLetter(s.label));
      const letterReadings = read(reader, noDigit.map((s) => ({ strokes: s.strokes, whole: s.strokes })));
      expect(noDigit.length).toBeGreaterThan(3000);
      expect(letterReadings.filter(shownAsDigit).length / noDigit.length).toBeLessThan(0.1);
      const digitReadings = read(reader, digits.map((s) => ({ strokes: s.strokes, whole: s.strokes })));
      const right = digitReadings.filter((r, i) => !r.rejected && r.digit === digits[i]?.label).length;
      expect(right / digits.length).toBeGreaterThan(0.96);
      expect(digitReadings.filter((r) => r.rejected).length / digits.length).toBeLessThan(0.02);
    } finally {
      model.dispose();
    }
  });

  test("a 7's top bar and a 4's first stroke are no digit; the same 7s and 4s whole are read", { timeout: 600_000 }, async () => {
    const { digits, reader, model } = await setup();
    try {
      for (const [label, fragments] of [[7, topBarsOfSevens(digits)], [4, firstStrokesOfFours(digits)]] as const) {
        expect(fragments.length).toBeGreaterThan(20);
        const fragmentReadings = read(reader, fragments);
        expect(fragmentReadings.filter(shownAsDigit).length / fragments.length).toBeLessThan(0.15);
        const wholes = read(reader, fragments.map((f) => ({ strokes: f.whole, whole: f.whole })));
        expect(wholes.filter((r) => !r.rejected && r.digit === label).length / wholes.length).toBeGreaterThan(0.9);
      }
    } finally {
      model.dispose();
    }
  });
});
