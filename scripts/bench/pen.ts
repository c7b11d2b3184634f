import * as tf from '@tensorflow/tfjs';
import { IMAGE_SIZE } from '../../common/digit.ts';
import { nonDigitImages } from '../../common/personal/nonDigitInk.ts';
import { createRandom } from '../../common/random.ts';
import { shownAsDigit } from '../../common/reading.ts';
import { loadMnistSplit } from '../../ml/data/mnist.ts';
import type { LabelledImages } from '../../ml/data/labelledImages.ts';
import { PEN_CREDIT, loadPenFile, samplesOf, writerParts, type PenSample, type WriterPart } from '../../ml/data/pen.ts';
import { asLabelledImages } from '../../ml/data/splits.ts';
import { evaluatePenDigits, evaluatePenLetters, type DigitFigures, type LetterFigures } from '../../ml/eval/penEval.ts';
import { percent } from '../../ml/eval/metrics.ts';
import { loadModel } from '../../ml/models/modelFiles.ts';
import { modelReader, type ModelReader } from '../../ml/models/modelReading.ts';

/**
 * `npm run bench -- pen`: how models read real hands they never saw. Pen digits and letters of the
 * writers `ml/data/pen.ts` sets aside for testing (whole writers, a fifth of every group's; the
 * shipped default is trained on the training writers only and its threshold chosen on the
 * validation writers), drawn with the game's brush: whole digits (accuracy, turned away, per
 * group), letters that are no digit shown as a digit, the first half and three quarters of each
 * digit's path read as another digit at >= 0.9, taps, dashes and scribbles, and MNIST test.
 */

export interface BenchPenOptions {
  readonly models: readonly string[];
  readonly penDir: string;
  readonly dataDir: string | undefined;
  readonly part: WriterPart;
  readonly shapes: number;
  readonly log: (line: string) => void;
}

export const PEN_BENCH_DEFAULTS = { models: ['assets/models/default', 'assets/models/seed'], part: 'test' as WriterPart, shapes: 1000 } as const;

export interface PenBenchRow {
  readonly model: string;
  readonly threshold: number | null;
  readonly digits: DigitFigures;
  readonly letters: LetterFigures;
  readonly half: DigitFigures;
  readonly threeQuarters: DigitFigures;
  /** taps, dashes, ticks, scribbles, blobs shown as a digit, of `shapes` */
  readonly shapesShown: number;
  readonly mnist: { readonly n: number; readonly correct: number; readonly rejected: number };
}

export async function benchPen(options: BenchPenOptions): Promise<PenBenchRow[]> {
  const [digits, letters] = await Promise.all([loadPenFile(options.penDir, 'digits'), loadPenFile(options.penDir, 'letters')]);
  const parts = writerParts(digits);
  const testDigits = samplesOf(digits, parts, options.part);
  const testLetters = samplesOf(letters, parts, options.part);
  const writers = new Set(testDigits.map((s) => `${s.contributor}/${s.writer}`)).size;
  options.log(`${options.part} writers: ${writers}, ${testDigits.length} digits, ${testLetters.length} letters (${PEN_CREDIT})`);
  const mnist = asLabelledImages(await loadMnistSplit('test', { dataDir: options.dataDir }));
  const shapes = shapeImages(options.shapes);
  const rows: PenBenchRow[] = [];
  try {
    for (const dir of options.models) {
      const model = await loadModel(dir);
      try {
        const row = readRow(dir, await modelReader(model, dir), { digits: testDigits, letters: testLetters, shapes, mnist });
        rows.push(row);
        logRow(row, options.shapes, options.log);
      } finally {
        model.dispose();
      }
    }
  } finally {
    tf.dispose([mnist.images, shapes]);
  }
  return rows;
}

/** What a row is read on: the left-out writers' digits and letters, the shapes, MNIST test. */
export interface RowData {
  readonly digits: readonly PenSample[];
  readonly letters: readonly PenSample[];
  readonly shapes: tf.Tensor4D;
  readonly mnist: LabelledImages;
}

/** Every figure of a row, read by `reader`. */
export function readRow(model: string, reader: ModelReader, data: RowData): PenBenchRow {
  return {
    model,
    threshold: reader.threshold,
    digits: evaluatePenDigits(reader, data.digits),
    letters: evaluatePenLetters(reader, data.letters),
    half: evaluatePenDigits(reader, data.digits, 0.5),
    threeQuarters: evaluatePenDigits(reader, data.digits, 0.75),
    shapesShown: reader.read(data.shapes).filter(shownAsDigit).length,
    mnist: mnistFigures(reader, data.mnist.images, data.mnist.labels),
  };
}

function mnistFigures(reader: ModelReader, images: tf.Tensor4D, labels: Uint8Array) {
  const readings = reader.read(images);
  return {
    n: labels.length,
    correct: readings.filter((r, i) => !r.rejected && r.digit === labels[i]).length,
    rejected: readings.filter((r) => r.rejected).length,
  };
}

export function shapeImages(count: number): tf.Tensor4D {
  return tf.tensor4d(nonDigitImages(count, createRandom(20261207)), [count, IMAGE_SIZE, IMAGE_SIZE, 1]);
}

export function logRow(row: PenBenchRow, shapes: number, log: (line: string) => void): void {
  const d = row.digits;
  log(`\n${row.model} (${row.threshold === null ? 'no "not a digit" output' : `"not a digit" from ${row.threshold.toFixed(3)}`})`);
  log(`  pen digits          ${percent(d.correct / d.n)} read right of ${d.n}, ${percent(d.rejected / d.n)} turned away`);
  const groups = Object.entries(d.groups).filter(([, [n]]) => n >= 20).map(([g, [n, c]]) => `${g} ${percent(c / n, 1)} (${n})`);
  log(`  by group (>= 20)    ${groups.join('  ')}`);
  const worst = Object.entries(d.writers).map(([w, [n, c]]) => ({ w, n, errors: n - c })).sort((a, b) => b.errors - a.errors).slice(0, 3);
  const rest = worst.reduce((sum, x) => ({ n: sum.n - x.n, errors: sum.errors - x.errors }), { n: d.n, errors: d.n - d.correct });
  log(`  most errors         ${worst.map((x) => `${x.w} ${x.errors} of ${x.n}`).join('  ')}; the other ${Object.keys(d.writers).length - worst.length} writers ${percent(1 - rest.errors / Math.max(1, rest.n))}`);
  // Two writers hold two thirds of the test digits, so the pooled figure is mostly theirs.
  const perWriter = Object.values(d.writers).map(([n, c]) => c / n);
  log(`  mean over writers   ${percent(perWriter.reduce((a, b) => a + b, 0) / Math.max(1, perWriter.length))} (each writer's share read right, averaged over ${perWriter.length})`);
  log(`  letters             ${percent(row.letters.shownAsDigit / row.letters.n)} of ${row.letters.n} shown as a digit (${percent(row.letters.rejected / row.letters.n)} turned away)`);
  log(`  first half          ${percent(row.half.confidentWrong / row.half.n)} read as another digit at >= 0.9 (${percent(row.half.rejected / row.half.n)} turned away)`);
  log(`  three quarters      ${percent(row.threeQuarters.confidentWrong / row.threeQuarters.n)} read as another digit at >= 0.9 (${percent(row.threeQuarters.rejected / row.threeQuarters.n)} turned away)`);
  log(`  taps, dashes, scribbles ${percent(row.shapesShown / shapes)} of ${shapes} shown as a digit`);
  log(`  MNIST test          ${percent(row.mnist.correct / row.mnist.n)} read right, ${row.mnist.rejected} turned away`);
}
